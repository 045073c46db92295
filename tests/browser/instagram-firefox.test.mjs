// The same fixture site in Firefox ESR (puppeteer-core over WebDriver BiDi), with the Firefox
// package dist/firefox installed as a temporary add-on: the MAIN-world hook, the module background
// script running the wasm engine, the badges, and a profile payload moving a row to the profile
// tier. The Chromium test covers more (tooltip, console, the GraphQL hover card); this one checks
// that the one manifest and one tree really work in Firefox too.
//
// Run: scripts/build wasm && scripts/build-extension && node --test tests/browser/
// SWARMLENS_EXT_DIR overrides the unpacked extension folder (default dist/firefox).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import {
  BOTS, ORGANIC, ORIGIN, PAGE_URL, PAGE_USERS, PROFILE_USERS,
  assertBadges, expectedResults, extensionDir, launchFirefox, loadFixtureTexts, readBadges, rowShowsTier, rowsHaveBadges,
  serve,
  tierLine,
} from './fixture-site.mjs';

let browser;
let page;
let texts;
let expected;
let expectedProfiles;
const requests = [];
const blocked = [];
const pageErrors = [];

before(async () => {
  const ext = extensionDir('firefox');
  texts = await loadFixtureTexts();
  expected = await expectedResults(ext, texts);
  expectedProfiles = await expectedResults(ext, texts, { withProfiles: true });
  browser = await launchFirefox(puppeteer, ext);
  page = await browser.newPage();
  // Failure bound only: a passing run never waits this long.
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.setRequestInterception(true);
  page.on('request', async (request) => {
    const url = request.url();
    requests.push(url);
    if (url.startsWith('data:')) return request.continue();
    const answer = await serve(url, texts);
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

test('Firefox: badges every row once with the engine level, a profile moves its row to the profile tier, responses unchanged', async () => {
  await page.goto(PAGE_URL);
  await page.waitForFunction(() => window.__page1Done === true || window.__errors.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__errors), [], 'the fixture app loaded page 1');
  await page.evaluate(() => window.loadPage2());
  await page.evaluate(() => window.loadPage3());
  const all = [...PAGE_USERS.page1, ...PAGE_USERS.page2, ...PAGE_USERS.page3];
  await page.waitForFunction(rowsHaveBadges, {}, all);
  await page.evaluate(() => window.rerender());
  await page.waitForFunction(rowsHaveBadges, {}, all);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

  const state = await page.evaluate(readBadges);
  assertBadges(assert, state, all, expected);
  for (const name of BOTS) assert.equal(state[name][0].level, 'high', `${name} badge is high`);
  for (const name of ORGANIC) assert.equal(state[name][0].level, 'low', `${name} badge is low`);
  assert.deepEqual(state.not_in_payload, []);
  assert.equal(await page.evaluate(() => document.querySelectorAll('swarmlens-badge').length), all.length);
  assert.equal(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length), 0);

  const received = await page.evaluate(() => window.__received);
  assert.equal(received.page1, texts.page1, 'fetch body unchanged byte for byte');
  assert.equal(received.page2, texts.page2, 'XHR responseText unchanged byte for byte');
  assert.deepEqual(JSON.parse(received.page3), JSON.parse(texts.page3), 'XHR json response unchanged');

  // A profile the page fetches (the hover card) moves that row to the profile tier of evidence.
  const profiled = PROFILE_USERS.profile;
  await page.evaluate((name) => window.loadProfile(name), profiled);
  await page.waitForFunction(rowShowsTier, {}, [profiled, tierLine('profile')]);
  assertBadges(assert, await page.evaluate(readBadges), [profiled], expectedProfiles);
  assert.equal((await page.evaluate(() => window.__received)).profile, texts.profile, 'profile body unchanged');
  assert.equal(requests.filter((url) => url.includes('/api/v1/users/')).length, 1, 'only the page\'s own profile request');

  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blocked, [], 'the page requested nothing outside the fixture site');
  assert.ok(requests.every((url) => url.startsWith(`${ORIGIN}/`) || url.startsWith('data:')));
});
