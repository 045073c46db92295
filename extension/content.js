// SwarmLens content script (isolated world, www.instagram.com).
//
// Receives follower/following response texts from page-hook.js, asks the background engine to
// score them, and writes one badge per row of the followers/following dialog. Rows are found by
// their profile links (`a[href="/<username>/"]` inside `[role="dialog"]`), never by generated
// class names. Everything from the page, including the hook's messages, is untrusted data.
(() => {
  'use strict';

  const api = globalThis.browser ?? globalThis.chrome;
  const EVENT = 'swarmlens:payload';
  const MAX_TEXT = 8 * 1024 * 1024;
  // The hook's envelope adds a few fields and JSON escaping around the text.
  const MAX_DETAIL = 2 * MAX_TEXT;
  const MAX_URL = 4096;
  const USERNAME = /^[A-Za-z0-9._]{1,30}$/;
  const PROFILE_PATH = /^\/([A-Za-z0-9._]{1,30})\/$/;
  const LISTS = new Set(['followers', 'following', '']);
  const HOST_TAG = 'swarmlens-badge';
  const DIALOG = '[role="dialog"]';
  // Level colours are presentation only; the level names themselves come from the engine.
  const COLOURS = {
    low: ['#1b5e20', '#e8f5e9'],
    medium: ['#8a4b00', '#fff3e0'],
    high: ['#b71c1c', '#ffebee'],
  };
  const FALLBACK_COLOURS = ['#424242', '#f5f5f5'];

  /** Scored accounts by lower-case username, as last reported by the background. */
  const results = new Map();
  /** Badge host -> its shadow root (kept here so we never depend on page-visible state). */
  const shadowOf = new WeakMap();
  /** Badge host -> digest of what it shows, so unchanged badges are not rebuilt on every scan. */
  const shownOf = new WeakMap();

  // ---- Messages from the page hook -------------------------------------------------------------

  document.addEventListener(EVENT, (event) => {
    const message = parseEnvelope(event.detail);
    if (message) enqueue(message);
  });

  /** Validates the hook's envelope; returns {text, source, list, owner} or null. */
  function parseEnvelope(detail) {
    if (typeof detail !== 'string' || detail.length > MAX_DETAIL) return null;
    let data;
    try {
      data = JSON.parse(detail);
    } catch {
      return null;
    }
    if (data === null || typeof data !== 'object' || data.v !== 1) return null;
    const { text, url, list, owner } = data;
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return null;
    if (typeof url !== 'string' || url.length > MAX_URL) return null;
    if (typeof list !== 'string' || !LISTS.has(list)) return null;
    if (typeof owner !== 'string' || (owner !== '' && !USERNAME.test(owner))) return null;
    return { text, source: url, list, owner };
  }

  // One request at a time, in arrival order, so list positions follow the page order.
  let queue = Promise.resolve();
  function enqueue(message) {
    queue = queue.then(() => ingest(message)).catch(() => {});
  }

  async function ingest(message) {
    let reply;
    try {
      reply = await api.runtime.sendMessage({ type: 'ingest', ...message });
    } catch {
      // The extension was reloaded or its worker is restarting; the next page will retry.
      return;
    }
    if (!reply || reply.ok !== true || !Array.isArray(reply.accounts)) {
      // Usually a GraphQL response that mentions "users" but is no user list: expected, so debug only.
      console.debug('SwarmLens: response not scored', message.source, reply && reply.error);
      return;
    }
    const changed = [];
    for (const account of reply.accounts) {
      if (!account || typeof account.username !== 'string' || !USERNAME.test(account.username)) continue;
      if (typeof account.level !== 'string' || !Array.isArray(account.reasons)) continue;
      const username = account.username.toLowerCase();
      const previous = results.get(username);
      results.set(username, account);
      if (!previous || shownText(username, previous) !== shownText(username, account)) changed.push(username);
    }
    if (changed.length > 0) scheduleUsers(changed);
  }

  /** What a badge shows for a result; equal texts need no re-render. */
  function shownText(username, result) {
    return JSON.stringify([username, result.level, result.score, result.reasons]);
  }

  // ---- Finding rows ----------------------------------------------------------------------------

  /** The username a link points to when it is a profile link on this site, else null. */
  function profileUsername(link) {
    const href = link.getAttribute('href');
    if (!href || href.length > MAX_URL) return null;
    let url;
    try {
      url = new URL(href, location.href);
    } catch {
      return null;
    }
    if (url.origin !== location.origin) return null;
    const match = PROFILE_PATH.exec(url.pathname);
    return match ? match[1].toLowerCase() : null;
  }

  /** True when `element` contains a profile link to someone other than `username`. */
  function hasOtherProfile(element, username) {
    // Fast path: the first link that is not the canonical href of this user. In a list container
    // that is the neighbouring row's link, so the common case costs one early-exit query.
    const first = element.querySelector(`a[href]:not([href="/${username}/" i])`);
    if (!first) return false;
    const other = profileUsername(first);
    if (other && other !== username) return true;
    for (const link of element.querySelectorAll('a[href]')) {
      const name = profileUsername(link);
      if (name && name !== username) return true;
    }
    return false;
  }

  /** The row of `link`: its largest ancestor (below the dialog) holding no other profile link. */
  function rowOf(link, username, dialog) {
    let row = link;
    while (row.parentElement && row.parentElement !== dialog && !hasOtherProfile(row.parentElement, username)) {
      row = row.parentElement;
    }
    return row;
  }

  /** The link the badge goes after: the one showing the username as text, else the last one. */
  function anchorLink(row, username) {
    if (row.localName === 'a') return row;
    let last = null;
    for (const link of row.querySelectorAll('a[href]')) {
      if (profileUsername(link) !== username) continue;
      last = link;
      if (link.textContent.trim().toLowerCase().includes(username)) return link;
    }
    return last;
  }

  /** Existing badge hosts of a row (the row itself may be the link, then they are its siblings). */
  function badgesOf(row, anchor) {
    if (row !== anchor) return Array.from(row.querySelectorAll(HOST_TAG));
    const hosts = [];
    for (let node = anchor.nextElementSibling; node && node.localName === HOST_TAG; node = node.nextElementSibling) {
      hosts.push(node);
    }
    return hosts;
  }

  // ---- Scheduling ------------------------------------------------------------------------------

  // Above this many changed users one pass over all dialog links is cheaper than a query per user.
  const MAX_TARGETED_USERS = 200;
  const pending = new Set();     // added elements to scan
  const dirtyUsers = new Set();  // usernames whose result is new or changed
  let fullScan = false;
  let scheduled = false;

  /** Queues `root` (an added element) for scanning. */
  function schedule(root) {
    pending.add(root);
    requestFlush();
  }

  /** Queues the rows of users whose results are new or changed. */
  function scheduleUsers(usernames) {
    for (const name of usernames) dirtyUsers.add(name);
    if (dirtyUsers.size > MAX_TARGETED_USERS) fullScan = true;
    requestFlush();
  }

  function requestFlush() {
    if (scheduled) return;
    scheduled = true;
    // One scan per frame however many React commits happened; hidden tabs get no frames.
    if (document.hidden) setTimeout(flush, 100);
    else requestAnimationFrame(flush);
  }

  /** The profile links of one user inside `dialog`, as the web app writes them. */
  function linksOfUser(dialog, username) {
    return dialog.querySelectorAll(`a[href="/${username}/" i], a[href="${location.origin}/${username}/" i]`);
  }

  function flush() {
    scheduled = false;
    const links = new Set();
    const dialogs = document.querySelectorAll(DIALOG);
    if (fullScan) {
      for (const dialog of dialogs) for (const link of dialog.querySelectorAll('a[href]')) links.add(link);
    } else {
      for (const node of pending) {
        if (!node.isConnected) continue;
        const inDialog = node.closest(DIALOG) !== null;
        const roots = inDialog ? [node] : node.querySelectorAll(DIALOG);
        if (inDialog) {
          const enclosing = node.closest('a[href]');  // React may re-render just a link's inside
          if (enclosing) links.add(enclosing);
        }
        for (const root of roots) for (const link of root.querySelectorAll('a[href]')) links.add(link);
      }
      for (const username of dirtyUsers) {
        for (const dialog of dialogs) for (const link of linksOfUser(dialog, username)) links.add(link);
      }
    }
    fullScan = false;
    pending.clear();
    dirtyUsers.clear();
    const rows = new Map();  // row -> username
    for (const link of links) {
      const username = profileUsername(link);
      if (!username || !results.has(username)) continue;
      const dialog = link.closest(DIALOG);
      if (!dialog) continue;
      const row = rowOf(link, username, dialog);
      if (!rows.has(row)) rows.set(row, username);
    }
    for (const [row, username] of rows) ensureBadge(row, username, results.get(username));
  }

  new MutationObserver((records) => {
    if (results.size === 0) return;  // Nothing to badge yet: stay cheap on a busy page.
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.localName !== HOST_TAG) schedule(node);
        } else if (node.parentElement) {
          schedule(node.parentElement);  // React may replace just a text node.
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });

  // ---- Badges ----------------------------------------------------------------------------------

  /** Gives `row` exactly one badge showing `result`. */
  function ensureBadge(row, username, result) {
    const anchor = anchorLink(row, username);
    if (!anchor) return;
    const hosts = badgesOf(row, anchor);
    for (const extra of hosts.slice(1)) extra.remove();
    let host = hosts[0];
    if (!host || !shadowOf.has(host)) {
      if (host) host.remove();  // Not ours (a page copy of the element): replace it.
      host = createHost();
      anchor.insertAdjacentElement('afterend', host);
    }
    const shown = shownText(username, result);
    if (shownOf.get(host) === shown) return;
    render(host, username, result);
    shownOf.set(host, shown);
  }

  const STYLE = `
    :host { all: initial; display: inline-block; vertical-align: middle; margin-inline-start: 6px; }
    .badge { position: relative; display: inline-flex; align-items: center; gap: 4px;
      font: 600 11px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
      padding: 0 6px; border-radius: 8px; border: 1px solid var(--fg); color: var(--fg);
      background: var(--bg); cursor: default; white-space: nowrap; }
    .badge:focus-visible { outline: 2px solid #1565c0; outline-offset: 1px; }
    .dot { width: 6px; height: 6px; border-radius: 50%; background: var(--fg); }
    .tip { display: none; position: absolute; z-index: 2147483647; top: calc(100% + 4px); left: 0;
      width: max-content; max-width: 320px; padding: 6px 8px; border-radius: 6px;
      background: #212121; color: #fafafa; font: 400 12px/16px system-ui, sans-serif;
      white-space: normal; text-align: start; box-shadow: 0 2px 8px rgba(0,0,0,.3); }
    .badge:hover .tip, .badge:focus .tip { display: block; }
    .tip-head { font-weight: 600; margin-bottom: 4px; }
    .tip ul { margin: 0; padding-inline-start: 16px; }
    .tip li { margin: 2px 0; }
    .code { font-family: ui-monospace, monospace; opacity: .8; }
  `;
  let sharedSheet = null;

  /** Styles live inside the shadow root: page CSS cannot reach in and ours cannot leak out. */
  function applyStyles(root) {
    try {
      if (!sharedSheet) {
        sharedSheet = new CSSStyleSheet();
        sharedSheet.replaceSync(STYLE);
      }
      root.adoptedStyleSheets = [sharedSheet];
      return;
    } catch {
      // Firefox content scripts cannot always adopt their own sheets; a <style> works there.
    }
    const style = document.createElement('style');
    style.textContent = STYLE;
    root.append(style);
  }

  function createHost() {
    const host = document.createElement(HOST_TAG);
    // Inline !important via CSSOM beats page rules and is not subject to the page's style CSP.
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'inline-block', 'important');
    host.style.setProperty('vertical-align', 'middle', 'important');
    host.style.setProperty('margin-inline-start', '6px', 'important');
    // Open so tests and assistive tooling can inspect it; see extension/README.md for why.
    const root = host.attachShadow({ mode: 'open' });
    applyStyles(root);
    shadowOf.set(host, root);
    return host;
  }

  function formatWeight(weight) {
    const value = Number(weight);
    if (!Number.isFinite(value)) return '?';
    return (value >= 0 ? '+' : '') + value.toFixed(2);
  }

  /** (Re)builds the badge's shadow contents with DOM APIs and textContent only. */
  function render(host, username, result) {
    const root = shadowOf.get(host);
    const level = String(result.level);
    const score = Number(result.score);
    const reasons = result.reasons.filter((r) => r && typeof r.code === 'string' && typeof r.text === 'string');
    const [fg, bg] = Object.hasOwn(COLOURS, level) ? COLOURS[level] : FALLBACK_COLOURS;

    host.setAttribute('data-swarmlens-user', username);
    host.setAttribute('data-level', level);

    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.style.setProperty('--fg', fg);
    badge.style.setProperty('--bg', bg);
    badge.tabIndex = 0;
    badge.setAttribute('role', 'img');
    const scoreText = Number.isFinite(score) ? score.toFixed(2) : '?';
    const reasonLines = reasons.map((r) => `${r.code} (${formatWeight(r.weight)}): ${r.text}`);
    const summary = `SwarmLens risk ${level} (score ${scoreText})`;
    // No `title`: the tooltip element already shows this, and a second native tooltip would cover it.
    badge.setAttribute('aria-label', reasonLines.length ? `${summary}. ${reasonLines.join('; ')}` : summary);

    const dot = document.createElement('span');
    dot.className = 'dot';
    const label = document.createElement('span');
    label.className = 'label';
    label.textContent = level;

    const tip = document.createElement('span');
    tip.className = 'tip';
    tip.setAttribute('role', 'tooltip');
    tip.setAttribute('aria-hidden', 'true');  // The aria-label already carries the same text.
    const head = document.createElement('div');
    head.className = 'tip-head';
    head.textContent = summary;
    tip.append(head);
    if (reasons.length) {
      const list = document.createElement('ul');
      for (const reason of reasons) {
        const item = document.createElement('li');
        const code = document.createElement('span');
        code.className = 'code';
        code.textContent = `${reason.code} ${formatWeight(reason.weight)}`;
        item.append(code, document.createTextNode(' '), document.createTextNode(reason.text));
        list.append(item);
      }
      tip.append(list);
    }
    badge.append(dot, label, tip);

    // Keep the style element (Firefox fallback) and replace only the badge.
    for (const old of root.querySelectorAll('.badge')) old.remove();
    root.append(badge);
  }
})();
