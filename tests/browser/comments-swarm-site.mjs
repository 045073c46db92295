// Two Instagram posts whose comment threads hold a swarm, for the tests of thread clusters in the
// browser (comments-swarm.test.mjs): the same generated thread of 40 organic-looking commenters and
// 12 template accounts (`zahra_` + 5 digits, default silhouette) over three pages (embedded in
// the post HTML, REST by fetch, GraphQL by XHR), rendered by fixtures/comments-app.js.
//
// - THREAD_POST: nobody has a picture of their own. Four template accounts comment on the first
//   page (too few for any cluster), eight on the second: only then does the thread's template
//   cluster exist, and the first four must show it too.
// - PICTURE_POST: the organic commenters have pictures on cdninstagram.com, drawn and PNG-encoded
//   here (swarm-fixture.mjs); four of them, on all three pages, share one picture (re-encoded:
//   slightly cropped copies). At most 128 px, so the extension draws them 1:1 and node can hash
//   the very same RGBA for the expected results.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PAGE_CSP } from './fixture-site.mjs';
import { drawPicture, encodePng } from './swarm-fixture.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export const IG_ORIGIN = 'https://www.instagram.com';
export const THREAD_POST = { code: 'Cthread0001', media: '3300000000000000011', pictures: false };
export const PICTURE_POST = { code: 'Cpictures02', media: '3300000000000000012', pictures: true };
export const SWARM_POSTS = [THREAD_POST, PICTURE_POST];
export const postUrl = (post) => `${IG_ORIGIN}/p/${post.code}/`;
/** Organic commenters (by index) sharing one picture: pages 1, 2, 2 and 3. */
export const SHARED_PICTURE = [3, 17, 26, 35];
/** Which commenters each page carries: organic index ranges and template index ranges. */
const PAGES = [{ organic: [0, 16], template: [0, 4] }, { organic: [16, 30], template: [4, 12] },
               { organic: [30, 40], template: [12, 12] }];
const SILHOUETTE_URL = 'https://scontent.cdninstagram.com/v/t51.2885-19/44884218_345707102882519_2446069589734326272_n.jpg?_nc_cat=1&ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.2-ccb7-5';
export const SHARED_REASON_TEXT = 'commenters on this post using the same profile picture';

const FIRST = ['sara', 'ali', 'neda', 'reza', 'mina', 'omid', 'leila', 'kaveh'];
const LAST = ['ahmadi', 'karimi', 'rahimi', 'tehrani', 'mousavi'];

/** The commenters of a post: {organic: [user], template: [user]} with picture keys. */
function commenters(post) {
  const organic = Array.from({ length: 40 }, (_, i) => {
    const pk = String(1000000000 + ((i * 7919 * 104729) % 70000000000));
    const shared = post.pictures && SHARED_PICTURE.includes(i);
    return {
      pk, id: pk, username: `${FIRST[i % 8]}.${LAST[i % 5]}_${i}x`, full_name: `${FIRST[i % 8]} ${LAST[i % 5]}`,
      is_private: false, is_verified: false,
      profile_pic_url: post.pictures
        ? `https://scontent-fra5-1.cdninstagram.com/v/t51.2885-19/${700000 + i}_${pk}_n.jpg?stp=dst-jpg_s150x150&_nc_ht=scontent-fra5-1.cdninstagram.com`
        : SILHOUETTE_URL,
      has_anonymous_profile_picture: !post.pictures,
      // Not part of Instagram's JSON: stripped before serving.
      picture: post.pictures ? (shared ? ['pool-shared', `quality=92;crop=0.0${SHARED_PICTURE.indexOf(i)};hue=0;size=150`]
                                      : [`person-${i}`, 'size=150']) : null,
      time: 1774290000 + i * 60,
    };
  });
  const template = Array.from({ length: 12 }, (_, i) => {
    const pk = String(2000000000 + ((i * 15485863) % 70000000000));
    return {
      pk, id: pk, username: `zahra_${10000 + ((i * 7907) % 90000)}`, full_name: `Zahra ${i}`, is_private: true,
      is_verified: false, profile_pic_url: SILHOUETTE_URL, has_anonymous_profile_picture: true, picture: null,
      time: 1774290100 + i * 9,
    };
  });
  return { organic, template };
}

const commentId = (post, kind, i) => `18${post.media.slice(-2)}${kind === 'organic' ? '1' : '2'}${String(1000 + i)}000000000`.slice(0, 17);

function comment(post, kind, i, user) {
  const { picture, time, ...json } = user;  // eslint-disable-line no-unused-vars
  return { pk: commentId(post, kind, i), text: kind === 'organic' ? `زن زندگی آزادی ${i}` : `hello ${i}`, created_at: time,
           comment_like_count: 0, child_comment_count: 0, parent_comment_id: null, user: json };
}

