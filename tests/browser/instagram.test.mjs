// Browser test of the Chromium extension on a local stand-in for the Instagram followers dialog.
//
// The page https://www.instagram.com/target_activist/followers/ is served from fixtures/ by a
// Playwright route, so the content scripts match without touching the real site. The fixture app
// loads three follower pages the way the web app does (fetch to the REST endpoint, XHR text to
// /graphql/query, XHR json to /api/graphql) and renders rows from what it received.
//
// Later the page loads two profiles (a web_profile_info fetch and a GraphQL hover card, as hovering
// a row does); those rows must then show the profile tier of evidence.
//
// Run: scripts/build wasm && scripts/build-extension && node --test tests/browser/
// SWARMLENS_EXT_DIR overrides the unpacked extension folder (default dist/chrome).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  ATTACKER, ATTACKER_NAME, BOTS, ORGANIC, ORIGIN, PAGE_URL, PAGE_USERS, PROFILE_USERS,
  assertBadges, expectedResults, extensionDir, loadFixtureTexts, readBadges, rowShowsTier, rowsHaveBadges, serve,
  tierLine,
} from './fixture-site.mjs';
import { IMAGE_HOST } from './swarm-fixture.mjs';

const ALLOWED_SCHEMES = /^(chrome-extension|data|blob):/;

let context;
let page;
let userDataDir;
let texts;
let expected;                 // username -> the node engine's result for the same pages
let expectedProfiles;         // the same after the profile payloads
const requests = [];          // every URL the browser requested
const blocked = [];           // requests no route serves
const pageErrors = [];
const consoleErrors = [];
const dialogs = [];
const imageRequests = [];     // requests to Meta's image hosts (answered 404)

