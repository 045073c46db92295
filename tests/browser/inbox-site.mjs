// The local stand-ins for Instagram's direct pages and notifications page, shared by the inbox
// tests: which URL serves which fixture (fixtures/inbox.html + inbox-app.js for every page), the
// payloads in the forms the web app receives (GraphQL inbox and conversation, REST message
// requests and activity feed), the payloads in future shapes for the "cannot read" test, and the
// engine's own results for the same payloads (the extension must show exactly those).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PAGE_CSP, extensionDir } from './fixture-site.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const ORIGIN = 'https://www.instagram.com';
export const INBOX_URL = `${ORIGIN}/direct/inbox/`;
export const REQUESTS_URL = `${ORIGIN}/direct/requests/`;
/** The conversation with the threatening account (its thread_fbid). */
export const THREAD_URL = `${ORIGIN}/direct/t/179000000000070001/`;
export const NOTIFICATIONS_URL = `${ORIGIN}/notifications/`;
export const FUTURE_POST_URL = `${ORIGIN}/p/Cfuture01/`;

/** Inbox rows (data-fixture-thread) -> the sender whose newest message the row shows, or null (the viewer's own). */
export const INBOX_ROWS = {
  '179000000000070001': 'user7731904562',  // "stop posting or die": a threat
  '179000000000070002': 'sara.ahmadi',     // a friend
  '179000000000070003': null,              // the account holder's own reply: nothing to check
};
/** Requests (data-fixture-thread = thread_id) by what they must show. */
export const REQUEST_CAMPAIGN = ['340282366841710300949128122292511880000', '340282366841710300949128122292511880001',
  '340282366841710300949128122292511880003', '340282366841710300949128122292511880004', '340282366841710300949128122292511880005'];
export const REQUEST_CLEAN = '340282366841710300949128122292511880002';    // nasim.news, a reporter
export const REQUEST_INSULT = '340282366841710300949128122292511880006';   // "shut up, filth": harassment
export const REQUEST_ATTACKER = { thread: '340282366841710300949128122292511880007', username: 'evil.name' };
/** Conversation rows (data-fixture-message) of the threatening account, and the viewer's own. */
export const THREAD_THREATS = ['mid.$cAAAfixtureT0001', 'mid.$cAAAfixtureT0002'];
export const THREAD_OWN = 'mid.$cAAAfixtureT0003';

/** Future shapes: the same conversations under renamed fields, which no parser reads. */
export const FUTURE_INBOX = JSON.stringify({ data: { mailbox_v2: { folders_v2: { edges: [
  { node: { thread_v2: { key: 'k1', participants: [{ username: 'secret_sender_1', full_name: 'Secret Name' }],
    messages_v2: { edges: [{ node: { key: 'm1', body: 'secret text one' } }] } } } },
  { node: { thread_v2: { key: 'k2', participants: [{ username: 'secret_sender_2', full_name: '' }],
    messages_v2: { edges: [{ node: { key: 'm2', body: 'secret text two' } }] } } } },
] } } } });
export const FUTURE_THREAD = JSON.stringify({ data: { thread_v2: { key: '179000000000070001',
  participants: [{ username: 'secret_sender_1' }], viewer: { interop_messaging_user_fbid: 'me' },
  messages_v2: { edges: [{ node: { key: 'm3', body: 'secret text three', sender_fbid: 'x' } },
                         { node: { key: 'm4', body: 'secret text four', sender_fbid: 'x' } }] } } } });
export const FUTURE_COMMENTS = JSON.stringify({ data: { xdt_comment_threads_v3: { items: [
  { node: { key: 'c1', body: 'secret comment one', author: { handle: 'secret_commenter_1' } } },
  { node: { key: 'c2', body: 'secret comment two', author: { handle: 'secret_commenter_2' } } },
  { node: { key: 'c3', body: 'secret comment three', author: { handle: 'secret_commenter_3' } } },
  { node: { key: 'c4', body: 'secret comment four', author: { handle: 'secret_commenter_4' } } },
] } } });
/** Values of the future payloads that a log must never hold. */
export const FUTURE_VALUES = ['secret_sender', 'Secret Name', 'secret text', 'secret comment', 'secret_commenter'];

