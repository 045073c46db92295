// Browser test of swarm evidence among a post's commenters in Chromium (comments-swarm-site.mjs):
// a later comment page, or a later profile picture, can put commenters shown earlier into a
// cluster of the thread, and their badges must follow.
//
// Checked: on the thread post (no pictures) the four template accounts of the first page show no
// swarm reason until the second page arrives, then the thread's template / cohort reasons, like
// every other row the engine's result in node after the same pages, both in the tab that loaded
// the second page and in another tab showing only the first; no picture is requested. On
// the picture post the background reads each organic commenter's picture once (service worker,
// GET, no cookie, no referrer; never the default silhouette), and the four commenters sharing one
// picture, on all three pages, end up with the shared-picture reason while no other row does;
// every row shows the engine's final result after the same pages and RGBA. On a Facebook post
// read from the DOM (authors by vanity link or profile.php id), the four commenters sharing one
// picture show the shared-picture reason, nobody else; each picture read once by the background.
// No page or console errors, no other host requested.
//
// Run: scripts/build wasm && scripts/build-extension && node --test tests/browser/comments-swarm.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { extensionDir } from './fixture-site.mjs';
import { IMAGE_HOST } from './swarm-fixture.mjs';
import { FB_CSP, commentsHaveBadges, readComments } from './comments-site.mjs';
import {
  FB_ORIGIN, FB_SHARED_PICTURE, FB_SWARM_POST_URL, IG_ORIGIN, PICTURE_POST, SHARED_PICTURE, SHARED_REASON_TEXT,
  THREAD_POST, expectedThread, facebookSwarmThread, postUrl, serveSwarmThreads, swarmPictures, swarmThread,
} from './comments-swarm-site.mjs';

const ALLOWED_SCHEMES = /^(chrome-extension|data|blob):/;
/** A cookie on the image host: the extension's requests must not carry it. */
const CDN_COOKIE = { name: 'sessionid', value: 'must-not-be-sent', domain: '.cdninstagram.com', path: '/',
                     secure: true, httpOnly: true, sameSite: 'None' };
const TIMEOUT = 20_000;  // failure bound only

let context;
let page;
let userDataDir;
let pictures;
let facebook;                // the generated Facebook post
const threads = new Map();   // post code -> {thread, expected}
const imageRequests = [];    // {url, method, headers, worker}
const blocked = [];
const pageErrors = [];
const consoleErrors = [];