/** A post's three pages: comment lists (in row order) and the texts served. */
export function swarmThread(post) {
  const users = commenters(post);
  const pages = PAGES.map(({ organic, template }) => {
    const list = [];
    for (let i = organic[0]; i < organic[1]; i++) list.push(comment(post, 'organic', i, users.organic[i]));
    for (let i = template[0]; i < template[1]; i++) list.push(comment(post, 'template', i, users.template[i]));
    return list;
  });
  const edges = (list) => list.map((node) => ({ node: { __typename: 'XDTCommentDict', ...node }, cursor: '' }));
  const relay = { data: { xdt_api__v1__media__media_id__comments__connection: {
    edges: edges(pages[0]), page_info: { end_cursor: '{"server_cursor":"QVFIc3dhcm0=","is_server_cursor_inverse":true}', has_next_page: true } } },
  extensions: { is_final: true } };
  const blob = { require: [['ScheduledServerJS', 'handle', null, [{ __bbox: { require: [['RelayPrefetchedStreamCache', 'next', [],
    ['adp_PolarisPostCommentsContainerQueryRelayPreloader_swarm', { __bbox: { complete: true, result: relay } }]]] } }]]] };
  const rest = { comments: pages[1].map((c) => ({ ...c, user_id: c.user.pk, type: 0, content_type: 'comment', status: 'Active' })),
    comment_count: 52, has_more_comments: true, next_max_id: '{"server_cursor":"QVFEc3dhcm0=","is_server_cursor_inverse":false}',
    status: 'ok' };
  const graphql = { data: { xdt_api__v1__media__media_id__comments__connection: {
    edges: edges(pages[2]), page_info: { end_cursor: null, has_next_page: false } } }, extensions: { is_final: true }, status: 'ok' };
  const restPath = `/api/v1/media/${post.media}/comments/`;
  const graphqlUrl = `/graphql/query?fixture=${post.code}`;
  // Embedded JSON escapes '<' so that no text can close the script element.
  const html = `<!DOCTYPE html>
<html lang="fa" dir="rtl">
<head>
<meta charset="utf-8">
<title>target_activist on Instagram (SwarmLens swarm-thread fixture)</title>
<link rel="stylesheet" href="/static/fixture.css">
<script type="application/json" data-sjs>${JSON.stringify(blob).replace(/</g, '\\u003c')}</script>
<script src="/static/comments-app.js" defer></script>
</head>
<body>
<main class="x78zum5 xdt5ytf x1iyjqo2" data-rest-url="${restPath}?can_support_threading=true" data-graphql-url="${graphqlUrl}">
  <article class="x1iyjqo2 xs83m0k">
    <header class="x6s0dn4 x78zum5"><a class="x1i10hfl xjbqb8w" href="/target_activist/">target_activist</a></header>
    <ul class="x78zum5 xdt5ytf x1iyjqo2" id="x-comments"></ul>
  </article>
</main>
</body>
</html>
`;
  const all = [...users.organic, ...users.template];
  return {
    post, users: all, pages: pages.map((list) => list.map((c) => c.pk)),
    commentAuthor: new Map(pages.flat().map((c) => [c.pk, c.user.username])),
    texts: { html, blob: JSON.stringify(blob), rest: JSON.stringify(rest), graphql: JSON.stringify(graphql) },
    restPath, graphqlUrl,
    byPictureUrl: new Map(all.filter((u) => u.picture).map((u) => [u.profile_pic_url, u])),
  };
}

/** PNG and RGBA of a fixture user's picture (drawn once per URL). */
export function swarmPictures() {
  const cache = new Map();
  return (user) => {
    if (!cache.has(user.profile_pic_url)) {
      const image = drawPicture(...user.picture);
      cache.set(user.profile_pic_url, { image, png: encodePng(image) });
    }
    return cache.get(user.profile_pic_url);
  };
}

/** What the site answers for `url` for these posts, or null. */
export async function serveSwarmThreads(url, threads) {
  const { origin, pathname, search } = new URL(url);
  if (origin !== IG_ORIGIN) return null;
  const json = (body) => ({ status: 200, contentType: 'application/json; charset=utf-8', headers: {}, body });
  for (const t of threads) {
    if (pathname === `/p/${t.post.code}/`) {
      return { status: 200, contentType: 'text/html; charset=utf-8', headers: { 'content-security-policy': PAGE_CSP }, body: t.texts.html };
    }
    if (pathname === t.restPath) return json(t.texts.rest);
    if (`${pathname}${search}` === t.graphqlUrl) return json(t.texts.graphql);
  }
  const file = async (name, contentType) => ({ status: 200, contentType, headers: {}, body: await readFile(path.join(fixtures, name)) });
  if (pathname === '/static/comments-app.js') return file('comments-app.js', 'text/javascript; charset=utf-8');
  if (pathname === '/static/fixture.css') return file('fixture.css', 'text/css; charset=utf-8');
  if (pathname === '/favicon.ico') return { status: 404, contentType: 'text/plain', headers: {}, body: '' };
  return null;
}

/**
 * The extension's engine in node, fed as background.js feeds it: the pages in order under the
 * post's shortcode, then (picture post) every picture of a commenter who has one, the same RGBA.
 * Returns {afterPage: [Map(username -> account) after each page], final: Map}.
 */
