// SwarmLens content script (isolated world, www.instagram.com).
//
// Receives follower/following and profile / hover-card response texts from page-hook.js, asks the
// background engine to score them, and writes one badge per row of the followers/following
// dialog; a profile the page loads later re-scores that account and updates its badges, and so do
// the swarm results the background pushes while it reads profile pictures. A compact summary of the
// list's swarm clusters sits at the top of the dialog. Rows are found by
// their profile links (`a[href="/<username>/"]` inside `[role="dialog"]`), never by generated
// class names. The activity feed's notifications page (`/notifications/`, `/accounts/activity/`)
// is read the same way: its new-follower rows get badges and the notifications list's swarms the
// summary. Everything from the page, including the hook's messages, is untrusted data.
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
  const LISTS = new Set(['followers', 'following', '', 'profile', 'notifications']);
  const HOST_TAG = 'swarmlens-badge';
  const SUMMARY_TAG = 'swarmlens-summary';
  const KIND = /^[a-z][a-z_]{0,39}$/;
  const MAX_CLUSTERS = 1000;
  const MAX_DESCRIPTION = 2000;
  const DIALOG = '[role="dialog"]';
  // Where rows are badged: dialogs, and the page itself on the notifications page.
  const ACTIVITY_PAGE = /^\/(?:notifications|accounts\/activity)\/?$/;
  const containerSelector = () => (ACTIVITY_PAGE.test(location.pathname) ? `${DIALOG}, main, [role="main"]` : DIALOG);
  const COMMENT_ROW = '[data-swarmlens-comment]';
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
  /** Swarm clusters of every list, as last reported by the background (engine order). */
  let clusters = [];
  let clustersRevision = -1;
  /** Cluster kinds the engine names (constants.cluster_kinds); empty until the first reply. */
  const clusterKinds = new Set();
  /** `${list}\n${owner}` of the last list page: the dialog summary shows that list's clusters. */
  let currentList = null;
  /** `${list}\n${owner}` of every list a payload was recognised for (the "cannot read" notice). */
  const recognisedLists = new Set();
  /** Key outlines of the last responses the engine could not read (keys only, never values). */
  const unreadShapes = [];

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
      console.debug('SwarmLens: response not scored', message.source, reply && reply.error && reply.error.code);
      rememberUnread(message.text, reply && reply.error && reply.error.code);
      return;
    }
    if (typeof reply.list === 'string' && typeof reply.owner === 'string') {
      recognisedLists.add(listKey(reply.list, reply.owner));
    }
    const rev = revisionOf(reply.rev);
    if (Array.isArray(reply.clusterKinds)) {
      for (const kind of reply.clusterKinds) if (typeof kind === 'string' && KIND.test(kind)) clusterKinds.add(kind);
    }
    // The dialog summary shows the clusters of the list the page is loading.
    if (typeof reply.list === 'string' && typeof reply.owner === 'string') currentList = listKey(reply.list, reply.owner);
    applyAccounts([...reply.accounts, ...(Array.isArray(reply.updated) ? reply.updated : [])], rev);
    applyClusters(reply.clusters, rev);
  }

  // Results the background pushes while it reads profile pictures: accounts whose score changed
  // (a shared picture joins them to a cluster) and the clusters of every list.
  api.runtime.onMessage.addListener((message, sender) => {
    if (sender.id !== api.runtime.id) return;
    if (!message || typeof message !== 'object' || message.type !== 'swarmlens:update') return;
    const rev = revisionOf(message.rev);
    if (Array.isArray(message.accounts)) applyAccounts(message.accounts, rev);
    applyClusters(message.clusters, rev);
  });

  /** The background's engine revision of a message (0 when absent). */
  function revisionOf(value) {
    return Number.isSafeInteger(value) && value >= 0 ? value : 0;
  }

  /** Engine revision each result was read at: older data never overwrites newer. */
  const revisionOfResult = new Map();

  /** Stores valid accounts newer than what we have and rescans the rows of those that changed. */
  function applyAccounts(accounts, rev) {
    const changed = [];
    for (const account of accounts) {
      if (!account || typeof account.username !== 'string' || !USERNAME.test(account.username)) continue;
      if (typeof account.level !== 'string' || !Array.isArray(account.reasons)) continue;
      const username = account.username.toLowerCase();
      if ((revisionOfResult.get(username) ?? -1) > rev) continue;
      revisionOfResult.set(username, rev);
      const previous = results.get(username);
      results.set(username, account);
      if (!previous || shownText(username, previous) !== shownText(username, account)) changed.push(username);
    }
    if (changed.length > 0) scheduleUsers(changed);
  }

  /** What a badge shows for a result; equal texts need no re-render. */
  function shownText(username, result) {
    return JSON.stringify([username, result.level, result.score, result.reasons, result.tier]);
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
  const requestFlush = oncePerFrame(flush);

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

  /**
   * A function that runs `work` once, in the next frame, however often it is called before then:
   * one scan per frame however many React commits happened (hidden tabs get no frames: a timer).
   */
  function oncePerFrame(work) {
    let scheduled = false;
    const run = () => {
      scheduled = false;
      work();
    };
    return () => {
      if (scheduled) return;
      scheduled = true;
      if (document.hidden) setTimeout(run, 100);
      else requestAnimationFrame(run);
    };
  }

  /** The profile links of one user inside `dialog`, as the web app writes them. */
  function linksOfUser(dialog, username) {
    return dialog.querySelectorAll(`a[href="/${username}/" i], a[href="${location.origin}/${username}/" i]`);
  }

  function flush() {
    const links = new Set();
    const containers = containerSelector();
    const dialogs = document.querySelectorAll(containers);
    if (fullScan) {
      for (const dialog of dialogs) for (const link of dialog.querySelectorAll('a[href]')) links.add(link);
    } else {
      for (const node of pending) {
        if (!node.isConnected) continue;
        const inDialog = node.closest(containers) !== null;
        const roots = inDialog ? [node] : node.querySelectorAll(containers);
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
      // Comment rows (also inside a post dialog) are badged by comments.js.
      if (link.closest(COMMENT_ROW)) continue;
      const username = profileUsername(link);
      if (!username || !results.has(username)) continue;
      const dialog = link.closest(containers);
      if (!dialog) continue;
      const row = rowOf(link, username, dialog);
      if (!rows.has(row)) rows.set(row, username);
    }
    for (const [row, username] of rows) ensureBadge(row, username, results.get(username));
    ensureSummary();
  }

  new MutationObserver((records) => {
    if (results.size === 0) return;  // Nothing to badge yet: stay cheap on a busy page.
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === Node.ELEMENT_NODE) {
          if (node.localName !== HOST_TAG && node.localName !== SUMMARY_TAG) schedule(node);
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
    .tip-tier { opacity: .85; margin-bottom: 4px; }
    .tip ul { margin: 0; padding-inline-start: 16px; }
    .tip li { margin: 2px 0; }
    .code { font-family: ui-monospace, monospace; opacity: .8; }
  `;
  /** Constructed sheets by their text, shared by every shadow root that uses them. */
  const sheets = new Map();

  /** Styles live inside the shadow root: page CSS cannot reach in and ours cannot leak out. */
  function applyStyles(root, text = STYLE) {
    try {
      let sheet = sheets.get(text);
      if (!sheet) {
        sheet = new CSSStyleSheet();
        sheet.replaceSync(text);
        sheets.set(text, sheet);
      }
      root.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Firefox content scripts cannot always adopt their own sheets; a <style> works there.
    }
    const style = document.createElement('style');
    style.textContent = text;
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
    if (typeof result.tier === 'string' && result.tier) host.setAttribute('data-tier', result.tier);
    else host.removeAttribute('data-tier');

    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.style.setProperty('--fg', fg);
    badge.style.setProperty('--bg', bg);
    badge.tabIndex = 0;
    badge.setAttribute('role', 'img');
    const scoreText = Number.isFinite(score) ? score.toFixed(2) : '?';
    const reasonLines = reasons.map((r) => `${r.code} (${formatWeight(r.weight)}): ${r.text}`);
    const summary = `SwarmLens risk ${level} (score ${scoreText})`;
    // The engine names the evidence it scored with: what a follower list shows ("list") or also
    // what the profile / hover card showed ("profile"). Older engines do not say: no line then.
    const tierLine = typeof result.tier === 'string' && result.tier ? `Evidence: ${result.tier} tier` : '';
    const spoken = tierLine ? `${summary}. ${tierLine}` : summary;
    // No `title`: the tooltip element already shows this, and a second native tooltip would cover it.
    badge.setAttribute('aria-label', reasonLines.length ? `${spoken}. ${reasonLines.join('; ')}` : spoken);

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
    if (tierLine) {
      const tier = document.createElement('div');
      tier.className = 'tip-tier';
      tier.textContent = tierLine;
      tip.append(tier);
    }
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
  // ---- Swarm summary ---------------------------------------------------------------------------
  //
  // One <swarmlens-summary> host at the top of the followers dialog: a button with a one-line
  // digest ("SwarmLens: 3 swarms" and the size of each cluster by kind) that opens the list of
  // clusters, each with the engine's own sentence. Present only while the list has clusters.

  /** `list\nowner`, the key clusters and pages share. */
  function listKey(list, owner) {
    return `${list}\n${owner}`;
  }

  /** Stores the clusters of a message when they are newer than what we have. */
  function applyClusters(value, rev) {
    if (!Array.isArray(value) || rev < clustersRevision) return;
    clustersRevision = rev;
    const valid = [];
    for (const c of value.slice(0, MAX_CLUSTERS)) {
      if (!c || typeof c !== 'object' || typeof c.kind !== 'string' || !KIND.test(c.kind)) continue;
      if (clusterKinds.size > 0 && !clusterKinds.has(c.kind)) continue;
      if (typeof c.list !== 'string' || typeof c.owner !== 'string') continue;
      if (!Number.isSafeInteger(c.size) || c.size < 1 || !Number.isFinite(c.strength)) continue;
      if (typeof c.description !== 'string' || c.description.length > MAX_DESCRIPTION) continue;
      valid.push({ kind: c.kind, list: c.list, owner: c.owner, size: c.size, strength: c.strength,
                   description: c.description });
    }
    clusters = valid;
    requestFlush();  // the summary is brought up to date at the end of the next scan
  }

  /** The current list's clusters, strongest first. */
  function shownClusters() {
    return clusters.filter((c) => listKey(c.list, c.owner) === currentList)
      .sort((a, b) => b.strength - a.strength || b.size - a.size);
  }

  /** The label of a cluster kind: the engine's name, words spaced ("shared_avatar" -> "shared avatar"). */
  function kindLabel(kind) {
    return kind.replace(/_/g, ' ');
  }

  const SUMMARY_STYLE = `
    :host { all: initial; display: block; }
    [hidden] { display: none !important; }
    .panel { margin: 6px 8px; border: 1px solid #b71c1c; border-radius: 8px; background: #fff8f8;
      color: #212121; font: 400 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    .head { all: unset; box-sizing: border-box; display: flex; gap: 6px; align-items: baseline; width: 100%;
      padding: 6px 8px; cursor: pointer; font: inherit; color: inherit; }
    .head:focus-visible { outline: 2px solid #1565c0; outline-offset: -2px; border-radius: 8px; }
    .chevron { display: inline-block; width: 10px; transition: transform .1s; }
    .head[aria-expanded="true"] .chevron { transform: rotate(90deg); }
    .title { font-weight: 600; color: #b71c1c; white-space: nowrap; }
    .brief { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; min-width: 0; }
    .list { margin: 0; padding: 0 8px 8px 26px; max-height: 40vh; overflow: auto; }
    .item { margin: 4px 0; }
    .kind { font-weight: 600; }
    .size { font-variant-numeric: tabular-nums; margin-inline: 4px; }
  `;

  let summaryHost = null;
  let summaryShown = '';
  let summaryOpen = false;

  /** Builds the host once: its button and list are kept, so focus survives updates. */
  function createSummaryHost() {
    const host = document.createElement(SUMMARY_TAG);
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'block', 'important');
    const root = host.attachShadow({ mode: 'open' });
    applyStyles(root, SUMMARY_STYLE);
    const panel = document.createElement('div');
    panel.className = 'panel';
    panel.setAttribute('role', 'region');
    panel.setAttribute('aria-label', 'SwarmLens swarm summary');
    const head = document.createElement('button');
    head.type = 'button';
    head.className = 'head';
    head.setAttribute('aria-controls', 'swarms');
    const chevron = document.createElement('span');
    chevron.className = 'chevron';
    chevron.setAttribute('aria-hidden', 'true');
    chevron.textContent = '\u25B8';
    const title = document.createElement('span');
    title.className = 'title';
    const brief = document.createElement('span');
    brief.className = 'brief';
    head.append(chevron, title, brief);
    const list = document.createElement('ul');
    list.className = 'list';
    list.id = 'swarms';
    panel.append(head, list);
    root.append(panel);
    const showOpen = () => {
      head.setAttribute('aria-expanded', String(summaryOpen));
      list.hidden = !summaryOpen;
    };
    head.addEventListener('click', (event) => {
      event.stopPropagation();  // a click on our panel is not a click on the page's dialog
      summaryOpen = !summaryOpen;
      showOpen();
    });
    showOpen();
    shadowOf.set(host, root);
    return host;
  }

  /** Writes the clusters into the host's title, digest and list (textContent only). */
  function renderSummary(host, shown) {
    const root = shadowOf.get(host);
    const bySize = new Map();  // kind -> sizes, strongest cluster first
    for (const c of shown) {
      if (!bySize.has(c.kind)) bySize.set(c.kind, []);
      bySize.get(c.kind).push(c.size);
    }
    const count = shown.length;
    root.querySelector('.title').textContent = `SwarmLens: ${count} ${count === 1 ? 'swarm' : 'swarms'}`;
    root.querySelector('.brief').textContent =
      [...bySize].map(([kind, sizes]) => `${kindLabel(kind)} ${sizes.join(' + ')}`).join(' \u00B7 ');
    const items = shown.map((c) => {
      const item = document.createElement('li');
      item.className = 'item';
      item.dataset.kind = c.kind;
      item.dataset.size = String(c.size);
      const kind = document.createElement('span');
      kind.className = 'kind';
      kind.textContent = kindLabel(c.kind);
      const size = document.createElement('span');
      size.className = 'size';
      size.textContent = String(c.size);
      const text = document.createElement('span');
      text.className = 'text';
      text.textContent = c.description;  // the engine's sentence; a display-name key is attacker text
      item.append(kind, size, text);
      return item;
    });
    root.querySelector('.list').replaceChildren(...items);
    host.setAttribute('data-swarms', String(count));
  }

  /** Puts the summary at the top of the dialog that holds our badges, or removes it. */
  function ensureSummary() {
    const shown = shownClusters();
    const containers = containerSelector();
    const badge = shown.length > 0
      ? [...document.querySelectorAll(HOST_TAG)].find((host) => host.closest(containers)) : null;
    const dialog = badge && badge.closest(containers);
    if (!dialog) {
      if (summaryHost) summaryHost.remove();
      return;
    }
    if (!summaryHost) summaryHost = createSummaryHost();
    if (summaryHost.parentElement !== dialog) dialog.prepend(summaryHost);
    const digest = JSON.stringify(shown);
    if (digest === summaryShown) return;
    renderSummary(summaryHost, shown);
    summaryShown = digest;
  }

  // ---- "Cannot read this version of the page" ---------------------------------------------------
  //
  // Instagram changes its payloads without notice, and a tool that silently shows nothing looks
  // like "no bots here". While a followers / following dialog shows profile rows, none of which
  // the engine has scored, and no payload of that list was recognised for a few checks in a row,
  // a notice says so at the top of the dialog, and the console gets the key outline of the
  // responses the engine could not read (keys only: values are other people's data).

  const NOTICE_TAG = 'swarmlens-notice';
  const NOTICE_TEXT = 'SwarmLens cannot read this version of the page';
  const NOTICE_DETAIL = 'No follower list the page received was recognised, so its accounts are not checked. ' +
    'The browser console lists the shapes it could not read (field names only), for a report.';
  const DIALOG_PAGE = /^\/([A-Za-z0-9._]{1,30})\/(followers|following)\/?$/;
  const CHECK_MS = 1000;
  const CHECKS_BEFORE_NOTICE = 3;  // ~3 s of rows without a recognised payload
  const MIN_ROWS = 3;
  const MAX_SHAPES = 5;
  const MAX_PATHS = 40;

  /** The key paths of a JSON text, to depth 6 (array elements as `[]`), or its type when not JSON. */
  function keyOutline(text) {
    let value;
    try {
      value = JSON.parse(text);
    } catch {
      return ['(not JSON)'];
    }
    const paths = [];
    const walk = (node, prefix, depth) => {
      if (paths.length >= MAX_PATHS) return;
      if (Array.isArray(node)) {
        if (node.length > 0) walk(node[0], `${prefix}[]`, depth);
        return;
      }
      if (node === null || typeof node !== 'object' || depth === 6) return;
      for (const key of Object.keys(node).slice(0, 12)) {
        const path = prefix ? `${prefix}.${key.slice(0, 60)}` : key.slice(0, 60);
        paths.push(path);
        walk(node[key], path, depth + 1);
      }
    };
    walk(value, '', 0);
    return paths.length > 0 ? paths : [Array.isArray(value) ? '[]' : typeof value];
  }

  function rememberUnread(text, code) {
    if (unreadShapes.length >= MAX_SHAPES) unreadShapes.shift();
    unreadShapes.push({ code: typeof code === 'string' ? code.slice(0, 40) : 'unknown', keys: keyOutline(text) });
  }

  let noticeHost = null;
  let noticeLogged = '';
  let staleChecks = 0;

  /** The open followers / following dialog when its rows are profiles nobody scored, else null. */
  function unreadDialog() {
    const page = DIALOG_PAGE.exec(location.pathname);
    if (!page) return null;
    const owner = page[1].toLowerCase();
    const list = page[2];
    if (recognisedLists.has(listKey(list, owner)) || recognisedLists.has(listKey(list, page[1]))) return null;
    for (const dialog of document.querySelectorAll(DIALOG)) {
      const users = new Set();
      for (const link of dialog.querySelectorAll('a[href]')) {
        const name = profileUsername(link);
        if (!name || name === owner) continue;
        if (results.has(name)) return null;  // something here was read: no notice
        users.add(name);
      }
      if (users.size >= MIN_ROWS) return { dialog, key: listKey(list, owner) };
    }
    return null;
  }

  /** A notice host (text only, in its own shadow root): title, then the plain-words detail. */
  function createNoticeHost(titleText = NOTICE_TEXT, detailText = NOTICE_DETAIL) {
    const host = document.createElement(NOTICE_TAG);
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'block', 'important');
    const root = host.attachShadow({ mode: 'open' });
    applyStyles(root, `
      :host { all: initial; display: block; }
      .notice { margin: 6px 8px; padding: 6px 8px; border: 1px solid #8a4b00; border-radius: 8px;
        background: #fff3e0; color: #212121; font: 400 12px/16px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
      .title { font-weight: 600; color: #8a4b00; display: block; }
    `);
    const notice = document.createElement('div');
    notice.className = 'notice';
    notice.setAttribute('role', 'status');
    const title = document.createElement('span');
    title.className = 'title';
    title.textContent = titleText;
    const detail = document.createElement('span');
    detail.className = 'detail';
    detail.textContent = detailText;
    notice.append(title, detail);
    root.append(notice);
    shadowOf.set(host, root);
    return host;
  }

  function checkReadable() {
    const unread = unreadDialog();
    if (!unread) {
      staleChecks = 0;
      if (noticeHost) noticeHost.remove();
      return;
    }
    if (++staleChecks < CHECKS_BEFORE_NOTICE) return;
    if (!noticeHost) noticeHost = createNoticeHost();
    if (noticeHost.parentElement !== unread.dialog) unread.dialog.prepend(noticeHost);
    if (noticeLogged !== unread.key) {
      noticeLogged = unread.key;
      console.warn(`SwarmLens: ${NOTICE_TEXT}: no payload recognised for this ${unread.key.split('\n')[0]} dialog; ` +
        'shapes of the responses it could not read (keys only):', JSON.stringify(unreadShapes));
    }
  }
  setInterval(checkReadable, CHECK_MS);

  // The badge look, shared with comments.js (the next content script, same isolated world: the
  // page cannot see this global). Comment authors get exactly the follower badge.
  globalThis.swarmlensBadges = Object.freeze({
    HOST_TAG,
    createHost,
    applyStyles,
    formatWeight,
    shownText,
    render,
    oncePerFrame,
    // The "cannot read" notice and the key outline it logs, for comment threads and the inbox.
    NOTICE_TAG,
    keyOutline,
    createNoticeHost,
  });
})();
