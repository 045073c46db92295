// Browser test of the swarm features in Chromium: a followers dialog whose pages come from the CLI
// simulator (a 120-account swarm among organic followers), profile pictures served as PNGs on the
// routed Meta image hosts, and the extension loaded from dist/chrome.
//
// Checked: the background re-reads exactly the pictures of the page's accounts that have one,
// only on the image hosts, with no cookies and no referrer, never a hostile URL; the dialog summary
// shows the clusters the same engine finds in node on the same inputs (cohort, burst, shared
// pictures...), opens and closes from the keyboard; every row shows the engine's final result,
// swarm rows with their swarm_* reasons (the shared-picture one for accounts with a reused picture)
// and organic rows outside every cluster without any; the page got its responses unchanged.
//
// Run: scripts/build native && scripts/build wasm && scripts/build-extension && node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ORIGIN, assertBadges, extensionDir, readBadges, rowsHaveBadges } from './fixture-site.mjs';
import {
  HOSTILE_PICTURE_URLS, IMAGE_HOST, SWARM_OWNER, SWARM_PAGE_URL, expectedSwarm, loadSwarmFixture, pictureCache,
  routeSwarmSite,
} from './swarm-fixture.mjs';

const ALLOWED_SCHEMES = /^(chrome-extension|data|blob):/;
/** A cookie on the image host: the extension's requests must not carry it. */
const CDN_COOKIE = { name: 'sessionid', value: 'must-not-be-sent', domain: '.cdninstagram.com', path: '/',
                     secure: true, httpOnly: true, sameSite: 'None' };

let context;
let page;
let userDataDir;
let fixture;
let pictures;
let expected;                 // the node engine after the same pages and pictures
const requests = [];          // every URL the browser requested
const imageRequests = [];     // {url, headers} of every request to the image hosts
const blocked = [];
const pageErrors = [];
const consoleErrors = [];