export async function expectedThread(extDir, thread, pictures) {
  const { createEngine } = await import(pathToFileURL(path.join(extDir, 'engine/swarmlens.js')).href);
  const engine = await createEngine({ wasmBinary: await readFile(path.join(extDir, 'engine/swarmlens_engine.wasm')) });
  const names = thread.users.map((u) => u.username);
  const snapshot = () => new Map(engine.accounts(names).accounts.map((a) => [a.username, a]));
  const afterPage = [];
  for (const text of [thread.texts.blob, thread.texts.rest, thread.texts.graphql]) {
    const r = engine.ingestComments(text, { source: 'fixture', post: thread.post.code });
    if (!r.ok) throw new Error(`node engine rejects a page of ${thread.post.code}: ${r.error.text}`);
    afterPage.push(snapshot());
  }
  for (const user of thread.users) {
    if (!user.picture) continue;
    const { image, png } = pictures(user);
    const r = engine.addAvatar(user.username, image, new Uint8Array(png));
    if (!r.ok) throw new Error(`node engine rejects the picture of ${user.username}: ${r.error.text}`);
  }
  const final = snapshot();
  engine.dispose();
  return { afterPage, final };
}

// ---- Facebook ----------------------------------------------------------------------------------

export const FB_ORIGIN = 'https://www.facebook.com';
export const FB_SWARM_POST_URL = `${FB_ORIGIN}/target.activist/posts/pfbid02SwarmPics`;
const FB_POST_ID = '122100000000000099';
/** Facebook commenters (by index) sharing one picture: even indices are vanity links, odd ones profile.php ids. */
export const FB_SHARED_PICTURE = [2, 9, 16, 23];

/**
 * A Facebook post with 30 comment articles in its HTML (read from the DOM by comments.js): each
 * commenter has a picture of their own on fbcdn.net, except that four share one (re-encoded).
 * Returns {html, commenters: [{key, badgeUser, picture, profile_pic_url}], byPictureUrl}.
 */
export function facebookSwarmThread() {
  const commenters = Array.from({ length: 30 }, (_, i) => {
    const vanity = i % 2 === 0 ? `${FIRST[i % 8]}.${LAST[i % 5]}.${i}` : null;
    const pk = vanity ? null : String(100000000000000 + ((i * 7919 * 104729) % 900000000000));
    const shared = FB_SHARED_PICTURE.includes(i);
    return {
      key: `fb${i}`, vanity, pk, badgeUser: vanity ?? `id ${pk}`, name: `${FIRST[i % 8]} ${LAST[i % 5]}`,
      profile_pic_url: `https://scontent-ams2-1.xx.fbcdn.net/v/t39.30808-1/${9000 + i}_${1000 + i}_n.jpg?stp=cp0_dst-jpg_s60x60`,
      picture: shared ? ['pool-facebook', `quality=92;crop=0.0${FB_SHARED_PICTURE.indexOf(i)};hue=0;size=150`] : [`fbperson-${i}`, 'size=150'],
      text: `${['Solidarity', 'We stand with you', 'Stay safe', 'Thank you'][i % 4]} #${i}`,
    };
  });
  const escape = (text) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const articles = commenters.map((c, i) => {
    const commentId = Buffer.from(`comment:${FB_POST_ID}_${2000 + i}`).toString('base64');
    const profile = c.vanity ? `https://www.facebook.com/${c.vanity}?comment_id=${commentId}`
                             : `/profile.php?id=${c.pk}&comment_id=${commentId}`;
    return `<div class="x1n2onr6 x1swvt13" data-fixture-comment="${c.key}">
  <div role="article" class="x1n2onr6 x1iorvi4" tabindex="-1">
    <div class="x1r8uery"><a class="x1i10hfl" href="${escape(profile)}" role="link" tabindex="-1"><svg aria-hidden="true" height="32" width="32"><image x="0" y="0" height="100%" width="100%" href="${escape(c.profile_pic_url)}"></image></svg></a></div>
    <div class="x1y1aw1k">
      <span class="xt0psk2"><a class="x1i10hfl xjbqb8w" href="${escape(profile)}" role="link"><span class="x193iq5w" dir="auto" data-fixture-role="name">${escape(c.name)}</span></a></span>
      <div class="x1lliihq" data-fixture-role="body"><div class="xdj266r" dir="auto">${escape(c.text)}</div></div>
      <ul class="x1n0m28w"><li><a class="x1i10hfl" href="${escape(`${FB_SWARM_POST_URL}?comment_id=${commentId}`)}" role="link"><span>1h</span></a></li></ul>
    </div>
  </div>
</div>`;
  });
  const html = `<!DOCTYPE html>
<html lang="en" dir="ltr">
<head><meta charset="utf-8"><title>Target Activist | Facebook (SwarmLens swarm-thread fixture)</title></head>
<body>
<div class="x9f619 x1n2onr6" role="main">
  <div role="article" class="x1yztbdb x1n2onr6" data-fixture-post="1">
    <div class="xdj266r" dir="auto">زن، زندگی، آزادی</div>
    <div class="x1jx94hy" data-fixture-role="comments">
${articles.join('\n')}
    </div>
  </div>
</div>
</body>
</html>
`;
  return { html, commenters, byPictureUrl: new Map(commenters.map((c) => [c.profile_pic_url, c])) };
}
