// SwarmLens background: hosts the wasm engine (MV3 module service worker in Chromium, module
// background script in Firefox) and scores the follower pages and profile payloads content
// scripts send it. A profile (list 'profile') merges into the same engine by pk / username, so the
// account's score moves to the profile tier of evidence.
//
// After a list page it re-reads the profile pictures that page already shows (their
// profile_pic_url, only from Meta's image hosts, without cookies), decodes them and hands the
// pixels to the engine, which finds accounts sharing a picture. Accounts whose score changes and
// the list's swarm clusters go back to the content scripts in batches. Comment pages (both
// sites) get the same for their authors' pictures (shared pictures among a post's commenters);
// the thread's changed authors then go to the frames showing it ('swarmlens:comment-authors').
//
// The engine is created lazily on the first message. A Chromium service worker can be stopped at
// any time; its accounts are then forgotten and rebuilt from the pages that come next, which is
// acceptable because every page is re-sent as the user scrolls.
import { createEngine } from './engine/swarmlens.js';
import { pictureUrl } from './picture-url.js';
import { openPayloadArchive } from './payload-archive.js';

const api = globalThis.browser ?? globalThis.chrome;
const MAX_TEXT = 8 * 1024 * 1024;
const MAX_SOURCE = 4096;
const USERNAME = /^[A-Za-z0-9._]{1,30}$/;
// 'notifications': the activity feed's new followers, a list like the others.
const LISTS = new Set(['followers', 'following', '', 'profile', 'notifications']);
const TIERS = new Set(['list', 'profile']);

/** One engine per site: Facebook and Instagram ids would collide in one (both are plain numbers). */
const SITES = ['instagram', 'facebook'];
const enginePromises = new Map();

/** The site a message came from, from the sender's URL (set by the browser, not by the page). */
function siteOf(sender) {
  let host;
  try {
    host = new URL(sender.url ?? (sender.tab && sender.tab.url) ?? '').hostname;
  } catch {
    return null;
  }
  if (host === 'instagram.com' || host.endsWith('.instagram.com')) return 'instagram';
  if (host === 'facebook.com' || host.endsWith('.facebook.com')) return 'facebook';
  return null;
}

/** The site's engine, created on first use; a failed start is retried on the next message. */
function getEngine(site = 'instagram') {
  if (!SITES.includes(site)) throw new Error(`no engine for site ${site}`);
  let promise = enginePromises.get(site);
  if (!promise) {
    promise = (async () => {
      const wasmUrl = api.runtime.getURL('engine/swarmlens_engine.wasm');
      // Our own packaged file, not a network request. Passing the bytes avoids depending on how
      // the Emscripten glue detects a module service worker (it is neither `window` nor
      // `importScripts`).
      const response = await fetch(wasmUrl);
      if (!response.ok) throw new Error(`cannot read ${wasmUrl}: HTTP ${response.status}`);
      const wasmBinary = await response.arrayBuffer();
      return createEngine({ wasmBinary, locateFile: (name) => api.runtime.getURL(`engine/${name}`) });
    })();
    enginePromises.set(site, promise);
    promise.catch(() => {
      if (enginePromises.get(site) === promise) enginePromises.delete(site);
    });
  }
  return promise;
}

// ---- Case file page (case.html) ----------------------------------------------------------------

/** Per site: the raw payloads the engine took, for the case bundle (payload-archive.js). */
const archives = new Map();
/** How archived bytes are stored; the passphrase codec (case-crypto.js) plugs in here. */
const payloadCodec = undefined;

/** Keeps a payload the engine ingested; never delays or fails the ingest. */
function archivePayload(site, text) {
  let archive = archives.get(site);
  if (!archive) {
    archive = openPayloadArchive(site, payloadCodec ? { codec: payloadCodec } : {});
    archives.set(site, archive);
  }
  archive.put(text).catch((error) => console.warn('swarmlens: payload archive:', String(error)));
}