function watchConsole(source, target) {
  target.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${source}: ${message.text()}`);
  });
}

/** Engine clusters as `cluster_kind size` strings, sorted (the order is checked separately). */
function clusterSignature(clusters) {
  return clusters.map((c) => `${c.cluster_kind} ${c.size}`).sort();
}

/** In the page: the summary hosts and what the (first) one shows. */
function readSummary() {
  const hosts = [...document.querySelectorAll('swarmlens-summary')];
  const root = hosts[0] && hosts[0].shadowRoot;
  if (!root) return { hosts: hosts.length };
  const head = root.querySelector('.head');
  return {
    hosts: hosts.length,
    inDialog: hosts[0].parentElement === document.querySelector('[role="dialog"]'),
    title: root.querySelector('.title').textContent,
    brief: root.querySelector('.brief').textContent,
    expanded: head.getAttribute('aria-expanded'),
    listHidden: root.querySelector('.list').hidden,
    items: [...root.querySelectorAll('.item')].map((item) => ({
      kind: item.dataset.kind, size: Number(item.dataset.size), label: item.querySelector('.kind').textContent,
      text: item.querySelector('.text').textContent,
    })),
  };
}

before(async () => {
  const ext = extensionDir('chrome');
  fixture = await loadSwarmFixture();
  pictures = pictureCache();
  expected = await expectedSwarm(ext, fixture, pictures);

  userDataDir = await mkdtemp(path.join(tmpdir(), 'swarmlens-swarm-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run',
    ],
  });
  context.setDefaultTimeout(30_000);  // failure bound only
  await context.addCookies([CDN_COOKIE]);

  context.on('request', (request) => requests.push(request.url()));
  await routeSwarmSite(context, fixture, blocked, ALLOWED_SCHEMES);
  // Meta's image hosts: the PNG drawn for the account whose profile_pic_url this is.
  await context.route((url) => url.protocol === 'https:' && IMAGE_HOST.test(url.hostname), async (route) => {
    const request = route.request();
    imageRequests.push({ url: request.url(), method: request.method(), headers: await request.allHeaders() });
    const user = fixture.byUrl.get(request.url());
    if (!user || user.anonymous) return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
    return route.fulfill({ status: 200, contentType: 'image/png', body: pictures(user).png });
  });

  context.on('serviceworker', (worker) => watchConsole('worker', worker));
  for (const worker of context.serviceWorkers()) watchConsole('worker', worker);
  page = await context.newPage();
  watchConsole('page', page);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
});

after(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

test('the fixture holds a swarm the engine finds (cohort, burst, three shared pictures)', () => {
  const swarm = fixture.users.filter((u) => u.label === 'swarm');
  assert.equal(swarm.length, 120, 'the simulator put the whole swarm into the loaded pages');
  const kinds = new Set(expected.clusters.map((c) => c.cluster_kind));
  for (const kind of ['cohort', 'burst', 'shared_avatar']) assert.ok(kinds.has(kind), `the engine finds a ${kind}`);
  // Every pool picture is one shared-picture cluster, as large as the simulator's pool use.
  const poolSizes = new Map();
  for (const u of fixture.users) if (u.avatarKey.startsWith('pool')) poolSizes.set(u.avatarKey, (poolSizes.get(u.avatarKey) ?? 0) + 1);
  assert.deepEqual(expected.clusters.filter((c) => c.cluster_kind === 'shared_avatar').map((c) => c.size).sort(),
                   [...poolSizes.values()].sort());
  // The shared pictures exist only after the pictures: the pages alone do not show them.
  assert.ok(!expected.pagesClusters.some((c) => c.cluster_kind === 'shared_avatar'));
});

test('the dialog summary shows the engine\'s clusters once the pictures are read', async () => {
  await page.goto(SWARM_PAGE_URL);
  await page.waitForFunction(() => window.__done === true || window.__errors.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  const usernames = fixture.users.map((u) => u.username);
  await page.waitForFunction(rowsHaveBadges, usernames);

  const mine = expected.clusters.filter((c) => c.list === 'followers' && c.owner === SWARM_OWNER);
  const want = clusterSignature(mine);
  // Waits until every picture is in (the shared-picture clusters complete); fails on timeout.
  await page.waitForFunction(([signature]) => {
    const root = document.querySelector('swarmlens-summary')?.shadowRoot;
    if (!root) return false;
    const got = [...root.querySelectorAll('.item')].map((i) => `${i.dataset.kind} ${i.dataset.size}`).sort();
    return JSON.stringify(got) === JSON.stringify(signature);
  }, [want]).catch(async (error) => {
    assert.fail(`summary never matched the engine: ${JSON.stringify(await page.evaluate(readSummary))} ` +
                `want ${JSON.stringify(want)} (${error.message})`);
  });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

  const summary = await page.evaluate(readSummary);
  assert.equal(summary.hosts, 1, 'exactly one summary');
  assert.ok(summary.inDialog, 'the summary sits at the top of the followers dialog');
  assert.equal(summary.title, `SwarmLens: ${mine.length} swarms`);
  assert.equal(summary.expanded, 'false', 'collapsed at first');
  assert.equal(summary.listHidden, true);
  // Each line is the engine's own sentence for that cluster, labelled with its kind.
  assert.deepEqual(summary.items.map((i) => i.text).sort(), mine.map((c) => c.description).sort());
  for (const item of summary.items) assert.equal(item.label, item.kind.replace(/_/g, ' '));
  // Strongest first.
  const strengthOf = new Map(mine.map((c) => [c.description, c.strength]));
  const strengths = summary.items.map((i) => strengthOf.get(i.text));
  assert.deepEqual(strengths, [...strengths].sort((a, b) => b - a));
  // The digest names each kind with its sizes.
  for (const c of mine) assert.ok(summary.brief.includes(c.cluster_kind.replace(/_/g, ' ')), `digest names ${c.cluster_kind}`);
  for (const size of mine.filter((c) => c.cluster_kind === 'shared_avatar').map((c) => c.size)) {
    assert.match(summary.brief, new RegExp(`\\b${size}\\b`));
  }

  // Keyboard: Tab-focusable button; Enter opens, Space closes.
  const head = page.locator('swarmlens-summary .head');
  await head.focus();
  await page.keyboard.press('Enter');
  assert.equal(await head.getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('swarmlens-summary .list').isVisible(), true);
  await page.keyboard.press('Space');
  assert.equal(await head.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.locator('swarmlens-summary .list').isVisible(), false);
});

test('rows show the engine\'s final results, with swarm reasons on swarm rows only', async () => {
  const usernames = fixture.users.map((u) => u.username);
  const state = await page.evaluate(readBadges);
  assertBadges(assert, state, usernames, expected.accounts);

  const members = new Map();  // username -> cluster kinds it belongs to
  for (const c of expected.clusters.filter((c) => c.owner === SWARM_OWNER)) {
    for (const name of c.members) members.set(name, [...(members.get(name) ?? []), c.cluster_kind]);
  }
  const sharedPicture = fixture.users.filter((u) => u.avatarKey.startsWith('pool'));
  assert.ok(sharedPicture.length > 50);
  for (const user of fixture.users) {
    const tip = state[user.username][0].tip;
    if (user.label === 'swarm') assert.match(tip, /swarm_[a-z_]+/, `swarm row ${user.username} shows a swarm reason`);
    if (!members.has(user.username)) assert.doesNotMatch(tip, /swarm_/, `${user.username} is in no cluster`);
  }
  for (const user of sharedPicture) {
    const reason = expected.accounts.get(user.username).reasons.find((r) => r.code === 'swarm_shared_avatar');
    assert.ok(reason, `the engine gives ${user.username} the shared-picture reason`);
    assert.ok(state[user.username][0].tip.includes(`swarm_shared_avatar`), `${user.username} shows swarm_shared_avatar`);
    assert.ok(state[user.username][0].tip.includes(reason.text), `${user.username} shows "${reason.text}"`);
  }
  // No organic account shares a picture.
  for (const user of fixture.users.filter((u) => u.label === 'organic')) {
    assert.doesNotMatch(state[user.username][0].tip, /swarm_shared_avatar/);
  }
});

test('pictures: only the page\'s own picture URLs on Meta hosts, each once, without cookies', () => {
  const wanted = fixture.users.filter((u) => !u.anonymous && !u.hostile).map((u) => u.profile_pic_url).sort();
  assert.deepEqual(imageRequests.map((r) => r.url).sort(), wanted, 'one request per account with its own picture');
  for (const { url, method, headers } of imageRequests) {
    assert.equal(method, 'GET', url);
    assert.equal(headers.cookie, undefined, `no cookie sent to ${url}`);
    assert.equal(headers.referer, undefined, `no referrer sent to ${url}`);
  }
  const anonymousUrls = new Set(fixture.users.filter((u) => u.anonymous).map((u) => u.profile_pic_url));
  assert.ok(!requests.some((url) => anonymousUrls.has(url)), 'the default silhouette is never fetched');
  // (A hostile URL on an image host would also break the equality above; others are strays below.)
  for (const hostile of HOSTILE_PICTURE_URLS) assert.ok(!requests.includes(new URL(hostile).href), `never requested ${hostile}`);
});

test('the page got its responses unchanged; no errors; nothing else was requested', async () => {
  assert.deepEqual(await page.evaluate(() => window.__received), fixture.pages, 'every page byte for byte');
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(blocked, [], 'nothing reached the catch-all route');
  const stray = requests.filter((url) => !url.startsWith(`${ORIGIN}/`) && !ALLOWED_SCHEMES.test(url) &&
                                         !IMAGE_HOST.test(new URL(url).hostname));
  assert.deepEqual(stray, []);
});
