// Browser test of the "SwarmLens cannot read this version of the page" notice for the inbox, a
// conversation and a comment thread (issue 12), in Chromium: the fixture app renders rows from
// payloads in shapes no parser knows (the direct queries with ?future=1, a post whose comment
// connection moved under a renamed root field). The notice appears at the top of the page's main
// area (the post's article), as text in its own shadow root, and one console warning per page
// holds the key outline of the responses the engine could not read: field names, never values.
//
// Run: scripts/build wasm && scripts/build-extension && node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { FUTURE_POST_URL, FUTURE_VALUES, INBOX_URL, THREAD_URL, loadInboxTexts, openInboxSite, openPage } from './inbox-site.mjs';

const NOTICE = 'SwarmLens cannot read this version of the page';
let site;
let page;
let warnings;

before(async () => {
  site = await openInboxSite(await loadInboxTexts());
  page = site.page;
  warnings = site.seen.warnings;
});

after(async () => {
  await site?.close();
});

/** Opens `url`, waits for the notice in `container`; returns it and the page's one warning. */
async function noticeOn(url, container, pathPattern) {
  const before = warnings.length;
  await openPage(page, url);
  await page.waitForFunction((selector) => document.querySelector(`${selector} > swarmlens-notice`) !== null, container);
  const notice = await page.evaluate((selector) => {
    const host = document.querySelector(`${selector} > swarmlens-notice`);
    const root = host.shadowRoot;
    return { first: host.parentElement.firstElementChild === host, title: root.querySelector('.title').textContent,
             detail: root.querySelector('.detail').textContent, role: root.querySelector('.notice').getAttribute('role'),
             elements: root.querySelector('.notice').children.length, badges: document.querySelectorAll('swarmlens-badge').length };
  }, container);
  assert.equal(notice.first, true, 'the notice is at the top');
  assert.equal(notice.title, NOTICE);
  assert.equal(notice.role, 'status');
  assert.equal(notice.elements, 2);
  assert.equal(notice.badges, 0);
  await page.waitForFunction((n) => n > 0, warnings.length - before);
  const logged = warnings.slice(before).filter((w) => w.includes(`SwarmLens: ${NOTICE}`));
  assert.equal(logged.length, 1, warnings.join('\n'));
  assert.match(logged[0], pathPattern);
  assert.match(logged[0], /"code":"unknown_shape"/);
  for (const value of FUTURE_VALUES) assert.ok(!logged[0].includes(value), `the log must not hold ${value}`);
  return notice;
}

test('an inbox in an unknown shape gets the notice; the log holds its keys only', async () => {
  const notice = await noticeOn(`${INBOX_URL}?future=1`, 'main',
    /data\.mailbox_v2\.folders_v2\.edges\[\]\.node\.thread_v2"/);  // the outline stops at depth 6
  assert.match(notice.detail, /conversation or message request/);
});

test('a conversation in an unknown shape gets the notice', async () => {
  await noticeOn(`${THREAD_URL}?future=1`, 'main', /data\.thread_v2\.messages_v2\.edges\[\]\.node\.body/);
});

test('a comment thread in an unknown shape gets the notice', async () => {
  const notice = await noticeOn(FUTURE_POST_URL, 'main article', /data\.xdt_comment_threads_v3\.items\[\]\.node\.author\.handle/);
  assert.match(notice.detail, /comment page/);
});

test('the notice leaves when the page is read', async () => {
  await page.goto(INBOX_URL);
  await page.waitForFunction(() => document.querySelector('[data-fixture-thread] swarmlens-badge') !== null);
  await page.waitForTimeout(3500);  // longer than the notice waits
  assert.equal(await page.evaluate(() => document.querySelector('swarmlens-notice')), null);
  assert.deepEqual(site.seen.pageErrors, []);
  assert.deepEqual(site.seen.consoleErrors, []);
  assert.deepEqual(site.seen.blocked, []);
});
