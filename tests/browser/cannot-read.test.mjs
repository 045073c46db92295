// Browser test of the "SwarmLens cannot read this version of the page" notice (issue 12): on a
// followers dialog whose rows come from payloads in shapes no parser knows, the extension says so
// at the top of the dialog (as text, in its own shadow root) and logs the key outline of the
// response it could not read: field names only, never the values (usernames, names, ids).
//
// The page https://www.instagram.com/renamed_target/followers/ is served from
// fixtures/unreadable.html by a Playwright route; nothing reaches the network.
// Run: scripts/build wasm && scripts/build-extension && node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ORIGIN, PAGE_CSP, extensionDir } from './fixture-site.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
const PAGE = `${ORIGIN}/renamed_target/followers/`;
const USERS = ['future_user_1', 'future_user_2', 'future_user_3', 'future_user_4', 'future_user_5'];

// The moved list: "users" is now an object (the page hook forwards it, the engine refuses it).
const MOVED = JSON.stringify({ data: { xdt_api__v2__friendships__followers: { users: { edges_v2:
  USERS.slice(0, 3).map((handle, i) => ({ person: { handle, display: `Secret Name ${i}`, id: `7700000000${i}` } })) } } },
  status: 'ok' });
// A renamed list the hook does not even forward.
const RENAMED = JSON.stringify({ data: { follow_list: { people: USERS.slice(3).map((handle) => ({ handle })) } } });

let context;
let page;
let userDataDir;
const warnings = [];
const errors = [];

before(async () => {
  const ext = extensionDir('chrome');
  userDataDir = await mkdtemp(path.join(tmpdir(), 'swarmlens-unreadable-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context.setDefaultTimeout(15_000);  // failure bound only
  await context.route('**/*', (route) => (/^(chrome-extension|data|blob):/.test(route.request().url())
    ? route.continue() : route.abort('blockedbyclient')));
  let graphqlCalls = 0;
  await context.route(`${ORIGIN}/**`, async (route) => {
    const { pathname } = new URL(route.request().url());
    const file = async (name, contentType, headers = {}) =>
      route.fulfill({ status: 200, contentType, headers, body: await readFile(path.join(fixtures, name)) });
    if (pathname === '/renamed_target/followers/') {
      return file('unreadable.html', 'text/html; charset=utf-8', { 'content-security-policy': PAGE_CSP });
    }
    if (pathname === '/static/unreadable-app.js') return file('unreadable-app.js', 'text/javascript; charset=utf-8');
    if (pathname === '/static/fixture.css') return file('fixture.css', 'text/css; charset=utf-8');
    if (pathname === '/api/v1/friendships/7700000099/followers/') {
      const users = USERS.map((username, i) => ({ pk: String(7700000000 + i), username, full_name: '', is_private: false }));
      return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ users, status: 'ok' }) });
    }
    if (pathname === '/graphql/query') {
      graphqlCalls += 1;
      return route.fulfill({ status: 200, contentType: 'application/json', body: graphqlCalls === 1 ? MOVED : RENAMED });
    }
    return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
  });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
});

after(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

test('a followers dialog of unreadable payloads gets the notice, and the log holds keys only', async () => {
  const warned = page.waitForEvent('console', {
    predicate: (m) => m.type() === 'warning' && m.text().includes('SwarmLens cannot read this version of the page'),
  });
  await page.goto(PAGE);
  await page.waitForFunction(() => window.__loaded === true || window.__errors.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  // Polls the DOM until the notice is there (the extension waits a few checks first).
  await page.waitForFunction(() => document.querySelector('[role="dialog"] > swarmlens-notice') !== null);
  const notice = await page.evaluate(() => {
    const host = document.querySelector('[role="dialog"] > swarmlens-notice');
    const root = host.shadowRoot;
    return {
      first: host.parentElement.firstElementChild === host,
      title: root.querySelector('.title').textContent,
      role: root.querySelector('.notice').getAttribute('role'),
      badges: document.querySelectorAll('swarmlens-badge').length,
      markup: root.querySelector('.notice').children.length,
    };
  });
  assert.equal(notice.first, true, 'the notice is at the top of the dialog');
  assert.equal(notice.title, 'SwarmLens cannot read this version of the page');
  assert.equal(notice.role, 'status');
  assert.equal(notice.badges, 0);
  assert.equal(notice.markup, 2);
  // Exactly one console line for this dialog, with the key outline of the forwarded response.
  await warned;
  const logged = warnings.filter((w) => w.includes('SwarmLens: SwarmLens cannot read this version of the page'));
  assert.equal(logged.length, 1, warnings.join('\n'));
  assert.match(logged[0], /data\.xdt_api__v2__friendships__followers\.users\.edges_v2\[\]\.person\.handle/);
  assert.match(logged[0], /"code":"unexpected_type"/);
  for (const value of [...USERS, 'Secret Name', '77000000000']) {
    assert.ok(!logged[0].includes(value), `the log must not hold the value ${value}`);
  }
  assert.deepEqual(errors, []);
});

test('the notice leaves once a payload of the list is read, and the rows get badges', async () => {
  await page.evaluate(() => window.loadReadable());
  await page.waitForFunction((n) => document.querySelectorAll('[role="dialog"] swarmlens-badge').length === n, USERS.length);
  await page.waitForFunction(() => document.querySelector('swarmlens-notice') === null);
  assert.deepEqual(errors, []);
});
