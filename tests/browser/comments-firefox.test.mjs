// The comment-thread UI in Firefox ESR (puppeteer-core over WebDriver BiDi, dist/firefox as a
// temporary add-on): the Instagram post (embedded first page, REST page, GraphQL page) and the
// Facebook post. Checks what must hold in both browsers: author badges at the engine's levels,
// threat markers with the matched words and blur until clicked, the campaign across pages and
// accounts, markup kept as text. comments.test.mjs covers the rest in Chromium.
//
// Run: scripts/build wasm && scripts/build-extension && node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { extensionDir, launchFirefox } from './fixture-site.mjs';
import {
  FB_COMMENTS, FB_POST_URL, FB_THREAT_SPAN, IG_ATTACKER, IG_CAMPAIGN, IG_CLEAN, IG_ORIGIN, IG_PAGES, IG_POST_URL,
  IG_THREATS, FB_ORIGIN, PIXEL, commentsHaveBadges, commentsHaveMarker, expectedInstagram, loadCommentTexts,
  readComments, serveComments,
} from './comments-site.mjs';

let browser;
let page;
let texts;
let expected;
const blocked = [];
const pageErrors = [];

before(async () => {
  const ext = extensionDir('firefox');
  texts = await loadCommentTexts();
  expected = await expectedInstagram(ext, texts);
  browser = await launchFirefox(puppeteer, ext);
  page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.setRequestInterception(true);
  page.on('request', async (request) => {
    const url = request.url();
    if (url.startsWith('data:')) return request.continue();
    if (/^https:\/\/[^/]+\.fbcdn\.net\//.test(url)) {
      return request.respond({ status: 200, contentType: 'image/gif', body: PIXEL });
    }
    const answer = await serveComments(url, texts);
    if (!answer) {
      blocked.push(url);
      return request.abort();
    }
    return request.respond(answer);
  });
});

after(async () => {
  await browser?.close();
});

test('Firefox: Instagram comment pages get author badges, threat and campaign markers, blur until clicked', async () => {
  await page.goto(IG_POST_URL);
  await page.waitForFunction(() => window.__embeddedDone === true || window.__errors.length > 0);
  await page.waitForFunction(commentsHaveBadges, {}, IG_PAGES.embedded);
  await page.evaluate(() => window.loadRestPage());
  await page.waitForFunction(commentsHaveBadges, {}, IG_PAGES.rest);
  await page.evaluate(() => window.loadGraphqlPage());
  await page.waitForFunction(commentsHaveBadges, {}, IG_PAGES.graphql);
  await page.waitForFunction(commentsHaveMarker, {}, [IG_CAMPAIGN, 'campaign']);
  await page.waitForFunction(commentsHaveMarker, {}, [Object.keys(IG_THREATS), 'threat']);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

  const state = await page.evaluate(readComments);
  for (const id of [...IG_PAGES.embedded, ...IG_PAGES.rest, ...IG_PAGES.graphql]) {
    const c = expected.comments.get(id);
    assert.equal(state[id].badges.length, 1, `${id} has one badge`);
    assert.equal(state[id].badges[0].user, c.author);
    assert.equal(state[id].badges[0].level, expected.authors.get(c.author).level, `level of ${c.author}`);
  }
  for (const [id, span] of Object.entries(IG_THREATS)) {
    assert.ok(state[id].markers[0].tip.includes(span), `${id} quotes "${span}"`);
    assert.equal(state[id].blurred, true, `${id} is blurred`);
  }
  for (const id of IG_CLEAN) assert.deepEqual(state[id].markers, []);
  assert.equal(state[IG_ATTACKER.comment].text, JSON.parse(texts.rest).comments.find((c) => c.pk === IG_ATTACKER.comment).text);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined);

  const [first, second] = Object.keys(IG_THREATS);
  await page.click(`[data-fixture-comment="${first}"] [data-fixture-role="text"]`);
  await page.waitForFunction((id) => !getComputedStyle(
    document.querySelector(`[data-fixture-comment="${id}"] [data-fixture-role="text"]`)).filter.includes('blur'), {}, first);
  const after = await page.evaluate(readComments);
  assert.equal(after[second].blurred, true, 'only the clicked comment is revealed');
  assert.deepEqual(await page.evaluate(() => window.__rowClicks), [], 'the revealing click stayed ours');
  const received = await page.evaluate(() => window.__received);
  assert.equal(received.rest, texts.rest);
  assert.equal(received.graphql, texts.graphql);
});

test('Firefox: Facebook comment articles get badges, the threat marker and the campaign', async () => {
  await page.goto(FB_POST_URL);
  await page.evaluate(() => window.loadMoreComments());
  await page.waitForFunction(commentsHaveBadges, {}, Object.keys(FB_COMMENTS));
  await page.waitForFunction(commentsHaveMarker, {}, [['copy1', 'copy2', 'copy3'], 'campaign']);
  const state = await page.evaluate(readComments);
  for (const [key, { author }] of Object.entries(FB_COMMENTS)) assert.equal(state[key].badges[0].user, author, key);
  assert.ok(state.threat.markers[0].tip.includes(FB_THREAT_SPAN));
  assert.equal(state.threat.blurred, true);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"], b').length), 0);
  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blocked, [], `only the fixture sites (${IG_ORIGIN}, ${FB_ORIGIN}) were requested`);
});
