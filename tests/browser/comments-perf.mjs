// Measures the comment UI's cost in headless Chromium (not a test: no thresholds; run by hand).
// The Instagram post fixture gets N more comment rows and one N-comment page through the hook's
// channel; prints the time until every row is badged (engine and messaging included), then the
// mean frame time and long tasks (> 50 ms) over 20 frames of unrelated DOM changes, which is what
// a busy page costs the content script per frame once the thread is badged.
//
// Run: scripts/build wasm && scripts/build-extension && node tests/browser/comments-perf.mjs [N=1000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { extensionDir } from './fixture-site.mjs';
import { IG_ORIGIN, IG_POST_URL, loadCommentTexts, serveComments } from './comments-site.mjs';

const count = Number(process.argv[2] ?? 1000);
const ext = extensionDir('chrome');
const texts = await loadCommentTexts();
const userDataDir = await mkdtemp(path.join(tmpdir(), 'swarmlens-perf-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu'],
});
try {
  await context.route('**/*', (route) => (/^(chrome-extension|data|blob):/.test(route.request().url())
    ? route.continue() : route.abort('blockedbyclient')));
  await context.route(`${IG_ORIGIN}/**`, async (route) => {
    const answer = await serveComments(route.request().url(), texts);
    return answer ? route.fulfill(answer) : route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  await page.goto(IG_POST_URL);
  await page.waitForFunction(() => document.querySelectorAll('swarmlens-badge').length >= 4);
  const result = await page.evaluate(async (n) => {
    const words = ['azadi', 'zan', 'zendegi', 'iran', 'khabar', 'emrooz', 'doost', 'salam', 'merci', 'love'];
    const comments = [];
    for (let i = 0; i < n; i++) {
      const username = i % 3 === 0 ? `user${1000000000 + i * 7919}` : `name.${words[i % 10]}.${i}`;
      comments.push({
        pk: `190000000${String(i).padStart(8, '0')}`,
        text: `${words[(i * 7) % 10]} ${words[(i * 3) % 10]} comment ${i}${i % 50 === 0 ? ' we will kill you' : ''}`,
        created_at: 1764300000 + i * 30,
        user: { pk: `620${String(i).padStart(8, '0')}`, username, full_name: i % 3 ? 'Some Name' : '',
                has_anonymous_profile_picture: i % 3 === 0 },
      });
    }
    const longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(Math.round(entry.duration));
    }).observe({ type: 'longtask' });
    const list = document.getElementById('x-comments');
    for (const c of comments) {
      const row = document.createElement('li');
      const avatar = document.createElement('a');
      avatar.href = `/${c.user.username}/`;
      const name = document.createElement('a');
      name.href = `/${c.user.username}/`;
      name.textContent = c.user.username;
      const text = document.createElement('span');
      text.textContent = c.text;
      row.append(avatar, name, ' ', text);
      list.append(row);
    }
    const start = performance.now();
    document.dispatchEvent(new CustomEvent('swarmlens:payload', { detail: JSON.stringify({
      v: 1, url: `${location.origin}/api/v1/media/1/comments/`, list: 'comments', owner: '',
      text: JSON.stringify({ comments }) }) }));
    await new Promise((resolve) => {
      const check = () => (document.querySelectorAll('swarmlens-badge').length >= n + 4 ? resolve() : setTimeout(check, 10));
      check();
    });
    const badgedMs = performance.now() - start;
    const badgingLongTasks = longTasks.splice(0);
    const churnStart = performance.now();
    for (let f = 0; f < 20; f++) {
      document.body.append(document.createElement('div'));
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return { badgedMs: Math.round(badgedMs), badgingLongTasks, frameMs: ((performance.now() - churnStart) / 20).toFixed(1),
             churnLongTasks: longTasks };
  }, count);
  console.log(JSON.stringify({ comments: count, ...result }));
} finally {
  await context.close();
  await rm(userDataDir, { recursive: true, force: true });
}