/** Whether a message comes from the extension's own case page (not a content script). */
function fromCasePage(sender) {
  return sender.id === api.runtime.id && typeof sender.url === 'string' &&
    sender.url.split(/[?#]/)[0] === api.runtime.getURL('case.html');
}

/** The case page's copy of a site's case: the case file as base64 (messages carry JSON only). */
async function caseSnapshot(message) {
  if (message === null || typeof message !== 'object' || message.type !== 'swarmlens:case-snapshot' ||
      !SITES.includes(message.site)) {
    return { ok: false, error: { code: 'invalid_argument', message: 'expected {type: "swarmlens:case-snapshot", site}' } };
  }
  const bytes = (await getEngine(message.site)).save();
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { ok: true, snapshot: btoa(binary) };
}

// The toolbar button opens the case page.
api.action?.onClicked.addListener(() => api.tabs.create({ url: api.runtime.getURL('case.html') }));

/** Next list position per `${owner}\n${list}`, so later pages continue the numbering. */
const nextPosition = new Map();

/** First list position of a page: 0 for a REST first page (no max_id), else where the last stopped. */
function firstPositionFor(key, source) {
  let first = nextPosition.get(key) ?? 0;
  try {
    const url = new URL(source);
    if (url.pathname.startsWith('/api/v1/friendships/') && !url.searchParams.has('max_id')) first = 0;
  } catch {
    // Not a URL: keep counting.
  }
  return first;
}

/** Validates an ingest message from a content script; returns its fields or null. */
function parseIngest(message) {
  if (message === null || typeof message !== 'object' || message.type !== 'ingest') return null;
  const { text, list, owner, source } = message;
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return null;
  if (typeof list !== 'string' || !LISTS.has(list)) return null;
  if (typeof owner !== 'string' || (owner !== '' && !USERNAME.test(owner))) return null;
  if (typeof source !== 'string' || source.length > MAX_SOURCE) return null;
  return { text, list, owner, source };
}

// ---- What goes to the content script -----------------------------------------------------------

/**
 * Engine revision: counts the calls that may change results. Every account and cluster list sent
 * to a content script carries the revision it was read at, so a late reply never overwrites
 * newer data that arrived by the other channel (replies and pushed batches are not ordered).
 */
let revision = 0;

/** Only what the content script shows: plain JSON-safe values. */
function toBadgeData(account) {
  return {
    username: String(account.username),
    pk: account.pk === undefined || account.pk === null ? null : String(account.pk),
    score: Number(account.score),
    level: String(account.level),
    reasons: (account.reasons ?? []).map((r) => ({ code: String(r.code), weight: Number(r.weight), text: String(r.text) })),
    // Which evidence the engine scored with; null when this engine build does not say.
    tier: TIERS.has(account.tier) ? account.tier : null,
  };
}

/** Accounts the content script can show: with a username, no comments. */
function badgeAccounts(accounts) {
  return (Array.isArray(accounts) ? accounts : []).filter((a) => a && a.kind !== 'comment' && a.username).map(toBadgeData);
}

/** A cluster as the dialog summary shows it (no members, no key: only the engine's own sentence). */
function toClusterData(cluster) {
  return {
    kind: String(cluster.cluster_kind),
    list: String(cluster.list),
    owner: String(cluster.owner),
    size: Number(cluster.size),
    strength: Number(cluster.strength),
    description: String(cluster.description),
  };
}

function clusterSummaries(clusters) {
  return (Array.isArray(clusters) ? clusters : []).filter((c) => c && c.kind === 'cluster').map(toClusterData);
}

/** The fields every successful reply carries besides its page accounts. */
function swarmFields(engine, result) {
  return {
    rev: revision,
    updated: badgeAccounts(result.updated),
    clusters: clusterSummaries(result.clusters),
    clusterKinds: Array.isArray(engine.constants.cluster_kinds) ? engine.constants.cluster_kinds.map(String) : [],
  };
}

function errorReply(result) {
  return { ok: false, error: { code: String(result.error.code), message: String(result.error.message) } };
}

// ---- Ingest ------------------------------------------------------------------------------------

/** A profile or hover-card payload: no list, no owner, no list position. */
async function ingestProfile(request) {
  const engine = await getEngine();
  const result = engine.ingest(request.text, { source: request.source, seenAt: Math.floor(Date.now() / 1000) });
  if (!result.ok) return errorReply(result);
  revision++;
  archivePayload('instagram', request.text);
  return { ok: true, list: null, owner: null, accounts: badgeAccounts(result.accounts), ...swarmFields(engine, result) };
}

async function ingest(request, receiver) {
  if (request.list === 'profile') return ingestProfile(request);
  const engine = await getEngine();
  const key = `${request.owner}\n${request.list}`;
  const firstPosition = firstPositionFor(key, request.source);
  const options = {
    owner: request.owner,
    source: request.source,
    seenAt: Math.floor(Date.now() / 1000),
    firstPosition,
  };
  if (request.list) options.list = request.list;
  const result = engine.ingest(request.text, options);
  if (!result.ok) return errorReply(result);
  revision++;
  archivePayload('instagram', request.text);
  nextPosition.set(key, firstPosition + result.accounts.length);
  addReceiver(receiver);
  queuePictures(listPictures(key), pictureUrls(request.text), result.accounts);
  flushLater(engine);
  return {
    ok: true,
    list: String(result.list),
    owner: request.owner,
    accounts: badgeAccounts(result.accounts),
    ...swarmFields(engine, result),
  };
}

// ---- Comment threads --------------------------------------------------------------------------
//
// A comment page (Instagram REST / GraphQL / the first page embedded in the post HTML; the JSON
// the Facebook content script builds from the DOM; Facebook GraphQL once the core parses it) goes
// to the site's engine. The reply carries the page's comments, the campaigns of the threads they
// belong to (their members may be on earlier pages) and the account results of every author of
// those threads seen so far (a later page can move earlier commenters into a thread cluster).

const MAX_POST = 256;
const MAX_CAMPAIGN_MEMBERS = 2000;

/** Validates a comments message from a content script; returns its fields or null. */
function parseComments(message) {
  if (message === null || typeof message !== 'object' || message.type !== 'comments') return null;
  const { text, source, post } = message;
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return null;
  if (typeof source !== 'string' || source.length > MAX_SOURCE) return null;
  if (typeof post !== 'string' || post.length > MAX_POST) return null;
  return { text, source, post };
}

const optionalString = (value) => (value === undefined || value === null ? null : String(value));

/** Only what the content script shows of a comment: plain JSON-safe values. */
function toCommentData(comment) {
  const threat = comment.threat ?? {};
  const harassment = comment.harassment ?? {};
  return {
    id: String(comment.id),
    post: String(comment.post ?? ''),
    parent: optionalString(comment.parent_id),
    author: optionalString(comment.author),
    authorPk: optionalString(comment.author_pk),
    authorScore: Number(comment.author_score),
    authorLevel: String(comment.author_level ?? ''),
    text: String(comment.text ?? ''),
    threat: {
      level: String(threat.level ?? 'none'),
      score: Number(threat.score ?? 0),
      modelScore: Number(threat.model_score ?? 0),
      matches: (threat.matches ?? []).map((m) => ({
        category: String(m.category), gloss: String(m.gloss), weight: Number(m.weight), text: String(m.text),
      })),
    },
    harassment: { score: Number(harassment.score ?? 0), flagged: harassment.flagged === true },
    campaign: (comment.campaign ?? []).map((c) => ({ code: String(c.code), strength: Number(c.strength), text: String(c.text) })),
    reasons: (comment.reasons ?? []).map((r) => ({ code: String(r.code), weight: Number(r.weight), text: String(r.text) })),
  };
}

function toCampaignData(campaign) {
  return {
    kind: String(campaign.campaign_kind),
    post: String(campaign.post),
    size: Number(campaign.size),
    accounts: Number(campaign.accounts),
    strength: Number(campaign.strength),
    description: String(campaign.description),
    members: (campaign.members ?? []).slice(0, MAX_CAMPAIGN_MEMBERS).map(String),
  };
}

/** An author as its badge shows it; `username` may be empty on Facebook (known by id only). */
function toAuthorData(account) {
  const data = toBadgeData(account);
  data.username = account.username ? String(account.username) : '';
  return data;
}

// ---- Who commented where ------------------------------------------------------------------------
//
// A later page (or picture) of a thread can put earlier commenters into a swarm cluster of that
// thread (cohort, template, display name, shared picture), so their badges must change although
// the page does not show them. The background remembers each thread's authors with a digest of
// the result last sent for them; when a page brings new commenters into a thread (the only way a
// page changes a thread's clusters), every remembered author of the touched threads is looked up
// again and those whose result changed go out: in the reply to the sender, and as a
// 'swarmlens:comment-authors' message to the other frames that sent pages of the thread. After
// pictures of a thread were added the same goes to all of them (debounced like pushLater).
//
// Bounded: at most THREAD_AUTHORS_MAX authors per thread (the earliest forgotten first) and
// THREADS_MAX threads (the least recently used forgotten first), i.e. at most 1,000,000 remembered
// authors. A forgotten author's badge keeps what it last showed until a page of theirs comes
// again. Measured in node on this machine: looking up 5,000 authors takes ~40 ms and 2.8 MB of
// engine JSON, so it is done only when a page adds commenters, and only changes are sent.

const THREAD_AUTHORS_MAX = 5000;
const THREADS_MAX = 200;
const THREAD_RECEIVERS_MAX = 8;
/**
 * `${site}\n${post}` -> {site, post, authors: Map(author key -> {engineKey, digest}), receivers:
 * Map(frame id -> {tabId, frameId}), pictures: Set(username), timer}. Map orders are recency.
 */
const threads = new Map();

function threadFor(site, post) {
  const id = `${site}\n${post}`;
  let thread = threads.get(id);
  if (thread) {
    threads.delete(id);  // re-insert: the map's order is recency
  } else {
    thread = { site, post, authors: new Map(), receivers: new Map(), pictures: new Set(), timer: 0 };
  }
  threads.set(id, thread);
  if (threads.size > THREADS_MAX) {
    const [oldestId, oldest] = threads.entries().next().value;
    clearTimeout(oldest.timer);
    threads.delete(oldestId);
  }
  return thread;
}

/** [author key, engine key] of a comment's author ('u:' username or 'pk:' id), or null. */
function authorKeyOf(comment) {
  if (comment.author) return [`u:${comment.author}`, comment.author];
  if (comment.authorPk && /^[0-9]{1,20}$/.test(comment.authorPk)) return [`pk:${comment.authorPk}`, { pk: comment.authorPk }];
  return null;
}

/** The author keys an engine account may be remembered under. */
const keysOfAccount = (account) => [account.username ? `u:${account.username}` : null,
                                    account.pk ? `pk:${account.pk}` : null].filter(Boolean);

/** Remembers an author in a thread; true when the thread did not know them yet. */
function rememberAuthor(thread, key, engineKey) {
  const known = thread.authors.get(key);
  thread.authors.delete(key);
  thread.authors.set(key, known ?? { engineKey, digest: 0 });
  if (thread.authors.size > THREAD_AUTHORS_MAX) thread.authors.delete(thread.authors.keys().next().value);
  return !known;
}

function rememberReceiver(thread, receiver) {
  if (!receiver) return;
  const id = `${receiver.tabId}/${receiver.frameId}`;
  thread.receivers.delete(id);
  thread.receivers.set(id, receiver);
  if (thread.receivers.size > THREAD_RECEIVERS_MAX) thread.receivers.delete(thread.receivers.keys().next().value);
}

/** A 32-bit FNV-1a hash of what an author's badge shows (stored per thread instead of the text). */
function badgeDigest(data) {
  const text = `${data.level}\n${data.score}\n${data.tier}\n${data.reasons.map((r) => `${r.code} ${r.weight} ${r.text}`).join('\n')}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
  return (hash >>> 0) || 1;  // 0 means "never sent"
}

/** Records `data` as sent in every given thread that knows the author; true when it changed. */
function noteSent(threadList, data) {
  const digest = badgeDigest(data);
  let changed = false;
  for (const thread of threadList) {
    for (const key of keysOfAccount(data)) {
      const entry = thread.authors.get(key);
      if (!entry) continue;
      if (entry.digest !== digest) changed = true;
      entry.digest = digest;
      break;
    }
  }
  return changed;
}

/** The remembered authors of `threadList` (except `skip` keys) whose result changed since last sent. */
function changedAuthors(engine, threadList, skip) {
  const wanted = new Map();
  for (const thread of threadList) {
    for (const [key, entry] of thread.authors) if (!skip.has(key) && !wanted.has(key)) wanted.set(key, entry.engineKey);
  }
  if (wanted.size === 0) return [];
  const changed = [];
  for (const account of engine.accounts([...wanted.values()]).accounts) {
    const data = toAuthorData(account);
    if (noteSent(threadList, data)) changed.push(data);
  }
  return changed;
}

function sendToReceivers(thread, message, exceptId = null) {
  for (const [id, { tabId, frameId }] of thread.receivers) {
    if (id === exceptId) continue;
    api.tabs.sendMessage(tabId, message, { frameId }).catch(() => thread.receivers.delete(id));  // tab gone
  }
}

async function ingestComments(site, request, receiver) {
  const engine = await getEngine(site);
  const result = engine.ingestComments(request.text, { source: request.source, post: request.post });
  if (!result.ok) return errorReply(result);
  revision++;
  archivePayload(site, request.text);
  const comments = result.comments.map(toCommentData);
  const pageKeys = new Map();  // the page's own authors: always answered
  const touched = new Map();   // post -> thread
  let joined = false;
  for (const c of comments) {
    if (!touched.has(c.post)) touched.set(c.post, threadFor(site, c.post));
    const key = authorKeyOf(c);
    if (!key) continue;
    pageKeys.set(key[0], key[1]);
    if (rememberAuthor(touched.get(c.post), key[0], key[1])) joined = true;
  }
  const threadList = [...touched.values()];
  const pageAuthors = pageKeys.size ? engine.accounts([...pageKeys.values()]).accounts : [];
  const authors = pageAuthors.map((account) => {
    const data = toAuthorData(account);
    noteSent(threadList, data);
    return data;
  });
  const others = joined ? changedAuthors(engine, threadList, pageKeys) : [];
  for (const thread of threadList) {
    rememberReceiver(thread, receiver);
    // The other frames showing the thread learn the changes too.
    if (others.length) sendToReceivers(thread, { type: 'swarmlens:comment-authors', rev: revision, authors: others }, receiver && `${receiver.tabId}/${receiver.frameId}`);
  }
  // The pages name their authors' pictures; they may add shared-picture evidence later.
  const urls = site === 'instagram' ? pictureUrls(request.text) : facebookPictureUrls(request.text);
  for (const thread of threadList) {
    const own = new Set();
    for (const c of comments) if (c.post === thread.post) for (const key of [c.author && `u:${c.author}`, c.authorPk && `pk:${c.authorPk}`]) if (key) own.add(key);
    const authorsHere = pageAuthors.filter((a) => keysOfAccount(a).some((key) => own.has(key)));
    queuePictures(thread.pictures, urls, authorsHere, thread, site);
  }
  return {
    ok: true,
    rev: revision,
    shape: String(result.shape),
    comments,
    campaigns: (result.campaigns ?? []).filter((c) => touched.has(String(c.post))).map(toCampaignData),
    authors: [...authors, ...others],
  };
}

/** After pictures of a thread were added: its changed authors, debounced, to the frames showing it. */
function pushThreadLater(thread) {
  if (thread.timer) return;
  thread.timer = setTimeout(() => {
    thread.timer = 0;
    pushThread(thread).catch((error) => console.debug('SwarmLens: thread update not sent', error));
  }, PUSH_DELAY_MS);
}

async function pushThread(thread) {
  if (threads.get(`${thread.site}\n${thread.post}`) !== thread) return;  // forgotten meanwhile
  const engine = await getEngine(thread.site);
  const authors = changedAuthors(engine, [thread], new Map());
  if (authors.length) sendToReceivers(thread, { type: 'swarmlens:comment-authors', rev: revision, authors });
}

// ---- Profile pictures --------------------------------------------------------------------------
//
// Only pictures the page itself received a URL for, only from Meta's image hosts (the manifest's
// host_permissions, which let the worker read the bytes cross-origin), without cookies or
// referrer, from the HTTP cache when the page already loaded them.

const PICTURE_CONCURRENCY = 4;
const PICTURES_PER_LIST = 2000;      // bounds the requests and the engine's avatar memory per list
const PICTURE_TIMEOUT_MS = 10_000;
const PICTURE_MAX_BYTES = 2 * 1024 * 1024;  // Instagram's list avatars are 150-320 px, ~5-40 KB
const PICTURE_MAX_SIDE = 128;        // the perceptual hash downsamples further anyway
const PUSH_DELAY_MS = 250;
const MAX_WALK = 200_000;            // JSON nodes visited per page when collecting URLs

/**
 * username -> profile_pic_url of every user object in a page's JSON. The engine's account JSON
 * does not carry the URL, so the page is parsed once more here, only for these pairs. Keys may
 * carry the GraphQL alias prefix (a digit and a letter, e.g. "1lprofile_pic_url").
 */
function pictureUrls(text) {
  const found = new Map();
  for (const node of jsonObjects(text)) {
    let username = null;
    let url = null;
    for (const [key, value] of Object.entries(node)) {
      if (typeof value !== 'string') continue;
      const name = /^[0-9][a-z]/.test(key) ? key.slice(2) : key;
      if (name === 'username') username = value;
      else if (name === 'profile_pic_url') url = value;
    }
    if (username && url && !found.has(username)) found.set(username, url);
  }
  return found;
}

/** The objects of a page's JSON, breadth first (page order), at most MAX_WALK nodes; none if it is not JSON. */
function* jsonObjects(text) {
  let root;
  try {
    root = JSON.parse(text);
  } catch {
    return;
  }
  const queue = [root];
  for (let i = 0; i < queue.length && i < MAX_WALK; i++) {
    const node = queue[i];
    if (node === null || typeof node !== 'object') continue;
    for (const value of Array.isArray(node) ? node : Object.values(node)) {
      if (value !== null && typeof value === 'object') queue.push(value);
    }
    if (!Array.isArray(node)) yield node;
  }
}

/** A Facebook profile link's single path segment (vanity name), lower-cased, or null. */
function facebookVanity(value) {
  try {
    const url = new URL(value);
    if (!/(^|\.)facebook\.com$/.test(url.hostname)) return null;
    const segments = url.pathname.split('/').filter(Boolean);
    const name = segments.length === 1 ? segments[0] : '';
    return /^[A-Za-z0-9.]{1,50}$/.test(name) && !name.endsWith('.php') ? name.toLowerCase() : null;
  } catch {
    return null;
  }
}

/**
 * 'pk:<id>' / 'u:<vanity>' -> picture URL of every Facebook author object in a comment page
 * (GraphQL or the JSON comments.js builds from the DOM): `profile_picture_depth_0.uri` (else
 * `profile_picture.uri`) beside `id` and `url`.
 */
function facebookPictureUrls(text) {
  const found = new Map();
  for (const node of jsonObjects(text)) {
    const picture = [node.profile_picture_depth_0, node.profile_picture]
      .map((p) => (p !== null && typeof p === 'object' && typeof p.uri === 'string' ? p.uri : null)).find(Boolean);
    if (!picture) continue;
    const id = typeof node.id === 'string' || typeof node.id === 'number' ? String(node.id) : '';
    if (/^[0-9]{1,20}$/.test(id) && !found.has(`pk:${id}`)) found.set(`pk:${id}`, picture);
    const vanity = typeof node.url === 'string' ? facebookVanity(node.url) : null;
    if (vanity && !found.has(`u:${vanity}`)) found.set(`u:${vanity}`, picture);
  }
  return found;
}

/** Per list key: the usernames whose picture was queued (each at most once per list). */
const picturesQueued = new Map();
const pictureJobs = [];
let picturesRunning = 0;

/**
 * Where an engine account's picture is, on `site`: {id (once per list / thread), engineKey (for
 * addAvatar), url} or null. Instagram URLs are keyed by username; Facebook ones by 'pk:<id>' and
 * 'u:<vanity>' (facebookPictureUrls), since many Facebook authors are known by id only.
 */
function pictureTarget(site, account, urls) {
  const username = account.username ? String(account.username) : '';
  if (site === 'instagram') return username ? { id: username, engineKey: username, url: pictureUrl(urls.get(username)) } : null;
  const pk = account.pk && /^[0-9]{1,20}$/.test(String(account.pk)) ? String(account.pk) : '';
  if (!pk && !username) return null;
  const raw = (pk && urls.get(`pk:${pk}`)) || (username && urls.get(`u:${username.toLowerCase()}`));
  return { id: pk ? `pk:${pk}` : `u:${username}`, engineKey: pk ? { pk } : username, url: pictureUrl(raw) };
}

/**
 * Queues the pictures of a page's accounts (not the default silhouette, not already in `queued`,
 * at most PICTURES_PER_LIST per list or thread). `urls`: from pictureUrls / facebookPictureUrls.
 * `thread`: the comment thread whose authors are sent again after its pictures were added.
 */
function queuePictures(queued, urls, accounts, thread = null, site = 'instagram') {
  if (urls.size === 0) return;
  for (const account of accounts) {
    if (!account || account.anonymous_avatar === true) continue;
    if (queued.size >= PICTURES_PER_LIST) break;
    const target = pictureTarget(site, account, urls);
    if (!target || !target.url || queued.has(target.id)) continue;
    queued.add(target.id);
    pictureJobs.push({ ...target, thread, site });
  }
  pumpPictures();
}

/** The usernames queued for a follower list (created on first use). */
function listPictures(key) {
  let queued = picturesQueued.get(key);
  if (!queued) picturesQueued.set(key, (queued = new Set()));
  return queued;
}

function pumpPictures() {
  while (picturesRunning < PICTURE_CONCURRENCY && pictureJobs.length > 0) {
    const job = pictureJobs.shift();
    picturesRunning++;
    addPicture(job).catch((error) => console.debug('SwarmLens: picture skipped', job.url, error))
      .finally(() => {
        picturesRunning--;
        pumpPictures();
      });
  }
}

/** A 2D context of the given size: OffscreenCanvas where it exists, else a DOM canvas (Firefox). */
function canvasContext(width, height) {
  const canvas = typeof OffscreenCanvas === 'function'
    ? new OffscreenCanvas(width, height)
    : Object.assign(globalThis.document.createElement('canvas'), { width, height });
  return canvas.getContext('2d', { willReadFrequently: true });
}

/** Fetches and decodes one picture: {image: ImageData (at most 128 px a side), bytes} or null. */
async function readPicture(url) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), PICTURE_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      credentials: 'omit',
      cache: 'force-cache',
      referrerPolicy: 'no-referrer',
      redirect: 'error',  // only the exact URL the page received, never a host it redirects to
      signal: controller.signal,
    });
    const type = response.headers.get('content-type') ?? '';
    const length = Number(response.headers.get('content-length') ?? 0);
    if (!response.ok || !type.startsWith('image/') || length > PICTURE_MAX_BYTES) return null;
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length === 0 || bytes.length > PICTURE_MAX_BYTES) return null;
    const bitmap = await createImageBitmap(new Blob([bytes], { type }));
    try {
      const scale = Math.min(1, PICTURE_MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      const width = Math.max(1, Math.round(bitmap.width * scale));
      const height = Math.max(1, Math.round(bitmap.height * scale));
      const context = canvasContext(width, height);
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, 0, 0, width, height);
      return { image: context.getImageData(0, 0, width, height), bytes };
    } finally {
      bitmap.close();
    }
  } finally {
    clearTimeout(timer);
  }
}

async function addPicture(job) {
  const picture = await readPicture(job.url);
  if (!picture) {
    console.debug('SwarmLens: picture not readable', job.url);
    return;
  }
  const engine = await getEngine(job.site);
  const result = engine.addAvatar(job.engineKey, picture.image, picture.bytes);
  if (!result.ok) {
    // E.g. a flat image (no structure to hash); expected now and then.
    console.debug('SwarmLens: picture not added', job.id, result.error && result.error.message);
    return;
  }
  revision++;
  if (job.site === 'instagram') pushLater(result.updated, result.clusters);  // follower lists: Instagram only
  if (job.thread) pushThreadLater(job.thread);
}

// ---- Pushing changes to content scripts --------------------------------------------------------

/** Frames that sent list pages: `${tabId}/${frameId}` -> {tabId, frameId}. */
const receivers = new Map();
const MAX_RECEIVERS = 32;
const pushAccounts = new Map();  // username -> latest badge data
let pushClusters = null;
let pushTimer = 0;

function addReceiver(receiver) {
  if (!receiver) return;
  const id = `${receiver.tabId}/${receiver.frameId}`;
  receivers.delete(id);  // re-insert: the map's order is recency
  receivers.set(id, receiver);
  if (receivers.size > MAX_RECEIVERS) receivers.delete(receivers.keys().next().value);
}

// On large lists the engine re-analyses a list once ~2% new members are waiting; when pages stop
// arriving, flush() runs what is left so the last pages get their swarm evidence too.
const FLUSH_DELAY_MS = 300;
let flushTimer = 0;
function flushLater(engine) {
  if (flushTimer) clearTimeout(flushTimer);
  flushTimer = setTimeout(() => {
    flushTimer = 0;
    const result = engine.flush();
    if (result.ok && (result.updated.length || result.clusters.length)) {
      revision++;
      pushLater(result.updated, result.clusters);
    }
  }, FLUSH_DELAY_MS);
}

function pushLater(updated, clusters) {
  for (const account of badgeAccounts(updated)) pushAccounts.set(account.username, account);
  pushClusters = clusterSummaries(clusters);
  if (!pushTimer) pushTimer = setTimeout(pushNow, PUSH_DELAY_MS);
}

function pushNow() {
  pushTimer = 0;
  const message = { type: 'swarmlens:update', rev: revision, accounts: [...pushAccounts.values()], clusters: pushClusters ?? [] };
  pushAccounts.clear();
  pushClusters = null;
  for (const [id, { tabId, frameId }] of receivers) {
    api.tabs.sendMessage(tabId, message, { frameId }).catch(() => receivers.delete(id));  // tab gone
  }
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own content scripts talk to us (no externally_connectable), but check anyway.
  if (sender.id !== api.runtime.id) return false;
  if (fromCasePage(sender)) {
    caseSnapshot(message).then(sendResponse, (error) => sendResponse(internalError(error)));
    return true;
  }
  const site = siteOf(sender);
  if (!site) return false;
  const receiver = sender.tab && Number.isInteger(sender.tab.id)
    ? { tabId: sender.tab.id, frameId: Number.isInteger(sender.frameId) ? sender.frameId : 0 }
    : null;
  const comments = parseComments(message);
  if (comments) {
    ingestComments(site, comments, receiver).then(sendResponse, (error) => sendResponse(internalError(error)));
    return true;
  }
  // Follower lists and profiles exist on Instagram only.
  const request = site === 'instagram' ? parseIngest(message) : null;
  if (!request) return false;
  ingest(request, receiver).then(sendResponse, (error) => sendResponse(internalError(error)));
  return true;  // Reply asynchronously (works in Chromium and Firefox).
});

function internalError(error) {
  return { ok: false, error: { code: 'internal', message: String(error && error.message ? error.message : error) } };
}
