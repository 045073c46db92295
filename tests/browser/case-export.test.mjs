// Browser test of the case file page in Chromium: the swarm fixture is scrolled (its pages and
// pictures go to the engine), then extension/case.html exports the report, the CSV files and the
// bundle (the downloaded bytes are checked: the report and CSV hold the swarm, the zip's manifest
// verifies, its payloads are the pages as the site served them) and opens the bundle read only in
// a sandboxed frame; a damaged bundle is refused naming the file. The payload archive is checked
// on its own (dedup, least-recently-seen eviction under a cap, the codec). Screenshots of the
// page in English and Persian go to build/case-page-en.png and build/case-page-fa.png.
//
// Run: scripts/build native && scripts/build wasm && scripts/build-extension && node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ORIGIN, ROOT, extensionDir, rowsHaveBadges } from './fixture-site.mjs';
import { IMAGE_HOST, SWARM_PAGE_URL, expectedSwarm, loadSwarmFixture, pictureCache, routeSwarmSite } from './swarm-fixture.mjs';
import { storedZipEntries } from '../wasm/helpers.mjs';

const ALLOWED_SCHEMES = /^(chrome-extension|data|blob|about):/;
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const decoder = new TextDecoder();
const cli = path.join(ROOT, 'build', 'native', 'cli', 'swarmlens');
const fa = JSON.parse(await readFile(path.join(ROOT, 'extension', '_locales', 'fa', 'messages.json'), 'utf8'));

let context;
let userDataDir;
let downloadsDir;
let fixture;
let expected;
let casePageUrl;
const blocked = [];
const problems = [];  // page errors and console errors of every page and the worker

function watch(source, target) {
  target.on('console', (m) => { if (m.type() === 'error') problems.push(`${source}: ${m.text()}`); });
  target.on('pageerror', (e) => problems.push(`${source}: ${e}`));
}

/** Clicks a button of the case page and returns the downloaded file's name and bytes. */
async function downloadFrom(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const file = path.join(downloadsDir, download.suggestedFilename());
  await download.saveAs(file);
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(file)) };
}

async function openCasePage(query = '') {
  const page = await context.newPage();
  watch('case page', page);
  await page.goto(`${casePageUrl}${query}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');
  return page;
}

before(async () => {
  const ext = extensionDir('chrome');
  fixture = await loadSwarmFixture();
  const pictures = pictureCache();
  expected = await expectedSwarm(ext, fixture, pictures);
  userDataDir = await mkdtemp(path.join(tmpdir(), 'swarmlens-case-'));
  downloadsDir = await mkdtemp(path.join(tmpdir(), 'swarmlens-case-downloads-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1000, height: 1100 },
    args: [
      `--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
    ],
  });
  context.setDefaultTimeout(30_000);  // failure bound only
  await routeSwarmSite(context, fixture, blocked, ALLOWED_SCHEMES);
  await context.route((url) => url.protocol === 'https:' && IMAGE_HOST.test(url.hostname), (route) => {
    const user = fixture.byUrl.get(route.request().url());
    if (!user || user.anonymous) return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
    return route.fulfill({ status: 200, contentType: 'image/png', body: pictures(user).png });
  });
  context.on('serviceworker', (worker) => watch('worker', worker));
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker');
  watch('worker', worker);
  casePageUrl = `chrome-extension://${new URL(worker.url()).host}/case.html`;  // Node gives such URLs a null origin
});

after(async () => {
  await context?.close();
  for (const dir of [userDataDir, downloadsDir]) if (dir) await rm(dir, { recursive: true, force: true });
});

