// The message requests page in Firefox ESR (puppeteer-core over WebDriver BiDi, dist/firefox as a
// temporary add-on): what must hold in both browsers: each request's sender badged at the
// engine's level (five rows showing the same text each get their own sender), the copy-paste
// campaign across requests and the threat marked, blurred until clicked (the click goes no
// further), markup kept as text. inbox.test.mjs covers the rest in Chromium.
//
// Run: scripts/build wasm && scripts/build-extension && node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { extensionDir, openFirefoxPage } from './fixture-site.mjs';
import {
  REQUESTS_URL, REQUEST_ATTACKER, REQUEST_CAMPAIGN, REQUEST_CLEAN, expectedInbox, loadInboxTexts, readInbox, serveInbox,
} from './inbox-site.mjs';

let site;
let page;
let texts;
let expected;

before(async () => {
  const ext = extensionDir('firefox');
  texts = await loadInboxTexts();
  expected = await expectedInbox(ext, texts);
  // This page makes GET requests only (BiDi does not give POST bodies to interception).
  site = await openFirefoxPage(puppeteer, ext, (url) => serveInbox({ url, body: '' }, texts));
  page = site.page;
});

after(async () => {
  await site?.browser.close();
});

test('Firefox: message requests get their senders\' badges, the campaign and threat markers, blur until clicked', async () => {
  await page.goto(REQUESTS_URL);
  await page.waitForFunction(() => window.__loaded === true || window.__errors.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__errors), []);
  await page.waitForFunction((keys) => keys.every((key) =>
    (document.querySelector(`[data-fixture-thread="${key}"] swarmlens-comment-marker`)?.getAttribute('data-kinds') ?? '')
      .split(' ').includes('campaign')), {}, REQUEST_CAMPAIGN);
  const state = await page.evaluate(readInbox);
  const threads = JSON.parse(texts.requests).inbox.threads;
  for (const thread of threads) {
    const row = state[thread.thread_id];
    const sender = thread.users[0].username;
    assert.equal(row.badges.length, 1, `${sender}: one badge`);
    assert.equal(row.badges[0].user, sender);
    assert.equal(row.badges[0].level, expected.authors.get(sender).level, `level of ${sender}`);
  }
  for (const key of REQUEST_CAMPAIGN) {
    assert.ok(state[key].markers[0].kinds.includes('threat'), key);
    assert.equal(state[key].blurred, true, key);
  }
  assert.deepEqual(state[REQUEST_CLEAN].markers, []);
  assert.equal(state[REQUEST_ATTACKER.thread].elements, 0, 'markup in a message stays text');
  assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"], b, main script').length), 0);
  const [first, second] = REQUEST_CAMPAIGN;
  await page.click(`[data-fixture-thread="${first}"] [data-fixture-role="text"]`);
  await page.waitForFunction((key) => !getComputedStyle(
    document.querySelector(`[data-fixture-thread="${key}"] [data-fixture-role="text"]`)).filter.includes('blur'), {}, first);
  assert.equal((await page.evaluate(readInbox))[second].blurred, true, 'only the clicked message is revealed');
  assert.deepEqual(await page.evaluate(() => window.__rowClicks), [], 'the revealing click stayed ours');
  assert.equal(await page.evaluate(() => window.__received[0]), texts.requests);
  assert.deepEqual(site.pageErrors, []);
  assert.deepEqual(site.blocked, []);
});
