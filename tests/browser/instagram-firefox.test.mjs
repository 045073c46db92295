// The same fixture site in Firefox ESR (puppeteer-core over WebDriver BiDi), with the Firefox
// package dist/firefox installed as a temporary add-on: the MAIN-world hook, the module background
// script running the wasm engine, and the badges. The Chromium test covers more (tooltip, console);
// this one checks that the one manifest and one tree really work in Firefox too.
//
// Run: scripts/build wasm && scripts/build-extension && node --test tests/browser/
// SWARMLENS_EXT_DIR overrides the unpacked extension folder (default dist/firefox).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import {
  BOTS, ORGANIC, ORIGIN, PAGE_URL, PAGE_USERS,
  assertBadges, expectedResults, extensionDir, loadFixtureTexts, readBadges, rowsHaveBadges, serve,
} from './fixture-site.mjs';

let browser;
let page;
let texts;
let expected;
const requests = [];
const blocked = [];
const pageErrors = [];

before(async () => {
  const ext = extensionDir('firefox');
  texts = await loadFixtureTexts();
  expected = await expectedResults(ext, texts);
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
  });
  await browser.installExtension(ext);
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

test('Firefox: badges every row once with the engine level, responses unchanged', async () => {
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

  assert.deepEqual(pageErrors, []);
  assert.deepEqual(blocked, [], 'the page requested nothing outside the fixture site');
  assert.ok(requests.every((url) => url.startsWith(`${ORIGIN}/`) || url.startsWith('data:')));
});
