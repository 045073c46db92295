// SwarmLens background: hosts the wasm engine (MV3 module service worker in Chromium, module
// background script in Firefox) and scores the follower pages content scripts send it.
//
// The engine is created lazily on the first message. A Chromium service worker can be stopped at
// any time; its accounts are then forgotten and rebuilt from the pages that come next, which is
// acceptable because every page is re-sent as the user scrolls.
import { createEngine } from './engine/swarmlens.js';

const api = globalThis.browser ?? globalThis.chrome;
const MAX_TEXT = 8 * 1024 * 1024;
const MAX_SOURCE = 4096;
const USERNAME = /^[A-Za-z0-9._]{1,30}$/;
const LISTS = new Set(['followers', 'following', '']);

let enginePromise = null;

/** The one engine, created on first use; a failed start is retried on the next message. */
function getEngine() {
  if (!enginePromise) {
    enginePromise = (async () => {
      const wasmUrl = api.runtime.getURL('engine/swarmlens_engine.wasm');
      // Our own packaged file, not a network request. Passing the bytes avoids depending on how
      // the Emscripten glue detects a module service worker (it is neither `window` nor
      // `importScripts`).
      const response = await fetch(wasmUrl);
      if (!response.ok) throw new Error(`cannot read ${wasmUrl}: HTTP ${response.status}`);
      const wasmBinary = await response.arrayBuffer();
      return createEngine({ wasmBinary, locateFile: (name) => api.runtime.getURL(`engine/${name}`) });
    })();
    enginePromise.catch(() => {
      enginePromise = null;
    });
  }
  return enginePromise;
}

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

/** Only what the content script shows: plain JSON-safe values. */
function toBadgeData(account) {
  return {
    username: String(account.username),
    pk: account.pk === undefined || account.pk === null ? null : String(account.pk),
    score: Number(account.score),
    level: String(account.level),
    reasons: (account.reasons ?? []).map((r) => ({ code: String(r.code), weight: Number(r.weight), text: String(r.text) })),
  };
}

async function ingest(request) {
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
  if (!result.ok) {
    return { ok: false, error: { code: String(result.error.code), message: String(result.error.message) } };
  }
  const accounts = result.accounts.filter((a) => a && a.kind !== 'comment' && a.username).map(toBadgeData);
  nextPosition.set(key, firstPosition + result.accounts.length);
  return { ok: true, accounts };
}

api.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only our own content scripts talk to us (no externally_connectable), but check anyway.
  if (sender.id !== api.runtime.id) return false;
  const request = parseIngest(message);
  if (!request) return false;
  ingest(request).then(sendResponse, (error) => {
    sendResponse({ ok: false, error: { code: 'internal', message: String(error && error.message ? error.message : error) } });
  });
  return true;  // Reply asynchronously (works in Chromium and Firefox).
});