/**
 * Chromium with dist/chrome loaded, every request outside the fixture site refused (listed in
 * `blocked`), the image hosts answering 404, and one page whose errors, console errors and
 * warnings and dialogs are collected: {context, page, extensionId, seen, close}.
 */
export async function openInboxSite(texts) {
  const ext = extensionDir('chrome');
  const userDataDir = await mkdtemp(path.join(tmpdir(), 'swarmlens-inbox-'));
  const context = await (await import('playwright-core')).chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 900, height: 900 },
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu',
           '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context.setDefaultTimeout(15_000);  // failure bound only
  const seen = { blocked: [], pageErrors: [], consoleErrors: [], warnings: [], dialogs: [] };
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (/^(chrome-extension|data|blob):/.test(url)) return route.continue();
    seen.blocked.push(url);
    return route.abort('blockedbyclient');
  });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const answer = await serveInbox({ url: route.request().url(), body: route.request().postData() }, texts);
    if (answer) return route.fulfill(answer);
    seen.blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  // The background's reads of the senders' pictures get 404.
  await context.route((url) => url.protocol === 'https:' && /(^|\.)(cdninstagram\.com|fbcdn\.net)$/.test(url.hostname),
    (route) => route.fulfill({ status: 404, contentType: 'text/plain', body: '' }));
  const watch = (source, target) => target.on('console', (message) => {
    if (message.type() === 'error') seen.consoleErrors.push(`${source}: ${message.text()}`);
    if (message.type() === 'warning') seen.warnings.push(message.text());
  });
  context.on('serviceworker', (worker) => watch('worker', worker));
  const worker = context.serviceWorkers()[0] ?? await context.waitForEvent('serviceworker');
  const page = await context.newPage();
  watch('page', page);
  page.on('pageerror', (error) => seen.pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  const close = async () => {
    await context.close();
    await rm(userDataDir, { recursive: true, force: true });
  };
  return { context, page, extensionId: new URL(worker.url()).host, seen, close };
}

/** Opens `url` in `page` and waits for the fixture app to have rendered it. */
export async function openPage(page, url) {
  await page.goto(url);
  await page.waitForFunction(() => window.__loaded === true || window.__errors.length > 0);
  const errors = await page.evaluate(() => window.__errors);
  if (errors.length) throw new Error(`the fixture app failed: ${errors.join('; ')}`);
}

export async function loadInboxTexts() {
  const read = (name) => readFile(path.join(fixtures, name), 'utf8');
  return {
    inbox: await read('direct_inbox_graphql.json'),
    requests: await read('direct_pending_inbox.json'),
    thread: await read('direct_thread_graphql.json'),
    notifications: await read('notifications_news_inbox.json'),
  };
}

/**
 * What the fixture site answers for a request ({url, body}: its URL and form body), or null (the
 * caller aborts it and fails the test).
 */
