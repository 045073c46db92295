// The local stand-ins for an Instagram post and a Facebook post with their comment threads,
// shared by the Chromium and Firefox comment tests: which URL serves which fixture, what each
// comment must show, and the engine's own results for the same Instagram pages (the extension
// must show exactly those).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PAGE_CSP } from './fixture-site.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');

export const IG_ORIGIN = 'https://www.instagram.com';
export const FB_ORIGIN = 'https://www.facebook.com';
/** The post page; its shortcode is the thread key the extension uses for every page of it. */
export const IG_POST_CODE = 'Cfixture01';
export const IG_POST_URL = `${IG_ORIGIN}/p/${IG_POST_CODE}/`;
export const FB_POST_URL = `${FB_ORIGIN}/target.activist/posts/pfbid02AbCdEfGh`;
/** Facebook's CSP is no friendlier than Instagram's, except that avatars come from fbcdn.net. */
export const FB_CSP = PAGE_CSP.replace("img-src 'self' data:", "img-src 'self' data: https://*.fbcdn.net");
/** A 1x1 GIF: what the fixture's image host answers for the avatars the Facebook page shows. */
export const PIXEL = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** Instagram comment ids per page, in row order. */
export const IG_PAGES = {
  embedded: ['18060000000000101', '18060000000000102', '18060000000000103', '18060000000000104'],
  rest: ['18060000000000201', '18060000000000202', '18060000000000203'],
  graphql: ['18060000000000301', '18060000000000302', '18060000000000303'],
};
/** A Persian "we know where you live" threat and an English death threat carrying markup. */
export const IG_THREATS = { '18060000000000102': 'میدونیم کجا زندگی', '18060000000000202': 'we will kill you' };
/** The same text from four accounts over three pages (the first before any copy arrived). */
export const IG_CAMPAIGN = ['18060000000000104', '18060000000000201', '18060000000000203', '18060000000000301'];
/** An insult ("shut up, filth"): harassment, no threat. */
export const IG_HARASSMENT = '18060000000000303';
/** Comments with nothing to mark. */
export const IG_CLEAN = ['18060000000000101', '18060000000000103', '18060000000000302'];
/** The attacker: display name and comment text are markup. */
export const IG_ATTACKER = { comment: '18060000000000202', username: 'evil.name' };

/** Facebook comments by fixture key (data-fixture-comment) -> what its author link looks like. */
export const FB_COMMENTS = {
  threat: { author: 'karim.rahimi.5', form: 'vanity, absolute, comment_id in the link' },
  copy1: { author: 'id 100087654321', form: 'profile.php?id=, relative, default silhouette' },
  copy2: { author: 'id 100011112222', form: 'groups/<g>/user/<u>/, absolute, default silhouette' },
  xss: { author: 'laleh.writes', form: 'vanity, relative, markup in name and text' },
  reply: { author: 'nasrin.sotoudeh.fan', form: 'vanity, reply_comment_id' },
  // The same number as an Instagram commenter's pk (user8815263094): only separate engines keep
  // the two apart.
  copy3: { author: 'id 58213370941', form: 'profile.php?id=, added later, id shared with Instagram' },
};
export const FB_THREAT_SPAN = 'می‌کشیمت';

/** Reads the JSON fixtures as text. */
export async function loadCommentTexts() {
  const read = (name) => readFile(path.join(fixtures, name), 'utf8');
  return {
    post: await read('post.html'),
    rest: await read('comments_page2_rest.json'),
    graphql: await read('comments_page3_graphql.json'),
    facebookGraphql: await read('facebook_graphql_comments.json'),
  };
}

/** What the fixture sites answer for `url`, or null (the caller aborts it and fails the test). */
export async function serveComments(url, texts) {
  const { origin, pathname } = new URL(url);
  const file = async (name, contentType, headers = {}) =>
    ({ status: 200, contentType, headers, body: await readFile(path.join(fixtures, name)) });
  const json = (key) => ({ status: 200, contentType: 'application/json; charset=utf-8', headers: {}, body: texts[key] });
  if (origin === IG_ORIGIN) {
    switch (pathname) {
      case `/p/${IG_POST_CODE}/`:
        return file('post.html', 'text/html; charset=utf-8', { 'content-security-policy': PAGE_CSP });
      case '/static/comments-app.js': return file('comments-app.js', 'text/javascript; charset=utf-8');
      case '/static/fixture.css': return file('fixture.css', 'text/css; charset=utf-8');
      case '/api/v1/media/3300000000000000001/comments/': return json('rest');
      case '/graphql/query': return json('graphql');
      case '/favicon.ico': return { status: 404, contentType: 'text/plain', headers: {}, body: '' };
      default: return null;
    }
  }
  if (origin === FB_ORIGIN) {
    switch (pathname) {
      case new URL(FB_POST_URL).pathname:
        return file('facebook-post.html', 'text/html; charset=utf-8', { 'content-security-policy': FB_CSP });
      case '/static/facebook-app.js': return file('facebook-app.js', 'text/javascript; charset=utf-8');
      case '/api/graphql/': return json('facebookGraphql');
      case '/favicon.ico': return { status: 404, contentType: 'text/plain', headers: {}, body: '' };
      default: return null;
    }
  }
  return null;
}

