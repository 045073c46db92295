// SwarmLens comment threads (isolated world, www.instagram.com and www.facebook.com; runs after
// content.js, whose badge look it reuses through `globalThis.swarmlensBadges`).
//
// Instagram: comment pages the page hook observed (REST comments and replies, GraphQL comment
// connections) and, on post / reel pages, the first page embedded in the HTML as
// <script type="application/json"> go to the background engine as text. Facebook: comment
// articles are read from the DOM into the comment JSON the engine parses (below), and GraphQL
// responses that mention comments are passed on as they are.
//
// Each comment row gets its author's badge and, where it applies, a marker (threat, harassment,
// copy-paste campaign) whose tooltip lists the engine's reasons. Threatening comments are blurred
// until clicked while the option `blurThreats` (storage.local, default on) is set.
//
// Direct messages (the inbox, message requests and one conversation, /direct/...) come as the
// same records (comment_kind message / message_request, post "direct:<thread>" or, for every
// request, "direct:requests"): each message the page shows gets its sender's badge, the same
// markers (a copy-paste campaign across requests is the same text from many new accounts) and the
// same blur. When a comment thread or the inbox is open but no payload of it was recognised, a
// notice says "SwarmLens cannot read this version of the page" and the console gets the key
// outline of what could not be read (keys only), as content.js does for the followers dialog.
//
// Rows are found by structure only: Instagram by the author's profile link `a[href="/<user>/"]`
// and the comment text, Facebook by `[role="article"]`, its profile links and its permalink's
// comment_id. Never by generated class names or localised aria-labels. Everything read from the
// page is attacker-written text and is only ever written back with textContent.
(() => {
  'use strict';

  const api = globalThis.browser ?? globalThis.chrome;
  const ui = globalThis.swarmlensBadges;
  if (!ui) return;  // content.js did not run (should not happen: same content_scripts entry)

  const EVENT = 'swarmlens:payload';
  const MAX_TEXT = 8 * 1024 * 1024;
  const MAX_DETAIL = 2 * MAX_TEXT;
  const MAX_URL = 4096;
  const MAX_ID = 200;
  const USERNAME = /^[A-Za-z0-9._]{1,30}$/;
  const DIGITS = /^[0-9]{1,20}$/;
  const MARKER_TAG = 'swarmlens-comment-marker';
  const ROW_ATTR = 'data-swarmlens-comment';
  const BLUR_ATTR = 'data-swarmlens-blurred';
  const SITE = /(^|\.)facebook\.com$/.test(location.hostname) ? 'facebook' : 'instagram';
  // Characters of the comment text (whitespace removed) that must appear in the row: enough to be
  // specific, short enough to survive Instagram's "... more" truncation.
  const SNIPPET = 40;
  const MAX_ROW_DEPTH = 12;

  // Strings a person reads that this file adds: chrome.i18n messages (keys inbox_*) when the
  // extension has them, else this table, Persian for a Persian browser and English otherwise.
  const STRINGS = {
    en: {
      inbox_show_message: 'Show message',
      inbox_cannot_read: 'SwarmLens cannot read this version of the page',
      inbox_cannot_read_inbox: 'No conversation or message request the page received was recognised, so their ' +
        'senders and messages are not checked. The browser console lists the shapes it could not read (field names only), for a report.',
      inbox_cannot_read_thread: 'No comment page the page received was recognised, so these comments are not ' +
        'checked. The browser console lists the shapes it could not read (field names only), for a report.',
    },
    fa: {
      inbox_show_message: 'نمایش پیام',
      inbox_cannot_read: 'SwarmLens نمی‌تواند این نسخه از صفحه را بخواند',
      inbox_cannot_read_inbox: 'هیچ‌کدام از گفت‌وگوها یا درخواست‌های پیامی که صفحه دریافت کرد شناخته نشد، پس ' +
        'فرستنده‌ها و پیام‌هایشان بررسی نمی‌شوند. کنسول مرورگر شکل داده‌هایی را که خوانده نشد (فقط نام فیلدها) برای گزارش فهرست می‌کند.',
      inbox_cannot_read_thread: 'هیچ‌کدام از صفحه‌های دیدگاهی که صفحه دریافت کرد شناخته نشد، پس این دیدگاه‌ها ' +
        'بررسی نمی‌شوند. کنسول مرورگر شکل داده‌هایی را که خوانده نشد (فقط نام فیلدها) برای گزارش فهرست می‌کند.',
    },
  };
  function t(key) {
    try {
      const message = api.i18n.getMessage(key);
      if (message) return message;
    } catch {
      // No i18n (a test page): the table.
    }
    let language = 'en';
    try {
      language = String(api.i18n.getUILanguage()).toLowerCase().startsWith('fa') ? 'fa' : 'en';
    } catch {
      // Keep English.
    }
    return STRINGS[language][key];
  }

  /** Comment id -> what the engine said (validated), newest revision kept. */
  const comments = new Map();
  const revisionOfComment = new Map();
  /** Post -> that thread's campaigns ({kind, description, members: Set}). */
  const campaignsByPost = new Map();
  /** 'u:<username>' / 'pk:<id>' -> the author's badge data. */
  const authors = new Map();
  /** Comment ids the user revealed by clicking. */
  const revealed = new Set();
  /** Our own badge and marker hosts (a page copy of the element is not ours). */
  const ownHosts = new WeakSet();
  /** Host -> digest of what it shows. */
  const shownOf = new WeakMap();
  /** Marker host -> its shadow root. */
  const markerRoots = new WeakMap();
  let blurThreats = true;

  // ---- Option ----------------------------------------------------------------------------------

  try {
    Promise.resolve(api.storage.local.get({ blurThreats: true })).then((items) => {
      blurThreats = !items || items.blurThreats !== false;
      markAllDirty();
    }, () => {});
    api.storage.onChanged.addListener((changes, area) => {
      if (area === 'local' && changes.blurThreats) {
        blurThreats = changes.blurThreats.newValue !== false;
        markAllDirty();
      }
    });
  } catch {
    // No storage (should not happen with the permission): keep the default, blur on.
  }

  // ---- Sending pages to the engine -------------------------------------------------------------

  document.addEventListener(EVENT, (event) => {
    const message = parseEnvelope(event.detail);
    if (message) send(message.text, message.url, postKey());
  });

  /** The hook's envelope when it carries a comment page; else null (content.js takes the rest). */
  function parseEnvelope(detail) {
    if (typeof detail !== 'string' || detail.length > MAX_DETAIL) return null;
    let data;
    try {
      data = JSON.parse(detail);
    } catch {
      return null;
    }
    if (data === null || typeof data !== 'object' || data.v !== 1 || data.list !== 'comments') return null;
    const { text, url } = data;
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return null;
    if (typeof url !== 'string' || url.length > MAX_URL) return null;
    return { text, url };
  }

  /** Instagram: the shortcode of the post or reel the page shows (one thread per post), else ''. */
  function postKey() {
    if (SITE !== 'instagram') return '';
    const match = /\/(?:p|reel|reels|tv)\/([A-Za-z0-9_-]{1,64})\/?/.exec(location.pathname);
    return match ? match[1] : '';
  }

  // One request at a time, in arrival order.
  let queue = Promise.resolve();
  function send(text, source, post) {
    queue = queue.then(() => ingest(text, source.slice(0, MAX_URL), post)).catch(() => {});
  }

  async function ingest(text, source, post) {
    let reply;
    try {
      reply = await api.runtime.sendMessage({ type: 'comments', text, source, post });
    } catch {
      return;  // The extension was reloaded or its worker is restarting.
    }
    if (!reply || reply.ok !== true || !Array.isArray(reply.comments)) {
      // E.g. a blob or GraphQL response without comments, or a shape the core does not know yet.
      console.debug('SwarmLens: comments not scored', source, reply && reply.error);
      rememberUnread(text, reply && reply.error && reply.error.code);
      return;
    }
    // What the open page could read: the inbox or a conversation (a direct shape), else a post's comments.
    if (typeof reply.shape === 'string') {
      recognised.add(reply.shape.startsWith('direct') ? `${reply.shape}:${location.pathname}` : `post:${post}`);
    }
    apply(reply);
  }

  // ---- Validating what the background sent ---------------------------------------------------

  const isText = (value, max = MAX_TEXT) => typeof value === 'string' && value.length <= max;
  const isReason = (r) => r && isText(r.code, 100) && isText(r.text, 10_000);

  function validComment(c) {
    if (!c || !isText(c.id, MAX_ID) || c.id === '' || !isText(c.text) || !isText(c.post, 256)) return null;
    if (!c.threat || !Array.isArray(c.threat.matches) || !Array.isArray(c.reasons) || !Array.isArray(c.campaign)) return null;
    return {
      id: c.id,
      post: c.post,
      author: isText(c.author, 100) && c.author ? c.author.toLowerCase() : '',
      authorPk: isText(c.authorPk, 20) && DIGITS.test(c.authorPk) ? c.authorPk : '',
      authorLevel: isText(c.authorLevel, 40) ? c.authorLevel : '',
      authorScore: Number(c.authorScore),
      text: c.text,
      threatLevel: isText(c.threat.level, 40) ? c.threat.level : 'none',
      matches: c.threat.matches.filter((m) => m && isText(m.category, 40) && isText(m.gloss, 400) && isText(m.text, 10_000)),
      harassment: Boolean(c.harassment && c.harassment.flagged === true),
      campaign: c.campaign.filter(isReason),
      reasons: c.reasons.filter(isReason),
    };
  }

  /** Author key -> ids of that author's comments, so a changed author re-renders just those. */
  const commentsByAuthor = new Map();
  const authorKeys = (c) => [c.author ? `u:${c.author}` : null, c.authorPk ? `pk:${c.authorPk}` : null].filter(Boolean);

  /** Engine revision each author result was read at: a late reply never overwrites a newer push. */
  const revisionOfAuthor = new Map();

  /** Stores the valid author results of a reply or push and marks those authors' comments dirty. */
  function applyAuthors(list, rev) {
    for (const a of Array.isArray(list) ? list : []) {
      if (!a || !isText(a.level, 40) || !Array.isArray(a.reasons)) continue;
      const result = { level: a.level, score: Number(a.score), reasons: a.reasons.filter(isReason),
                       tier: isText(a.tier, 20) ? a.tier : null };
      const keys = [];
      if (isText(a.username, 100) && a.username) keys.push(`u:${a.username.toLowerCase()}`);
      if (isText(a.pk, 20) && DIGITS.test(a.pk)) keys.push(`pk:${a.pk}`);
      for (const key of keys) {
        if ((revisionOfAuthor.get(key) ?? -1) > rev) continue;
        revisionOfAuthor.set(key, rev);
        authors.set(key, result);
        for (const id of commentsByAuthor.get(key) ?? []) dirtyIds.add(id);
      }
    }
  }

  // After profile pictures of a thread were read, the background sends its authors again.
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id || sender.tab) return;  // only the background, never a tab
    if (!message || typeof message !== 'object' || message.type !== 'swarmlens:comment-authors') return;
    if (!Array.isArray(message.authors)) return;
    applyAuthors(message.authors, Number.isSafeInteger(message.rev) && message.rev >= 0 ? message.rev : 0);
    requestFlush();
  });

  function apply(reply) {
    const rev = Number.isSafeInteger(reply.rev) ? reply.rev : 0;
    applyAuthors(reply.authors, rev);
    for (const raw of reply.comments) {
      const c = validComment(raw);
      if (!c || (revisionOfComment.get(c.id) ?? -1) > rev) continue;
      revisionOfComment.set(c.id, rev);
      comments.set(c.id, c);
      dirtyIds.add(c.id);
      for (const key of authorKeys(c)) {
        if (!commentsByAuthor.has(key)) commentsByAuthor.set(key, new Set());
        commentsByAuthor.get(key).add(c.id);
      }
    }
    const posts = new Map();
    for (const k of Array.isArray(reply.campaigns) ? reply.campaigns : []) {
      if (!k || !isText(k.post, 256) || !isText(k.kind, 40) || !isText(k.description, 10_000) || !Array.isArray(k.members)) continue;
      if (!posts.has(k.post)) posts.set(k.post, []);
      posts.get(k.post).push({ kind: k.kind, description: k.description,
                               members: new Set(k.members.filter((m) => isText(m, MAX_ID))) });
    }
    // A reply carries every campaign of its threads: replace those threads' lists.
    for (const c of reply.comments) if (c && isText(c.post, 256) && !posts.has(c.post)) posts.set(c.post, []);
    for (const [post, list] of posts) {
      // Members of the thread's old and new campaigns may change marker.
      for (const k of [...(campaignsByPost.get(post) ?? []), ...list]) for (const id of k.members) dirtyIds.add(id);
      campaignsByPost.set(post, list);
    }
    requestFlush();
  }

  // ---- What a comment shows --------------------------------------------------------------------

  function authorResult(c) {
    const result = (c.author && authors.get(`u:${c.author}`)) || (c.authorPk && authors.get(`pk:${c.authorPk}`));
    if (result) return result;
    // Not looked up (should not happen): the level the comment carries, without reasons.
    return c.authorLevel ? { level: c.authorLevel, score: c.authorScore, reasons: [], tier: null } : null;
  }

  /** Campaigns of c's thread that list c as a member (they may have grown after c's page). */
  function campaignsOf(c) {
    return (campaignsByPost.get(c.post) ?? []).filter((k) => k.members.has(c.id));
  }

  function kindsOf(c) {
    const kinds = [];
    // A threat found by the violent-speech model alone has no lexicon match: its reason explains it.
    if (c.threatLevel !== 'none') kinds.push('threat');
    if (c.harassment) kinds.push('harassment');
    if (c.campaign.length > 0 || campaignsOf(c).length > 0) kinds.push('campaign');
    return kinds;
  }

  const isBlurred = (c) => blurThreats && !revealed.has(c.id) && kindsOf(c).includes('threat');

  // ---- Finding rows ----------------------------------------------------------------------------

  /** Text without any whitespace: the DOM drops or adds line breaks and spaces around links. */
  const squash = (text) => text.replace(/\s+/gu, '');

  /** Instagram: the row of comment `c` and its author link, or null when it is not on screen. */
  function instagramRow(c) {
    if (!USERNAME.test(c.author)) return null;
    const snippet = squash(c.text).slice(0, SNIPPET);
    if (!snippet) return null;  // a sticker or GIF: nothing to match
    const links = document.querySelectorAll(`a[href="/${c.author}/" i], a[href="${location.origin}/${c.author}/" i]`);
    // From each of the author's links, the nearest ancestor holding the text. From a link in another
    // comment by the same author that is the whole list: the smallest candidate is the row, and a
    // row another comment already holds goes last (one author posting the same text twice).
    let best = null;
    let bestRank = Infinity;
    for (const link of links) {
      let node = link.parentElement;
      for (let depth = 0; node && node !== document.body && depth < MAX_ROW_DEPTH; depth++, node = node.parentElement) {
        if (!squash(node.textContent).includes(snippet)) continue;
        const claimed = node.hasAttribute(ROW_ATTR) && node.getAttribute(ROW_ATTR) !== c.id;
        const rank = node.getElementsByTagName('*').length + (claimed ? 1e9 : 0);
        if (rank < bestRank) {
          bestRank = rank;
          best = node;
        }
        break;
      }
    }
    if (!best) return null;
    return { row: best, anchor: anchorLink(best, c.author), bodies: [bodyOf(best, snippet)] };
  }

  /** The author link the badge goes after: the one showing the username, else the last one. */
  function anchorLink(row, username) {
    let last = null;
    for (const link of row.querySelectorAll(`a[href="/${username}/" i], a[href="${location.origin}/${username}/" i]`)) {
      last = link;
      if (link.textContent.trim().toLowerCase().includes(username)) return link;
    }
    return last;
  }

  /** The deepest element of `row` still holding the whole snippet: the comment's text. */
  function bodyOf(row, snippet) {
    let body = row;
    for (;;) {
      let next = null;
      for (const child of body.children) {
        if (ownHosts.has(child)) continue;
        if (squash(child.textContent).includes(snippet)) {
          next = child;
          break;
        }
      }
      if (!next) return body;
      body = next;
    }
  }

  // ---- Instagram direct messages: thread list rows and message rows ---------------------------
  //
  // The inbox and request lists show one row per conversation ([role="listitem"] / [role="button"]
  // holding the sender's name and the last message); a conversation shows one [role="row"] per
  // message, with the sender's profile link on some of them. A message's row is the smallest such
  // element holding its text; among several (the same text in many requests) the one naming or
  // linking its sender, and one another message already holds goes last.

  const DIRECT_ROWS = '[role="row"], [role="listitem"], [role="button"]';
  const isDirectPage = () => SITE === 'instagram' && /^\/direct\//.test(location.pathname);

  function directPlace(c) {
    if (!isDirectPage()) return null;
    const known = instagramPlaces.get(c.id);
    if (known && known.row.isConnected && known.row.contains(known.anchor) && known.row.getAttribute(ROW_ATTR) === c.id) {
      return known;
    }
    const snippet = squash(c.text).slice(0, SNIPPET);
    if (!snippet) return null;
    const name = USERNAME.test(c.author) ? c.author : '';
    let best = null;
    let bestRank = Infinity;
    for (const { row, text } of directRows()) {
      if (!text.includes(snippet)) continue;
      const link = name ? row.querySelector(`a[href="/${name}/" i], a[href="${location.origin}/${name}/" i]`) : null;
      const named = link || (name && text.toLowerCase().includes(name));
      const claimed = row.hasAttribute(ROW_ATTR) && row.getAttribute(ROW_ATTR) !== c.id;
      const rank = row.getElementsByTagName('*').length + (named ? 0 : 1e6) + (claimed ? 1e9 : 0);
      if (rank < bestRank) {
        bestRank = rank;
        best = row;
      }
    }
    if (!best) return null;
    const body = bodyOf(best, snippet);
    const place = { row: best, anchor: directAnchor(best, name, body), bodies: [body] };
    instagramPlaces.set(c.id, place);
    return place;
  }

  /** The page's candidate rows with their text (whitespace removed), read once per flush. */
  let directRowCache = null;
  function directRows() {
    if (!directRowCache) directRowCache = [...document.querySelectorAll(DIRECT_ROWS)].map((row) => ({ row, text: squash(row.textContent) }));
    return directRowCache;
  }

  /**
   * Where the sender's badge goes: after their profile link, else after the row's first text
   * outside the message (the name a conversation row shows: a username or a display name), else
   * after the message itself (a message row of a conversation).
   */
  function directAnchor(row, name, body) {
    const link = name ? anchorLink(row, name) : null;
    if (link) return link;
    for (const el of row.querySelectorAll('span, div')) {
      if (el.children.length > 0 || ownHosts.has(el) || body.contains(el) || el.contains(body)) continue;
      if (el.textContent.trim().length > 1) return el;
    }
    return body;
  }

  // ---- "Cannot read this version of the page": comment threads and the inbox -------------------
  //
  // While a post's comment rows or the inbox's rows are on screen, nothing of them was scored and
  // no payload of that kind was recognised since the page opened, for a few checks in a row, a
  // notice goes at the top of the post dialog / article or of the inbox's main area, and the
  // console gets the key outline of the responses the engine could not read (never values).

  const CHECK_MS = 1000;
  const CHECKS_BEFORE_NOTICE = 3;
  const MIN_COMMENT_ROWS = 3;
  const MAX_SHAPES = 5;
  /** '<direct shape>:<path>' (the inbox or requests list, or one conversation), or 'post:<shortcode>'. */
  const recognised = new Set();
  const unreadShapes = [];

  function rememberUnread(text, code) {
    if (SITE !== 'instagram') return;
    if (unreadShapes.length >= MAX_SHAPES) unreadShapes.shift();
    unreadShapes.push({ code: typeof code === 'string' ? code.slice(0, 40) : 'unknown', keys: ui.keyOutline(text) });
  }

  /** {container, key, kind} of an open thread or inbox nobody could read, else null. */
  function unreadView() {
    if (isDirectPage()) {
      // A conversation needs its thread read; the inbox and requests lists their inbox.
      const shape = location.pathname.startsWith('/direct/t/') ? 'direct_thread' : 'direct_inbox';
      if (recognised.has(`${shape}:${location.pathname}`)) return null;
      const main = document.querySelector('[role="main"], main');
      if (!main) return null;
      const rows = [...main.querySelectorAll(DIRECT_ROWS)].filter((row) => squash(row.textContent).length > 0);
      return rows.length > 0 ? { container: main, key: location.pathname, kind: 'inbox' } : null;
    }
    const post = postKey();
    if (!post || recognised.has(`post:${post}`)) return null;
    for (const c of comments.values()) if (c.post === post) return null;
    const container = ['[role="dialog"] article', '[role="dialog"]', 'article', 'main']
      .map((selector) => document.querySelector(selector)).find(Boolean);
    if (!container) return null;
    const users = new Set();
    for (const link of container.querySelectorAll('a[href]')) {
      const match = /^\/([A-Za-z0-9._]{1,30})\/$/.exec(link.getAttribute('href') ?? '');
      if (match && squash(link.parentElement?.parentElement?.textContent ?? '').length > match[1].length) users.add(match[1].toLowerCase());
    }
    return users.size >= MIN_COMMENT_ROWS ? { container, key: location.pathname, kind: 'thread' } : null;
  }

  let noticeHost = null;
  let noticeKind = '';
  let noticeLogged = '';
  let staleChecks = 0;

  function checkReadable() {
    const unread = unreadView();
    if (!unread) {
      staleChecks = 0;
      if (noticeHost) noticeHost.remove();
      return;
    }
    if (++staleChecks < CHECKS_BEFORE_NOTICE) return;
    if (!noticeHost || noticeKind !== unread.kind) {
      if (noticeHost) noticeHost.remove();
      noticeHost = ui.createNoticeHost(t('inbox_cannot_read'), t(`inbox_cannot_read_${unread.kind}`));
      ownHosts.add(noticeHost);
      noticeKind = unread.kind;
    }
    if (noticeHost.parentElement !== unread.container) unread.container.prepend(noticeHost);
    if (noticeLogged !== unread.key) {
      noticeLogged = unread.key;
      console.warn(`SwarmLens: ${STRINGS.en.inbox_cannot_read}: no payload recognised for this ` +
        `${unread.kind === 'inbox' ? 'inbox or conversation' : 'comment thread'}; shapes of the responses it could not ` +
        'read (keys only):', JSON.stringify(unreadShapes));
    }
  }
  if (SITE === 'instagram') setInterval(checkReadable, CHECK_MS);

  // ---- Facebook: comment articles to engine JSON ---------------------------------------------
  //
  // A comment is a [role="article"] that has, outside any nested article, a link whose query
  // carries comment_id (the permalink, often also the author links). Its author is the first
  // profile link; the name is the text of the first such link that has text; the text is the
  // outermost [dir="auto"] elements that are neither links nor buttons.

  // First path segments that are Facebook features, not vanity names.
  const FB_RESERVED = new Set(['groups', 'pages', 'watch', 'events', 'hashtag', 'photo', 'photos', 'permalink',
    'story', 'reel', 'reels', 'share', 'stories', 'help', 'privacy', 'policies', 'login', 'marketplace', 'gaming',
    'notifications', 'messages', 'friends', 'search', 'settings', 'bookmarks', 'saved', 'ads', 'business',
    'people', 'page', 'media', 'video', 'videos', 'posts', 'comment', 'home', 'live', 'fundraisers', 'l', 'dialog']);
  const VANITY = /^[A-Za-z0-9.]{1,50}$/;

  function facebookUrl(href) {
    if (!href || href.length > MAX_URL) return null;
    let url;
    try {
      url = new URL(href, location.href);
    } catch {
      return null;
    }
    if (url.protocol !== 'https:' || !/(^|\.)facebook\.com$/.test(url.hostname)) return null;
    return url;
  }

  /** {pk} or {username} of a profile link (`/<vanity>`, `/profile.php?id=`, `/groups/<g>/user/<u>/`). */
  function facebookProfile(href) {
    const url = facebookUrl(href);
    if (!url) return null;
    const segments = url.pathname.split('/').filter(Boolean);
    if (url.pathname === '/profile.php') {
      const id = url.searchParams.get('id');
      return id && DIGITS.test(id) ? { pk: id } : null;
    }
    if (segments.length >= 4 && segments[0] === 'groups' && segments[2] === 'user' && DIGITS.test(segments[3])) {
      return { pk: segments[3] };
    }
    if (segments.length !== 1 || !VANITY.test(segments[0]) || segments[0].includes('.php')) return null;
    const name = segments[0].toLowerCase();
    if (FB_RESERVED.has(name)) return null;
    return DIGITS.test(name) ? { pk: name } : { username: name };
  }

  /** comment_id / reply_comment_id: digits, or base64 of "comment:<post>_<id>" -> {id, post}. */
  function facebookCommentId(value) {
    if (!value || value.length > MAX_ID) return null;
    if (/^[0-9]{1,30}$/.test(value)) return { id: value, post: '' };
    if (!/^[A-Za-z0-9+/=_-]+$/.test(value)) return null;
    try {
      const decoded = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
      const match = /^comment:([0-9]{1,30})_([0-9]{1,30})$/.exec(decoded);
      if (match) return { id: match[2], post: match[1] };
    } catch {
      // Not base64: an opaque id, used as it is.
    }
    return { id: value, post: '' };
  }

  // Facebook's default silhouette: served from /rsrc.php/ static resources (the Graph API's
  // is_silhouette pictures) or from the t1.30497-1 default-picture path of fbcdn.net.
  const SILHOUETTE = /\/rsrc\.php\/|\/t1\.30497-1\//;

  /** Elements of `article` that belong to it and not to a nested article (a reply). */
  function own(article, selector) {
    return [...article.querySelectorAll(selector)].filter((el) => el.closest('[role="article"]') === article);
  }

  function pictureOf(link) {
    const img = link.querySelector('img[src]');
    if (img) return img.getAttribute('src');
    const image = link.querySelector('image');
    return image ? image.getAttribute('href') ?? image.getAttribute('xlink:href') : null;
  }

  /** One comment article -> {id, post, comment (engine JSON), nameLink, bodies} or null. */
  function readArticle(article) {
    const links = own(article, 'a[href]');
    let ids = null;
    for (const link of links) {
      const url = facebookUrl(link.getAttribute('href'));
      if (!url) continue;
      const top = facebookCommentId(url.searchParams.get('comment_id'));
      const reply = facebookCommentId(url.searchParams.get('reply_comment_id'));
      // A reply's link names the reply and, in comment_id, the comment it answers (whose base64
      // form carries the post).
      ids = reply ? { id: reply.id, post: reply.post || (top ? top.post : '') } : top;
      if (ids) break;
    }
    if (!ids) return null;  // a post, not a comment
    let profile = null;
    const profileLinks = [];
    for (const link of links) {
      const p = facebookProfile(link.getAttribute('href'));
      if (!p) continue;
      if (!profile) profile = p;
      if ((p.pk ?? p.username) === (profile.pk ?? profile.username)) profileLinks.push(link);
    }
    if (!profile) return null;
    const nameLink = profileLinks.find((link) => link.textContent.trim() !== '') ?? profileLinks[0];
    const bodies = own(article, '[dir="auto"]').filter((el) =>
      !el.closest('a, [role="button"]') && !el.contains(nameLink) && !el.parentElement.closest('[dir="auto"]'));
    const text = bodies.map((el) => el.textContent.trim()).filter(Boolean).join('\n');
    if (!text) return null;
    let picture = null;
    for (const link of profileLinks) {
      picture = pictureOf(link);
      if (picture) break;
    }
    // Sent in the shape of Facebook's own GraphQL comment nodes, so that the engine treats these
    // authors as Facebook accounts (ids not ordered by creation: no cohort analysis).
    const author = { name: nameLink.textContent.trim() };
    if (profile.pk) {
      author.id = profile.pk;
      author.url = `https://www.facebook.com/profile.php?id=${profile.pk}`;
    }
    if (profile.username) author.url = `https://www.facebook.com/${profile.username}`;
    if (picture && picture.length <= MAX_URL) {
      author.has_anonymous_profile_picture = SILHOUETTE.test(picture);
      if (/^https:\/\/[^/]+\.fbcdn\.net\//.test(picture)) author.profile_picture_depth_0 = { uri: picture };
    }
    // Digits are Facebook's legacy_fbid; anything else is an opaque node id (the engine keeps it).
    const comment = DIGITS.test(ids.id) ? { legacy_fbid: ids.id } : { id: ids.id };
    comment.body = { text };
    comment.author = author;
    const time = own(article, '[data-utime]').map((el) => el.getAttribute('data-utime')).find((t) => DIGITS.test(t));
    if (time) comment.created_time = Number(time);
    return { id: ids.id, post: ids.post, comment, nameLink, bodies };
  }

  /** Comment id -> its article's parts, as last read. */
  const facebookRows = new Map();
  /** Comment id -> JSON of what was sent to the engine (re-sent only when it changes). */
  const facebookSent = new Map();

  function scanFacebook() {
    const fresh = new Map();  // post -> engine comments
    for (const article of document.querySelectorAll('[role="article"]')) {
      const read = readArticle(article);
      if (!read) continue;
      facebookRows.set(read.id, { row: article, anchor: read.nameLink, bodies: read.bodies });
      const json = JSON.stringify(read.comment);
      if (facebookSent.get(read.id) === json) continue;
      facebookSent.set(read.id, json);
      const post = read.post || `path:${location.pathname}`.slice(0, 256);
      if (!fresh.has(post)) fresh.set(post, []);
      fresh.get(post).push(read.comment);
    }
    for (const [post, list] of fresh) {
      const edges = list.map((node) => ({ node }));
      const page = { data: { node: { comment_rendering_instance_for_feed_location: { comments: { edges } } } } };
      send(JSON.stringify(page), `facebook-dom:${location.href}`, post);
    }
  }

  // ---- Instagram: the first page embedded in the post HTML -----------------------------------

  const embeddedSeen = new WeakSet();

  function scanEmbedded() {
    if (!postKey()) return;
    for (const script of document.querySelectorAll('script[type="application/json" i]')) {
      if (embeddedSeen.has(script)) continue;
      const text = script.textContent;
      if (!text) continue;  // still being parsed: a later mutation brings it back
      embeddedSeen.add(script);
      if (text.length > MAX_TEXT || !text.includes('comment')) continue;
      send(text, location.href, postKey());  // text only, never the element
    }
  }

  // ---- Scheduling ------------------------------------------------------------------------------

  const requestFlush = ui.oncePerFrame(flush);
  let domChanged = true;
  /** Comments whose data changed (re-rendered on the next flush), or all of them. */
  const dirtyIds = new Set();
  let allDirty = false;
  /** Comment id -> what decorate() left in the page, to check cheaply that it is still there. */
  const decorated = new Map();

  function markAllDirty() {
    allDirty = true;
    requestFlush();
  }

  // Facebook re-renders constantly (timestamps, reactions); reading its articles is bounded to
  // one pass per FACEBOOK_SCAN_MS.
  const FACEBOOK_SCAN_MS = 250;
  let lastFacebookScan = -Infinity;

  function flush() {
    if (domChanged) {
      if (SITE === 'facebook') {
        const wait = lastFacebookScan + FACEBOOK_SCAN_MS - performance.now();
        if (wait > 0) {
          setTimeout(requestFlush, wait);
        } else {
          domChanged = false;
          lastFacebookScan = performance.now();
          scanFacebook();
        }
      } else {
        domChanged = false;
        scanEmbedded();
      }
    }
    const all = allDirty;
    allDirty = false;
    directRowCache = null;  // rows are read again, at most once, in this flush
    for (const c of comments.values()) {
      // Unchanged data and our elements still in place: nothing to do (most flushes on a busy page).
      if (!all && !dirtyIds.has(c.id) && intact(decorated.get(c.id))) continue;
      const place = SITE === 'facebook' ? facebookPlace(c) : c.post.startsWith('direct:') ? directPlace(c) : instagramPlace(c);
      if (place) decorated.set(c.id, decorate(c, place));
      else decorated.delete(c.id);
    }
    dirtyIds.clear();
  }

  /** True when a decorated row still shows our badge, marker and blur state on the same text. */
  function intact(d) {
    if (!d || !d.row.isConnected || !d.row.contains(d.anchor)) return false;
    if (d.badge && d.anchor.nextElementSibling !== d.badge) return false;
    if (d.marker && !d.marker.isConnected) return false;
    return d.bodies.every((body, i) => body.isConnected && body.hasAttribute(BLUR_ATTR) === d.blurred &&
                                       body.textContent === d.texts[i]);
  }

  /** Instagram rows found before, while they are still on screen and still this comment's. */
  const instagramPlaces = new Map();

  function instagramPlace(c) {
    const known = instagramPlaces.get(c.id);
    if (known && known.row.isConnected && known.row.contains(known.anchor) &&
        known.row.getAttribute(ROW_ATTR) === c.id) {
      return known;
    }
    const place = instagramRow(c);
    if (place) instagramPlaces.set(c.id, place);
    else instagramPlaces.delete(c.id);
    return place;
  }

  function facebookPlace(c) {
    const place = facebookRows.get(c.id);
    return place && place.row.isConnected ? place : null;
  }

  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE && (node.localName === MARKER_TAG || ownHosts.has(node))) continue;
        domChanged = true;
        requestFlush();
        return;
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: SITE === 'facebook' });

  // ---- Badge, marker, blur ---------------------------------------------------------------------

  /** Badge, marker and blur for one comment row; returns what it left there (for intact()). */
  function decorate(c, { row, anchor, bodies }) {
    if (!anchor || !row.contains(anchor)) return null;
    row.setAttribute(ROW_ATTR, c.id);
    // content.js may have badged this row as a follower before it was known to be a comment.
    for (const host of row.querySelectorAll(ui.HOST_TAG)) if (!ownHosts.has(host)) host.remove();
    const badge = ensureBadge(c, anchor);
    const marker = ensureMarker(c, badge ?? anchor);
    const blurred = isBlurred(c);
    const shown = bodies.filter((body) => body && row.contains(body));
    for (const body of shown) setBlur(body, c, blurred);
    return { row, anchor, badge, marker, blurred, bodies: shown, texts: shown.map((body) => body.textContent) };
  }

  /** The author badge right after `anchor`; returns it (or null when the author is unknown). */
  function ensureBadge(c, anchor) {
    const result = authorResult(c);
    let host = anchor.nextElementSibling;
    if (host && host.localName === ui.HOST_TAG && !ownHosts.has(host)) {
      host.remove();
      host = anchor.nextElementSibling;
    }
    if (!result) return null;
    if (!host || host.localName !== ui.HOST_TAG) {
      host = ui.createHost();
      ownHosts.add(host);
      anchor.insertAdjacentElement('afterend', host);
    }
    const name = c.author || (c.authorPk ? `id ${c.authorPk}` : '');
    const shown = ui.shownText(name, result);
    if (shownOf.get(host) !== shown) {
      ui.render(host, name, result);
      shownOf.set(host, shown);
    }
    return host;
  }

  const MARKER_STYLE = `
    :host { all: initial; display: inline-block; vertical-align: middle; margin-inline-start: 4px; }
    .marker { position: relative; display: inline-flex; align-items: center; gap: 4px;
      font: 600 11px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      padding: 0 6px; border-radius: 8px; border: 1px solid var(--fg); color: var(--fg);
      background: var(--bg); cursor: default; white-space: nowrap; }
    .marker:focus-visible { outline: 2px solid #1565c0; outline-offset: 1px; }
    .tip { display: none; position: absolute; z-index: 2147483647; top: calc(100% + 4px); left: 0;
      width: max-content; max-width: 360px; padding: 6px 8px; border-radius: 6px;
      background: #212121; color: #fafafa; font: 400 12px/16px system-ui, sans-serif;
      white-space: normal; text-align: start; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
    .marker:hover .tip, .marker:focus .tip, .marker:focus-within .tip { display: block; }
    .tip-head { font-weight: 600; margin-bottom: 4px; }
    .tip ul { margin: 0; padding-inline-start: 16px; }
    .tip li { margin: 2px 0; }
    .code { font-family: ui-monospace, monospace; opacity: .8; }
    .span { font-weight: 600; unicode-bidi: isolate; }
    .reveal { all: unset; margin-top: 6px; padding: 1px 6px; border-radius: 4px; background: #fafafa;
      color: #212121; cursor: pointer; font: 600 11px/16px system-ui, sans-serif; }
    .reveal:focus-visible { outline: 2px solid #90caf9; }
  `;
  // Presentation only: the strongest kind colours the marker.
  const MARKER_COLOURS = { threat: ['#b71c1c', '#ffebee'], harassment: ['#8a4b00', '#fff3e0'],
                           campaign: ['#4a148c', '#f3e5f5'] };
  const KIND_LABELS = { threat: 'threat', harassment: 'harassment', campaign: 'copy-paste campaign' };

  function ensureMarker(c, after) {
    const kinds = kindsOf(c);
    let host = after.nextElementSibling;
    if (host && host.localName === MARKER_TAG && !ownHosts.has(host)) {
      host.remove();
      host = after.nextElementSibling;
    }
    const present = host && host.localName === MARKER_TAG ? host : null;
    if (kinds.length === 0) {
      if (present) present.remove();
      return null;
    }
    if (!present) {
      host = document.createElement(MARKER_TAG);
      host.style.setProperty('all', 'initial', 'important');
      host.style.setProperty('display', 'inline-block', 'important');
      host.style.setProperty('vertical-align', 'middle', 'important');
      host.style.setProperty('margin-inline-start', '4px', 'important');
      const root = host.attachShadow({ mode: 'open' });
      ui.applyStyles(root, MARKER_STYLE);
      markerRoots.set(host, root);
      ownHosts.add(host);
      after.insertAdjacentElement('afterend', host);
    }
    const blurred = isBlurred(c);
    const shown = JSON.stringify([c.id, kinds, c.reasons, c.matches, campaignsOf(c).map((k) => k.description), blurred]);
    if (shownOf.get(host) !== shown) {
      renderMarker(host, c, kinds, blurred);
      shownOf.set(host, shown);
    }
    return host;
  }

  /** (Re)builds a marker's shadow contents with DOM APIs and textContent only. */
  function renderMarker(host, c, kinds, blurred) {
    const root = markerRoots.get(host);
    const [fg, bg] = MARKER_COLOURS[kinds[0]];
    host.setAttribute('data-kinds', kinds.join(' '));
    host.setAttribute('data-comment-id', c.id);
    const marker = document.createElement('span');
    marker.className = 'marker';
    marker.style.setProperty('--fg', fg);
    marker.style.setProperty('--bg', bg);
    marker.tabIndex = 0;
    marker.setAttribute('role', 'img');
    const labels = kinds.map((k) => KIND_LABELS[k]);
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = `\u26A0 ${kinds.join(' \u00B7 ')}`;

    const lines = [];
    const tip = document.createElement('span');
    tip.className = 'tip';
    tip.setAttribute('role', 'tooltip');
    const head = document.createElement('div');
    head.className = 'tip-head';
    head.textContent = `SwarmLens: ${labels.join(', ')}`;
    tip.append(head);
    const list = document.createElement('ul');
    const item = (...parts) => {
      const li = document.createElement('li');
      li.append(...parts);
      list.append(li);
    };
    const span = (className, text) => {
      const el = document.createElement('span');
      el.className = className;
      el.textContent = text;
      return el;
    };
    for (const reason of c.reasons) {
      item(span('code', `${reason.code} ${ui.formatWeight(reason.weight)}`), document.createTextNode(' '),
           document.createTextNode(reason.text));
      lines.push(`${reason.code} (${ui.formatWeight(reason.weight)}): ${reason.text}`);
    }
    for (const match of c.matches) {
      // The exact words of the comment that matched, quoted from the engine's span.
      item(document.createTextNode(`matched (${match.category}, ${match.gloss}): `), span('span', match.text));
      lines.push(`matched (${match.category}, ${match.gloss}): ${match.text}`);
    }
    for (const campaign of campaignsOf(c)) {
      item(span('code', `campaign ${campaign.kind}`), document.createTextNode(' '), document.createTextNode(campaign.description));
      lines.push(`campaign ${campaign.kind}: ${campaign.description}`);
    }
    tip.append(list);
    if (blurred) {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'reveal';
      button.textContent = c.post.startsWith('direct:') ? t('inbox_show_message') : 'Show comment';
      button.addEventListener('click', (event) => {
        event.preventDefault();
        event.stopPropagation();
        reveal(c.id);
      });
      tip.append(button);
    }
    marker.setAttribute('aria-label', `SwarmLens: ${labels.join(', ')}. ${lines.join('; ')}`);
    marker.append(label, tip);
    for (const old of root.querySelectorAll('.marker')) old.remove();
    root.append(marker);
  }

  /** Element -> the comment id whose blur it carries. */
  const blurOf = new WeakMap();
  const clickWatched = new WeakSet();

  function setBlur(body, c, on) {
    if (on) {
      body.style.setProperty('filter', 'blur(6px)', 'important');
      body.setAttribute(BLUR_ATTR, 'true');
      blurOf.set(body, c.id);
      if (!clickWatched.has(body)) {
        clickWatched.add(body);
        // Capture: the first click reveals and goes no further (it must not open a link in the text).
        body.addEventListener('click', onBlurredClick, true);
      }
    } else if (blurOf.has(body)) {
      body.style.removeProperty('filter');
      body.removeAttribute(BLUR_ATTR);
      blurOf.delete(body);
    }
  }

  function onBlurredClick(event) {
    const id = blurOf.get(event.currentTarget);
    if (id === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    reveal(id);
  }

  function reveal(id) {
    revealed.add(id);
    dirtyIds.add(id);
    requestFlush();
  }
})();