export async function serveInbox({ url, body }, texts) {
  const { pathname, searchParams } = new URL(url);
  const json = (body) => ({ status: 200, contentType: 'application/json; charset=utf-8', headers: {}, body });
  if (/^\/direct\/(?:inbox|requests|t\/[0-9]+)\/$/.test(pathname) || pathname === '/notifications/' ||
      pathname === '/p/Cfuture01/') {
    return { status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': PAGE_CSP },
             body: await readFile(path.join(fixtures, 'inbox.html')) };
  }
  switch (pathname) {
    case '/static/inbox-app.js':
      return { status: 200, contentType: 'text/javascript; charset=utf-8', headers: {}, body: await readFile(path.join(fixtures, 'inbox-app.js')) };
    case '/static/fixture.css':
      return { status: 200, contentType: 'text/css; charset=utf-8', headers: {}, body: await readFile(path.join(fixtures, 'fixture.css')) };
    case '/api/v1/direct_v2/pending_inbox/': return json(texts.requests);
    case '/api/v1/news/inbox/': return json(texts.notifications);
    case '/api/graphql': {
      const name = new URLSearchParams(body ?? '').get('fb_api_req_friendly_name');
      const future = searchParams.get('future') === '1';
      if (name === 'PolarisDirectInboxQuery') return json(future ? FUTURE_INBOX : texts.inbox);
      if (name === 'IGDThreadDetailQuery') return json(future ? FUTURE_THREAD : texts.thread);
      if (name === 'PolarisPostCommentsContainerQuery') return json(FUTURE_COMMENTS);
      return null;
    }
    case '/favicon.ico': return { status: 404, contentType: 'text/plain', headers: {}, body: '' };
    default: return null;
  }
}

/**
 * The extension's engine in node fed the pages in the order the test visits them (inbox,
 * requests, conversation; then the notifications as the background ingests them):
 * {comments: id -> comment, authors: username -> account, notifications: username -> account,
 * clusters: the notifications list's clusters}.
 */
export async function expectedInbox(extDir, texts) {
  const { createEngine } = await import(pathToFileURL(path.join(extDir, 'engine/swarmlens.js')).href);
  const engine = await createEngine({ wasmBinary: await readFile(path.join(extDir, 'engine/swarmlens_engine.wasm')) });
  const comments = new Map();
  for (const key of ['inbox', 'requests', 'thread']) {
    const r = engine.ingestComments(texts[key], { source: key, post: '' });
    if (!r.ok) throw new Error(`node engine rejects ${key}: ${r.error.message}`);
    for (const c of r.comments) comments.set(c.id, c);
  }
  const names = [...new Set([...comments.values()].map((c) => c.author))];
  const authors = new Map(engine.accounts(names).accounts.map((a) => [a.username, a]));
  const r = engine.ingest(texts.notifications, { list: 'notifications', owner: '', source: 'news', firstPosition: 0 });
  if (!r.ok) throw new Error(`node engine rejects the notifications: ${r.error.message}`);
  // The background flushes the list analysis when pages stop arriving and pushes what changed.
  const flushed = engine.flush();
  const latest = flushed.ok && flushed.clusters.length ? flushed.clusters : r.clusters;
  const notifications = new Map(engine.accounts(r.accounts.map((a) => a.username)).accounts.map((a) => [a.username, a]));
  const clusters = (latest ?? []).filter((c) => c.kind === 'cluster' && c.list === 'notifications');
  return { comments, authors, notifications, clusters };
}

/** In the page: per fixture row (conversation, request, message), its badges, markers and blur. */
export function readInbox() {
  const state = {};
  for (const row of document.querySelectorAll('[data-fixture-thread], [data-fixture-message]')) {
    const key = row.dataset.fixtureThread ?? row.dataset.fixtureMessage;
    const body = row.querySelector('[data-fixture-role="text"]');
    state[key] = {
      badges: [...row.querySelectorAll('swarmlens-badge')].map((host) => {
        const badge = host.shadowRoot.querySelector('.badge');
        return { user: host.getAttribute('data-swarmlens-user'), level: badge.querySelector('.label').textContent,
                 tip: badge.querySelector('.tip').textContent };
      }),
      markers: [...row.querySelectorAll('swarmlens-comment-marker')].map((host) => ({
        kinds: (host.getAttribute('data-kinds') ?? '').split(' '),
        tip: host.shadowRoot.querySelector('.tip').textContent,
        reveal: host.shadowRoot.querySelector('.reveal')?.textContent ?? null,
      })),
      blurred: Boolean(body && getComputedStyle(body).filter.includes('blur')),
      text: body ? body.textContent : null,
      elements: body ? body.children.length : -1,
    };
  }
  return state;
}