/** Waits until every row of `usernames` has a badge (polling the DOM; no fixed sleeps). */
async function waitForBadges(usernames) {
  await page.waitForFunction(rowsHaveBadges, usernames);
  // Let any scan already scheduled run (two frames), so a late duplicate would be seen.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

function watchConsole(source, target) {
  target.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${source}: ${message.text()}`);
  });
}

before(async () => {
  const ext = extensionDir('chrome');
  texts = await loadFixtureTexts();
  expected = await expectedResults(ext, texts);
  expectedProfiles = await expectedResults(ext, texts, { withProfiles: true });

  userDataDir = await mkdtemp(path.join(tmpdir(), 'swarmlens-browser-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,  // Chromium 156's only headless mode is the new one, which loads extensions
    args: [
      `--disable-extensions-except=${ext}`,
      `--load-extension=${ext}`,
      '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run',
    ],
  });
  // Failure bound only (a passing run never waits this long): keeps a broken run short.
  context.setDefaultTimeout(15_000);

  context.on('request', (request) => requests.push(request.url()));
  // Registered first, so it runs last: whatever the site route does not serve is aborted.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (ALLOWED_SCHEMES.test(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const answer = await serve(route.request().url(), texts);
    if (!answer) {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    }
    return route.fulfill(answer);
  });
  // Meta's image hosts: the extension re-reads the profile pictures the pages name (swarm.test.mjs
  // checks that part); here they are missing, which the extension must take quietly.
  await context.route((url) => url.protocol === 'https:' && IMAGE_HOST.test(url.hostname), (route) => {
    imageRequests.push(route.request().url());
    return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
  });

  context.on('serviceworker', (worker) => watchConsole('worker', worker));
  for (const worker of context.serviceWorkers()) watchConsole('worker', worker);
  page = await context.newPage();
  watchConsole('page', page);  // the page and the extension's content scripts
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
});

after(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

test('fixture expectations are unambiguous for the engine', () => {
  for (const name of BOTS) assert.equal(expected.get(name)?.level, 'high', `${name} is a clear bot`);
  for (const name of ORGANIC) assert.equal(expected.get(name)?.level, 'low', `${name} is clearly organic`);
  assert.ok(expected.has(ATTACKER));
});

test('badges every follower row once, with the engine level and reasons', async () => {
  await page.goto(PAGE_URL);
  await page.waitForFunction(() => window.__page1Done === true || window.__errors.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__errors), [], 'the fixture app loaded page 1');
  await waitForBadges(PAGE_USERS.page1);
  assertBadges(assert, await page.evaluate(readBadges), PAGE_USERS.page1, expected);

  await page.evaluate(() => window.loadPage2());
  await waitForBadges(PAGE_USERS.page2);
  // New results trigger a full rescan: page-1 rows must still have one badge each.
  assertBadges(assert, await page.evaluate(readBadges), [...PAGE_USERS.page1, ...PAGE_USERS.page2], expected);

  await page.evaluate(() => window.loadPage3());
  await waitForBadges(PAGE_USERS.page3);
  const all = [...PAGE_USERS.page1, ...PAGE_USERS.page2, ...PAGE_USERS.page3];
  let state = await page.evaluate(readBadges);
  assertBadges(assert, state, all, expected);

  // Explicit expectations, independent of what the node engine said.
  for (const name of BOTS) assert.equal(state[name][0].level, 'high', `${name} badge is high`);
  for (const name of ORGANIC) assert.equal(state[name][0].level, 'low', `${name} badge is low`);
  // A row the engine never saw, the hashtag link and the profile header get nothing.
  assert.deepEqual(state.not_in_payload, []);
  assert.equal(await page.locator('a[href="/explore/tags/followers/"] ~ swarmlens-badge').count(), 0);
  assert.equal(await page.locator('header swarmlens-badge').count(), 0);
  // A dialog whose pages were read never says it cannot read the page.
  assert.equal(await page.locator('swarmlens-notice').count(), 0);

  // React-style re-render: replaced rows, a row with new children, a moved row.
  await page.evaluate(() => window.rerender());
  await waitForBadges(all);
  state = await page.evaluate(readBadges);
  assertBadges(assert, state, all, expected);
  assert.equal(await page.locator('swarmlens-badge').count(), all.length, 'no stray badges anywhere');
});

test('the tooltip shows on hover and on keyboard focus', async () => {
  const bot = 'user8815263094';
  const want = expected.get(bot);
  assert.ok(want.reasons.length > 0, 'the bot has reasons');
  const badge = page.locator(`[data-fixture-user="${bot}"] swarmlens-badge .badge`);
  const tip = page.locator(`[data-fixture-user="${bot}"] swarmlens-badge .tip`);
  assert.equal(await badge.count(), 1, 'the bot row has its badge');
  assert.equal(await tip.isVisible(), false, 'tooltip hidden at rest');
  await badge.hover();
  await tip.waitFor({ state: 'visible' });
  assert.ok((await tip.textContent()).includes(want.reasons[0].text));
  // SWARMLENS_SCREENSHOT=<file.png> keeps a picture of the dialog with the tooltip open.
  if (process.env.SWARMLENS_SCREENSHOT) await page.screenshot({ path: process.env.SWARMLENS_SCREENSHOT });
  await page.mouse.move(0, 0);
  await tip.waitFor({ state: 'hidden' });
  assert.equal(await badge.getAttribute('tabindex'), '0');
  await badge.focus();
  await tip.waitFor({ state: 'visible' });
});

test('attacker-written display names stay text', async () => {
  const shown = await page.evaluate((user) => {
    const node = document.querySelector(`[data-fixture-user="${user}"] [data-fixture-role="full-name"]`);
    return node && node.textContent;
  }, ATTACKER);
  assert.equal(shown, ATTACKER_NAME);
  assert.equal(await page.locator('img[src="x"]').count(), 0);
  assert.deepEqual(dialogs, []);
});

test('the page receives every response unchanged', async () => {
  const received = await page.evaluate(() => window.__received);
  assert.equal(received.page1, texts.page1, 'fetch body unchanged byte for byte');
  assert.equal(received.page2, texts.page2, 'XHR responseText unchanged byte for byte');
  assert.deepEqual(JSON.parse(received.page3), JSON.parse(texts.page3), 'XHR json response unchanged');
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
});

test('the wrapped fetch keeps its semantics', async () => {
  const seen = await page.evaluate(async () => {
    const out = { name: fetch.name, length: fetch.length };
    // A rejection reaches the caller unchanged (aborted before any request is made).
    out.rejection = await fetch('/api/v1/friendships/1234567890/followers/', { signal: AbortSignal.abort() })
      .then(() => 'resolved', (error) => error.name);
    return out;
  });
  assert.deepEqual(seen, { name: 'fetch', length: 1, rejection: 'AbortError' });
});

test('forged or malformed hook messages are ignored without errors', async () => {
  const before = await page.evaluate(readBadges);
  await page.evaluate(() => {
    const send = (detail) => document.dispatchEvent(new CustomEvent('swarmlens:payload', { detail }));
    send({ v: 1, text: '{"users":[]}', url: '', list: '', owner: '' });  // not a string
    send('not json');
    send(JSON.stringify({ v: 2, text: '{}', url: '', list: '', owner: '' }));
    send(JSON.stringify({ v: 1, text: '{}', url: '', list: 'blocked', owner: '' }));
    send(JSON.stringify({ v: 1, text: '{}', url: '', list: '', owner: '../../x' }));
    send(JSON.stringify({ v: 1, text: 'x'.repeat(9 * 1024 * 1024), url: '', list: '', owner: '' }));
    send(JSON.stringify({ v: 1, text: '{"users":[{"username":', url: '', list: 'followers', owner: '' }));
  });
  // Messages are handled in order: once a well-formed one after them is badged, all were handled.
  // (A well-formed forged list does get badges: the page that sends it owns the DOM anyway.)
  await page.evaluate(() => {
    const user = { username: 'forged_probe', full_name: 'Probe', is_private: false, profile_pic_url: '' };
    window.renderUsers([user]);
    document.dispatchEvent(new CustomEvent('swarmlens:payload', { detail: JSON.stringify(
      { v: 1, text: JSON.stringify({ users: [user] }), url: '', list: 'followers', owner: '' }) }));
  });
  await waitForBadges(['forged_probe']);
  const after = await page.evaluate(readBadges);
  delete after.forged_probe;
  assert.deepEqual(after, before);
});

test('a profile the page loads moves that row to the profile tier of evidence', async () => {
  const all = [...PAGE_USERS.page1, ...PAGE_USERS.page2, ...PAGE_USERS.page3];
  const profiled = Object.values(PROFILE_USERS);
  // What the engine must provide: the profile tier, and reasons a follower list cannot give.
  for (const name of profiled) {
    const before = expected.get(name);
    const after = expectedProfiles.get(name);
    assert.equal(before.tier, 'list', `${name} is scored on list evidence at first`);
    assert.equal(after.tier, 'profile', `${name} is scored on profile evidence after its profile`);
    const listCodes = new Set(before.reasons.map((r) => r.code));
    assert.ok(after.reasons.some((r) => !listCodes.has(r.code)), `${name} gains profile reasons`);
  }
  // A follow bot wearing an organic name and photo: its profile should raise it.
  assert.equal(expected.get(PROFILE_USERS.profile).level, 'low');
  assert.notEqual(expectedProfiles.get(PROFILE_USERS.profile).level, 'low', 'the profile raises the level');

  const before = await page.evaluate(readBadges);
  for (const name of profiled) assert.equal(before[name][0].tier, tierLine('list'));
  const profileRequests = () => requests.filter((url) => url.includes('/api/v1/users/') || url.includes('fixture=hovercard'));
  assert.deepEqual(profileRequests(), []);

  await page.evaluate((name) => window.loadProfile(name), PROFILE_USERS.profile);
  await page.waitForFunction(rowShowsTier, [PROFILE_USERS.profile, tierLine('profile')]);
  await page.evaluate(() => window.loadHoverCard());
  await page.waitForFunction(rowShowsTier, [PROFILE_USERS.hovercard, tierLine('profile')]);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

  const state = await page.evaluate(readBadges);
  // Every row: one badge at the engine's level, reasons and tier; the two profiled rows now show
  // the profile-tier result (level, profile reason codes and texts, the tier line).
  assertBadges(assert, state, all, expectedProfiles);
  for (const name of profiled) {
    const listCodes = new Set(expected.get(name).reasons.map((r) => r.code));
    const gained = expectedProfiles.get(name).reasons.filter((r) => !listCodes.has(r.code));
    for (const reason of gained) assert.ok(state[name][0].tip.includes(reason.code), `${name} shows ${reason.code}`);
  }
  assert.equal(state[PROFILE_USERS.profile][0].level, expectedProfiles.get(PROFILE_USERS.profile).level);
  assert.notEqual(state[PROFILE_USERS.profile][0].level, before[PROFILE_USERS.profile][0].level, 'the level moved');
  // The other rows are untouched.
  for (const name of all.filter((n) => !profiled.includes(n))) assert.deepEqual(state[name], before[name], name);

  // The page got both responses unchanged, and only its own two requests were made.
  const received = await page.evaluate(() => window.__received);
  assert.equal(received.profile, texts.profile, 'fetch body unchanged byte for byte');
  assert.deepEqual(JSON.parse(received.hovercard), JSON.parse(texts.hovercard), 'XHR json response unchanged');
  assert.deepEqual(profileRequests(), [
    `${ORIGIN}/api/v1/users/web_profile_info/?username=${PROFILE_USERS.profile}`,
    `${ORIGIN}/api/graphql?fixture=hovercard`,
  ]);
});

test('no page errors, no console errors, no request to any other host', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(blocked, [], 'nothing reached the catch-all route');
  const stray = requests.filter((url) => !url.startsWith(`${ORIGIN}/`) && !ALLOWED_SCHEMES.test(url) &&
                                         !imageRequests.includes(url));
  assert.deepEqual(stray, [], 'every request went to the routed origin, the extension or an image host');
  // Image requests only for picture URLs the pages themselves carry.
  const named = Object.values(texts).join('\n');
  for (const url of imageRequests) assert.ok(named.includes(JSON.stringify(url)), `${url} is a picture the page received`);
  // And the page did make the three list requests the extension observed.
  for (const part of ['/api/v1/friendships/1234567890/followers/', '/graphql/query', '/api/graphql']) {
    assert.ok(requests.some((url) => url.startsWith(`${ORIGIN}${part}`)), `page requested ${part}`);
  }
});