test('the case page exports the swarm as report, CSV and a bundle whose manifest verifies; the bundle opens read only', async () => {
  // Scroll the swarm fixture until every picture is in (the summary shows the engine's clusters).
  const site = await context.newPage();
  watch('site', site);
  await site.goto(SWARM_PAGE_URL);
  await site.waitForFunction(() => window.__done === true || window.__errors.length > 0);
  assert.deepEqual(await site.evaluate(() => window.__errors), []);
  await site.waitForFunction(rowsHaveBadges, fixture.users.map((u) => u.username));
  const want = expected.clusters.map((c) => `${c.cluster_kind} ${c.size}`).sort();
  await site.waitForFunction((signature) => {
    const root = document.querySelector('swarmlens-summary')?.shadowRoot;
    const got = root ? [...root.querySelectorAll('.item')].map((i) => `${i.dataset.kind} ${i.dataset.size}`).sort() : [];
    return JSON.stringify(got) === JSON.stringify(signature);
  }, want);

  const page = await openCasePage('?lang=en');
  assert.equal(await page.evaluate(() => document.documentElement.dir), 'ltr');
  const summary = await page.textContent('#summary');
  assert.match(summary, new RegExp(`^${expected.accounts.size} accounts seen, \\d+ flagged`), summary);

  // The report: the swarm's clusters and members, no script, no external resource.
  const swarm = fixture.users.filter((u) => u.label === 'swarm').map((u) => u.username);
  const report = await downloadFrom(page, '#export-report');
  assert.match(report.name, /^swarmlens-instagram-\d{4}-\d{2}-\d{2}-report\.html$/);
  const html = decoder.decode(report.bytes);
  assert.match(html, /<h2>Swarms<\/h2>/);
  assert.doesNotMatch(html, /<script|src=|href=/);
  const inReport = swarm.filter((u) => html.includes(`>${u}<`));
  assert.ok(inReport.length >= swarm.length * 0.9, `${inReport.length} of ${swarm.length} swarm accounts in the report`);
  const accountsCsv = decoder.decode((await downloadFrom(page, '#export-accounts')).bytes);
  assert.match(accountsCsv, /^rank,username,pk,full_name,score,level/);
  for (const u of swarm) assert.ok(accountsCsv.includes(`"${u}"`), u);
  const commentsCsv = await downloadFrom(page, '#export-comments');
  assert.match(commentsCsv.name, /-comments\.csv$/);

  // The bundle: manifest verifies, the payloads are the pages byte for byte, the case is the swarm.
  const bundle = await downloadFrom(page, '#export-bundle');
  assert.match(bundle.name, /-bundle\.zip$/);
  assert.match(await page.textContent('#export-status'), /: \d+ of \d+ captured pages inside\.$/);
  const files = storedZipEntries(bundle.bytes);
  const manifest = decoder.decode(files.get('SHA256SUMS')).trim().split('\n');
  assert.equal(manifest.length, files.size - 1);
  for (const line of manifest) {
    const [hex, name] = line.split('  ');
    assert.equal(sha256(files.get(name)), hex, name);
  }
  for (const [i, text] of fixture.pages.entries()) {
    const bytes = new TextEncoder().encode(text);
    assert.deepEqual(files.get(`payloads/${sha256(bytes)}`), bytes, `page ${i + 1} as served`);
  }
  const caseJson = JSON.parse(decoder.decode(files.get('case.json')));
  assert.deepEqual(caseJson.clusters.map((c) => `${c.cluster_kind} ${c.size}`).sort(), want);
  for (const p of caseJson.payloads) assert.ok(files.has(`payloads/${p.sha256}`), `payload ${p.sha256} in the bundle`);
  const bundlePath = path.join(downloadsDir, bundle.name);
  if (existsSync(cli)) {  // the same bundle opens in the CLI
    const r = spawnSync(cli, ['report', '--bundle', bundlePath, '--out', path.join(downloadsDir, 'cli')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  }

  // Opened read only: verified, shown in a frame that runs nothing, the same clusters.
  await page.setInputFiles('#bundle-file', bundlePath);
  await page.waitForFunction(() => !document.getElementById('import-result').hidden);
  assert.match(await page.textContent('#import-status'), new RegExp(`^Checked: all ${files.size - 1} files match`));
  assert.equal(await page.textContent('#import-manifest'), sha256(files.get('SHA256SUMS')));
  const frame = await page.$('#import-frame');
  assert.equal(await frame.getAttribute('sandbox'), '');
  const srcdoc = await frame.evaluate((f) => f.srcdoc);
  assert.match(srcdoc, /<h2>Swarms<\/h2>/);
  for (const u of inReport) assert.ok(srcdoc.includes(`>${u}<`), u);
  const shown = await (await frame.contentFrame()).textContent('body');  // rendered, before the screenshot
  assert.match(shown, /Swarms/);
  const saved = await downloadFrom(page, '#import-download');
  assert.equal(decoder.decode(saved.bytes), srcdoc);
  await mkdir(path.join(ROOT, 'build'), { recursive: true });
  await page.screenshot({ path: path.join(ROOT, 'build', 'case-page-en.png'), fullPage: true });

  // A damaged bundle is refused naming the file; the report shown before goes away.
  const damaged = bundle.bytes.slice();
  const first = `payloads/${sha256(new TextEncoder().encode(fixture.pages[0]))}`;
  damaged[files.get(first).byteOffset + 20] ^= 1;
  const damagedPath = path.join(downloadsDir, 'damaged.zip');
  await writeFile(damagedPath, damaged);
  await page.setInputFiles('#bundle-file', damagedPath);
  await page.waitForFunction(() => document.getElementById('import-status').className === 'refused');
  assert.match(await page.textContent('#import-status'), /^This bundle was refused/);
  assert.match(await page.textContent('#import-error'), new RegExp(`damaged\\.zip: byte \\d+: entry "${first}": CRC-32 mismatch`));
  assert.equal(await page.isHidden('#import-frame'), true);

  // Persian: every string from the fa catalogue, right to left.
  const persian = await openCasePage('?lang=fa');
  assert.equal(await persian.evaluate(() => document.documentElement.dir), 'rtl');
  assert.equal(await persian.evaluate(() => document.documentElement.lang), 'fa');
  assert.equal(await persian.textContent('h1'), fa.case_page_title.message);
  assert.equal(await persian.textContent('#export-bundle'), fa.case_export_bundle.message);
  const untranslated = await persian.evaluate(() => [...document.querySelectorAll('[data-i18n]')]
    .filter((el) => el.textContent.trim() === '').map((el) => el.dataset.i18n));
  assert.deepEqual(untranslated, []);
  await persian.setInputFiles('#bundle-file', bundlePath);
  await persian.waitForFunction(() => !document.getElementById('import-result').hidden);
  assert.ok((await persian.textContent('#import-status')).startsWith('بررسی شد'));
  await (await (await persian.$('#import-frame')).contentFrame()).waitForSelector('h2');
  await persian.screenshot({ path: path.join(ROOT, 'build', 'case-page-fa.png'), fullPage: true });

  assert.deepEqual(blocked, []);
  assert.deepEqual(problems, []);
});

test('the payload archive keeps each payload once, evicts the least recently seen first, and uses its codec', async () => {
  const page = await openCasePage();
  const result = await page.evaluate(async () => {
    const { openPayloadArchive } = await import('./payload-archive.js');
    const text = (c, n) => c.repeat(n);
    let clock = 0;
    const archive = openPayloadArchive('evictiontest', { capBytes: 1000, now: () => ++clock });
    const a = await archive.put(text('a', 400));
    const again = await archive.put(text('a', 400));
    await archive.put(text('b', 400));
    await archive.put(text('a', 400));  // seen again: b is now the least recently seen
    const c = await archive.put(text('c', 400));
    const big = await archive.put(text('d', 2000));
    const all = (await archive.all()).map((bytes) => new TextDecoder().decode(bytes)[0]);
    const stats = await archive.stats();
    // A codec: the stored bytes are the encoded ones, get() gives the plain ones back.
    const flip = { encode: async (b) => b.map((x) => x ^ 0xff), decode: async (b) => b.map((x) => x ^ 0xff) };
    const coded = openPayloadArchive('codectest', { codec: flip });
    const put = await coded.put('secret page');
    const plain = new TextDecoder().decode(await coded.get(put.sha256));
    const stored = await new Promise((resolve) => {
      const open = indexedDB.open('swarmlens-payloads-codectest');
      open.onsuccess = () => {
        const get = open.result.transaction('payloads').objectStore('payloads').get(put.sha256);
        get.onsuccess = () => resolve(Array.from(get.result.bytes));
      };
    });
    await archive.clear();
    const cleared = await archive.stats();
    return { a, again, c, big, all, stats, plain, stored, cleared, sha: put.sha256 };
  });
  assert.equal(result.a.sha256, sha256('a'.repeat(400)));
  assert.equal(result.again.sha256, result.a.sha256);
  assert.equal(result.c.evicted, 1);
  assert.deepEqual(result.all, ['a', 'c']);  // b evicted; oldest first
  assert.deepEqual(result.stats, { count: 2, storedBytes: 800, capBytes: 1000 });
  assert.equal(result.big.stored, false);
  assert.equal(result.plain, 'secret page');
  assert.equal(result.sha, sha256('secret page'));
  assert.deepEqual(result.stored, Array.from(Buffer.from('secret page')).map((x) => x ^ 0xff));
  assert.deepEqual(result.cleared, { count: 0, storedBytes: 0, capBytes: 1000 });
  await page.close();
});