function watchConsole(source, target) {
  target.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${source}: ${message.text()}`);
  });
}

before(async () => {
  const ext = extensionDir('chrome');
  pictures = swarmPictures();
  for (const post of [THREAD_POST, PICTURE_POST]) {
    const thread = swarmThread(post);
    threads.set(post.code, { thread, expected: await expectedThread(ext, thread, pictures) });
  }
  facebook = facebookSwarmThread();
  userDataDir = await mkdtemp(path.join(tmpdir(), 'swarmlens-comment-swarm-'));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu',
           '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context.setDefaultTimeout(TIMEOUT);
  await context.addCookies([CDN_COOKIE]);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (ALLOWED_SCHEMES.test(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  await context.route(`${IG_ORIGIN}/**`, async (route) => {
    const answer = await serveSwarmThreads(route.request().url(), [...threads.values()].map((t) => t.thread));
    if (!answer) {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    }
    return route.fulfill(answer);
  });
  await context.route(`${FB_ORIGIN}/**`, (route) => {
    const url = route.request().url();
    if (url === FB_SWARM_POST_URL) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8',
                             headers: { 'content-security-policy': FB_CSP }, body: facebook.html });
    }
    if (new URL(url).pathname === '/favicon.ico') return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  // Meta's image hosts: the PNG drawn for the commenter whose profile_pic_url this is.
  await context.route((url) => url.protocol === 'https:' && IMAGE_HOST.test(url.hostname), async (route) => {
    const request = route.request();
    imageRequests.push({ url: request.url(), method: request.method(), headers: await request.allHeaders(),
                         worker: Boolean(request.serviceWorker()) });
    const user = threads.get(PICTURE_POST.code).thread.byPictureUrl.get(request.url()) ??
                 facebook.byPictureUrl.get(request.url());
    if (!user) return route.fulfill({ status: 404, contentType: 'text/plain', body: '' });
    return route.fulfill({ status: 200, contentType: 'image/png', body: pictures(user).png });
  });
  context.on('serviceworker', (worker) => watchConsole('worker', worker));
  for (const worker of context.serviceWorkers()) watchConsole('worker', worker);
  if (context.serviceWorkers().length === 0) await context.waitForEvent('serviceworker');
  page = await context.newPage();
  watchConsole('page', page);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
});

after(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

/** Mismatches between the rows of `ids` and the engine's accounts: level and every reason text. */
function mismatches(state, thread, ids, accounts) {
  const out = [];
  for (const id of ids) {
    const row = state[id];
    const username = thread.commentAuthor.get(id);
    const account = accounts.get(username);
    if (!row || row.badges.length !== 1) {
      out.push(`${id}: ${row ? row.badges.length : 'no'} badges`);
      continue;
    }
    const [badge] = row.badges;
    if (badge.user !== username) out.push(`${id}: badge for ${badge.user}, not ${username}`);
    if (badge.level !== account.level) out.push(`${username}: level ${badge.level}, engine ${account.level}`);
    for (const reason of account.reasons) {
      if (!badge.tip.includes(reason.text)) out.push(`${username}: tooltip lacks "${reason.text}"`);
    }
    // Nothing the engine no longer says about this account (e.g. a stale thread reason).
    if (!account.reasons.some((r) => r.code.startsWith('swarm_')) && badge.tip.includes('commenters on this post')) {
      out.push(`${username}: tooltip shows a thread reason the engine does not give`);
    }
  }
  return out;
}

/** Polls the page until the rows match `accounts` (failure bound TIMEOUT); returns the last state. */
async function rowsMatch(thread, ids, accounts, tab = page) {
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const state = await tab.evaluate(readComments);
    const wrong = mismatches(state, thread, ids, accounts);
    if (wrong.length === 0) return state;
    if (Date.now() > deadline) assert.fail(`rows differ from the engine:\n${wrong.slice(0, 12).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('a later page puts commenters of an earlier page into a thread cluster, and their badges follow', async () => {
  const { thread, expected } = threads.get(THREAD_POST.code);
  const [first, second, third] = thread.pages;
  const early = first.filter((id) => thread.commentAuthor.get(id).startsWith('zahra_'));
  // What the engine says, independent of the extension.
  assert.equal(early.length, 4);
  for (const id of early) {
    const name = thread.commentAuthor.get(id);
    assert.ok(!expected.afterPage[0].get(name).reasons.some((r) => r.code.startsWith('swarm_')), `${name}: no cluster yet`);
    assert.ok(expected.afterPage[1].get(name).reasons.some((r) => r.code === 'swarm_username_template'), `${name}: template after page 2`);
  }

  // Tab A shows the first page only; tab B shows the same post and scrolls on.
  await page.goto(postUrl(THREAD_POST));
  await page.waitForFunction(() => window.__embeddedDone === true || window.__errors.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  await page.waitForFunction(commentsHaveBadges, first);
  await rowsMatch(thread, first, expected.afterPage[0]);

  const other = await context.newPage();
  watchConsole('page', other);
  other.on('pageerror', (error) => pageErrors.push(String(error)));
  await other.goto(postUrl(THREAD_POST));
  await other.waitForFunction(commentsHaveBadges, first);
  await rowsMatch(thread, first, expected.afterPage[0], other);
  await other.evaluate(() => window.loadRestPage());
  await other.waitForFunction(commentsHaveBadges, second);
  // The first page's template accounts were not on this page: only the reply's thread authors update them.
  const state = await rowsMatch(thread, [...first, ...second], expected.afterPage[1], other);
  for (const id of early) assert.match(state[id].badges[0].tip, /like 11 other commenters on this post/);
  // Tab A never loaded the second page: the background's message updates its rows.
  await rowsMatch(thread, first, expected.afterPage[1]);

  await other.evaluate(() => window.loadGraphqlPage());
  await other.waitForFunction(commentsHaveBadges, third);
  await rowsMatch(thread, [...first, ...second, ...third], expected.final, other);
  await rowsMatch(thread, first, expected.final);
  await other.close();
  assert.deepEqual(imageRequests, [], 'nobody in this thread has a picture to read');
});

test('commenters sharing one profile picture over three pages get the shared-picture reason, nobody else', async () => {
  const { thread, expected } = threads.get(PICTURE_POST.code);
  const all = thread.pages.flat();
  const sharers = SHARED_PICTURE.map((i) => thread.users[i].username);
  // What the engine says, independent of the extension.
  for (const [name, account] of expected.final) {
    const shared = account.reasons.find((r) => r.code === 'swarm_shared_avatar');
    if (sharers.includes(name)) assert.equal(shared?.text, `one of 4 ${SHARED_REASON_TEXT}`, name);
    else assert.equal(shared, undefined, `${name} shares no picture`);
  }
  const pageOf = (name) => thread.pages.findIndex((ids) => ids.some((id) => thread.commentAuthor.get(id) === name));
  assert.deepEqual(sharers.map(pageOf), [0, 1, 1, 2], 'the sharers comment on all three pages');

  await page.goto(postUrl(PICTURE_POST));
  await page.waitForFunction(() => window.__embeddedDone === true || window.__errors.length > 0);
  await page.waitForFunction(commentsHaveBadges, thread.pages[0]);
  await page.evaluate(() => window.loadRestPage());
  await page.waitForFunction(commentsHaveBadges, thread.pages[1]);
  await page.evaluate(() => window.loadGraphqlPage());
  await page.waitForFunction(commentsHaveBadges, thread.pages[2]);

  const state = await rowsMatch(thread, all, expected.final);
  for (const id of all) {
    const name = thread.commentAuthor.get(id);
    assert.equal(state[id].badges[0].tip.includes(SHARED_REASON_TEXT), sharers.includes(name),
                 `${name}: shared-picture reason ${sharers.includes(name) ? 'shown' : 'absent'}`);
  }

  // One request per commenter with a picture of their own, by the extension, without credentials.
  const own = thread.users.filter((u) => u.picture).map((u) => u.profile_pic_url).sort();
  assert.deepEqual(imageRequests.map((r) => r.url).sort(), own);
  for (const request of imageRequests) {
    assert.ok(request.worker, `${request.url} was read by the background`);
    assert.equal(request.method, 'GET');
    assert.equal(request.headers.cookie, undefined, 'no cookie sent');
    assert.equal(request.headers.referer, undefined, 'no referrer sent');
  }
});

test('Facebook: commenters sharing one picture (by id or vanity link) get the shared-picture reason', async () => {
  const before = imageRequests.length;
  await page.goto(FB_SWARM_POST_URL);
  const keys = facebook.commenters.map((c) => c.key);
  await page.waitForFunction(commentsHaveBadges, keys);
  const sharers = new Set(FB_SHARED_PICTURE.map((i) => facebook.commenters[i].key));
  const deadline = Date.now() + TIMEOUT;
  let state;
  for (;;) {
    state = await page.evaluate(readComments);
    if ([...sharers].every((key) => state[key].badges[0]?.tip.includes(SHARED_REASON_TEXT))) break;
    if (Date.now() > deadline) assert.fail('the sharers never showed the shared-picture reason');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  for (const c of facebook.commenters) {
    const [badge] = state[c.key].badges;
    assert.equal(badge.user, c.badgeUser, `${c.key} is attributed to ${c.badgeUser}`);
    if (sharers.has(c.key)) assert.ok(badge.tip.includes(`one of 4 ${SHARED_REASON_TEXT}`), `${c.badgeUser}: one of 4`);
    else assert.ok(!badge.tip.includes(SHARED_REASON_TEXT), `${c.badgeUser} shares no picture`);
  }
  // The background read each commenter's picture once (the page loads them too, as <image>).
  const reads = imageRequests.slice(before).filter((r) => r.worker);
  assert.deepEqual(reads.map((r) => r.url).sort(), facebook.commenters.map((c) => c.profile_pic_url).sort());
  for (const request of reads) assert.equal(request.headers.referer, undefined, 'no referrer sent');
});

test('no page errors, no console errors, no request outside the fixture sites', () => {
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(consoleErrors, []);
  assert.deepEqual(blocked, []);
});