/** The embedded blobs of the post HTML that mention comments, as the content script reads them. */
export function embeddedBlobs(html) {
  return [...html.matchAll(/<script type="application\/json"[^>]*>(.*?)<\/script>/gs)]
    .map((m) => m[1]).filter((text) => text.includes('comment'));
}

/**
 * Runs the extension's engine in node on the Instagram pages in page order, under the post's
 * shortcode: {comments: id -> comment, authors: username -> account, campaigns}.
 */
export async function expectedInstagram(extDir, texts) {
  const { createEngine } = await import(pathToFileURL(path.join(extDir, 'engine/swarmlens.js')).href);
  const engine = await createEngine({ wasmBinary: await readFile(path.join(extDir, 'engine/swarmlens_engine.wasm')) });
  const comments = new Map();
  let campaigns = [];
  for (const text of [...embeddedBlobs(texts.post), texts.rest, texts.graphql]) {
    const r = engine.ingestComments(text, { source: 'fixture', post: IG_POST_CODE });
    if (!r.ok) throw new Error(`node engine rejects a comment page: ${r.error.text}`);
    for (const c of r.comments) comments.set(c.id, c);
    campaigns = r.campaigns;
  }
  const names = [...new Set([...comments.values()].map((c) => c.author))];
  const authors = new Map(engine.accounts(names).accounts.map((a) => [a.username, a]));
  return { comments, authors, campaigns };
}

/** In the page: per fixture comment row, its badges, markers and blur state. */
export function readComments() {
  const state = {};
  for (const row of document.querySelectorAll('[data-fixture-comment]')) {
    const body = row.querySelector('[data-fixture-role="text"], [data-fixture-role="body"] [dir="auto"]');
    state[row.dataset.fixtureComment] = {
      badges: [...row.querySelectorAll('swarmlens-badge')]
        .filter((host) => host.closest('[data-fixture-comment]') === row)
        .map((host) => {
          const badge = host.shadowRoot && host.shadowRoot.querySelector('.badge');
          return {
            user: host.getAttribute('data-swarmlens-user'),
            level: badge ? badge.querySelector('.label').textContent : null,
            tip: badge ? badge.querySelector('.tip').textContent : null,
          };
        }),
      markers: [...row.querySelectorAll('swarmlens-comment-marker')]
        .filter((host) => host.closest('[data-fixture-comment]') === row)
        .map((host) => ({
          kinds: (host.getAttribute('data-kinds') ?? '').split(' '),
          tip: host.shadowRoot ? host.shadowRoot.querySelector('.tip').textContent : null,
          spans: host.shadowRoot ? [...host.shadowRoot.querySelectorAll('.span')].map((el) => el.textContent) : [],
          aria: host.shadowRoot ? host.shadowRoot.querySelector('.marker').getAttribute('aria-label') : null,
        })),
      blurred: Boolean(body && getComputedStyle(body).filter.includes('blur')),
      text: body ? body.textContent : null,
    };
  }
  return state;
}

/** In the page: true when every named row has an author badge. */
export function commentsHaveBadges(keys) {
  return keys.every((key) => {
    const row = document.querySelector(`[data-fixture-comment="${key}"]`);
    return Boolean(row && row.querySelector('swarmlens-badge'));
  });
}

/** In the page: true when every named row has a marker of `kind`. */
export function commentsHaveMarker([keys, kind]) {
  return keys.every((key) => {
    const host = document.querySelector(`[data-fixture-comment="${key}"] swarmlens-comment-marker`);
    return Boolean(host && (host.getAttribute('data-kinds') ?? '').split(' ').includes(kind));
  });
}
