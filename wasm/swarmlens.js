// swarmlens.js: the JS face of the wasm engine. No dependencies; runs in an MV3 service worker,
// a Firefox background script and node. It owns all wasm memory: text is copied in, the call is
// made, the JSON result is copied out and every buffer is freed in `finally`. Callers never see a
// pointer. All logic and all constants come from the C++ core; nothing here re-implements them.
//
//   import { createEngine } from './swarmlens.js';
//   const engine = await createEngine();
//   const r = engine.ingest(text, { list: 'followers', owner: 'someone', source: url });
//   if (!r.ok) console.warn(r.error.text);
//   else for (const a of r.accounts) console.log(a.username, a.level, a.score);

import createSwarmlensModule from './swarmlens_engine.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const EMPTY = new Uint8Array(0);

// Strings up to this many UTF-16 units are encoded straight into wasm memory (worst case 3 bytes
// per unit); longer ones are encoded first, so a big DYI file does not grow the heap by 3x.
const DIRECT_ENCODE_MAX = 1 << 20;

/**
 * Loads the wasm module and creates an empty engine.
 * @param {object} [options]
 * @param {ArrayBuffer|Uint8Array} [options.wasmBinary] The bytes of swarmlens_engine.wasm (node,
 *   or a caller that already fetched them). Without it the module fetches the file itself.
 * @param {(name: string, prefix: string) => string} [options.locateFile] Maps
 *   "swarmlens_engine.wasm" to the URL to fetch (default: beside swarmlens_engine.js).
 * @returns {Promise<SwarmlensEngine>}
 */
export async function createEngine(options = {}) {
  if (options === null || typeof options !== 'object') {
    throw new TypeError('createEngine: options must be an object');
  }
  const { wasmBinary, locateFile } = options;
  const moduleArgs = {};
  if (wasmBinary !== undefined) {
    if (!(wasmBinary instanceof ArrayBuffer) && !ArrayBuffer.isView(wasmBinary)) {
      throw new TypeError('createEngine: wasmBinary must be an ArrayBuffer or a Uint8Array');
    }
    moduleArgs.wasmBinary = wasmBinary;
  }
  if (locateFile !== undefined) {
    if (typeof locateFile !== 'function') {
      throw new TypeError('createEngine: locateFile must be a function');
    }
    moduleArgs.locateFile = locateFile;
  }
  const module = await createSwarmlensModule(moduleArgs);
  return new SwarmlensEngine(module);
}

/** Every account seen so far, merged by pk / username, scored by the core. */
export class SwarmlensEngine {
  #m;
  #handle;
  #lists;

  /**
   * Use createEngine() instead.
   * @param {object} module The instantiated emscripten module.
   */
  constructor(module) {
    this.#m = module;
    this.#handle = module._sl_engine_new();
    if (this.#handle === 0) throw new RangeError('swarmlens: out of wasm memory');
    this.#m._sl_constants(this.#handle);
    /** Levels, reason codes and texts, payload shapes, list kinds, thresholds (from the core). */
    this.constants = Object.freeze(this.#takeOutput());
    this.#lists = new Set(this.constants.lists);
  }

  /**
   * Parses one payload (a follower / following page or a DYI export) and merges its accounts.
   * Bad input never throws and never changes the engine: it returns { ok: false, error }.
   * @param {string|Uint8Array} text The payload as received (UTF-8 bytes or a string).
   * @param {object} [options]
   * @param {string} [options.list] One of constants.lists ("followers", "following"...); the
   *   payload decides when absent.
   * @param {string} [options.owner] Whose list this is.
   * @param {string} [options.source] URL or file name, named in error messages.
   * @param {number} [options.seenAt] Unix seconds the page was received (0 = unknown).
   * @param {number} [options.firstPosition] List position of the page's first account.
   * @returns {{ok: true, shape: string, list: string, next_cursor: string|null,
   *   new_accounts: number, total_accounts: number, accounts: object[]} |
   *   {ok: false, error: {code: string, source: string, offset: number, message: string, text: string}}}
   */
  ingest(text, options = {}) {
    const handle = this.#live();
    let bytes = null;
    if (typeof text === 'string') {
      if (text.length > DIRECT_ENCODE_MAX) bytes = encoder.encode(text);
    } else if (text instanceof Uint8Array) {
      bytes = text;
    } else {
      throw new TypeError('ingest: text must be a string or a Uint8Array');
    }
    if (options === null || typeof options !== 'object') {
      throw new TypeError('ingest: options must be an object');
    }
    const { list = '', owner = '', source = '', seenAt = 0, firstPosition = 0 } = options;
    if (typeof list !== 'string' || (list !== '' && !this.#lists.has(list))) {
      throw new TypeError(`ingest: list must be one of ${[...this.#lists].join(', ')}`);
    }
    if (typeof owner !== 'string') throw new TypeError('ingest: owner must be a string');
    if (typeof source !== 'string') throw new TypeError('ingest: source must be a string');
    if (typeof seenAt !== 'number' || !Number.isFinite(seenAt)) {
      throw new TypeError('ingest: seenAt must be a finite number (Unix seconds)');
    }
    if (!Number.isInteger(firstPosition) || firstPosition < 0 || firstPosition > 0xffffffff) {
      throw new TypeError('ingest: firstPosition must be an integer in [0, 2^32)');
    }
    const listBytes = list === '' ? EMPTY : encoder.encode(list);
    const ownerBytes = owner === '' ? EMPTY : encoder.encode(owner);
    const sourceBytes = source === '' ? EMPTY : encoder.encode(source);
    const textCapacity = bytes ? bytes.length : text.length * 3;

    // One buffer for the four inputs: [text | source | list | owner].
    const m = this.#m;
    const total = textCapacity + sourceBytes.length + listBytes.length + ownerBytes.length;
    const base = m._sl_alloc(total) >>> 0;
    if (base === 0) throw new RangeError('swarmlens: out of wasm memory');
    try {
      const heap = m.HEAPU8; // Read after the allocation: growing memory replaces the buffer.
      let textLength;
      if (bytes) {
        heap.set(bytes, base);
        textLength = bytes.length;
      } else {
        textLength = encoder.encodeInto(text, heap.subarray(base, base + textCapacity)).written;
      }
      const sourcePtr = base + textLength;
      heap.set(sourceBytes, sourcePtr);
      const listPtr = sourcePtr + sourceBytes.length;
      heap.set(listBytes, listPtr);
      const ownerPtr = listPtr + listBytes.length;
      heap.set(ownerBytes, ownerPtr);
      m._sl_ingest(handle, base, textLength, sourcePtr, sourceBytes.length, listPtr,
                   listBytes.length, ownerPtr, ownerBytes.length, seenAt, firstPosition);
      return this.#takeOutput();
    } finally {
      m._sl_free(base);
    }
  }

  /**
   * Parses one comment payload (REST or GraphQL comments, replies, or a post's HTML page with the
   * first page embedded) and scores its comments: author, threats, offensive language, campaigns.
   * Bad input never throws and never changes the engine: it returns { ok: false, error }.
   * @param {string} text The payload or HTML as received.
   * @param {{source?: string, post?: string}} [options] `post`: media id (else the payload's).
   * @returns {{ok: true, shape: string, next_cursor: string|null, new_comments: number,
   *   comments: object[], campaigns: object[]} | {ok: false, error: object}}
   */
  ingestComments(text, options = {}) {
    const handle = this.#live();
    if (typeof text !== 'string') throw new TypeError('ingestComments: text must be a string');
    if (options === null || typeof options !== 'object') throw new TypeError('ingestComments: options must be an object');
    const { source = '', post = '' } = options;
    if (typeof source !== 'string' || typeof post !== 'string') {
      throw new TypeError('ingestComments: source and post must be strings');
    }
    const textBytes = encoder.encode(text);
    const sourceBytes = encoder.encode(source);
    const postBytes = encoder.encode(post);
    const m = this.#m;
    const base = m._sl_alloc(textBytes.length + sourceBytes.length + postBytes.length) >>> 0;
    if (base === 0) throw new RangeError('swarmlens: out of wasm memory');
    try {
      const heap = m.HEAPU8; // Read after the allocation: growing memory replaces the buffer.
      heap.set(textBytes, base);
      heap.set(sourceBytes, base + textBytes.length);
      heap.set(postBytes, base + textBytes.length + sourceBytes.length);
      m._sl_ingest_comments(handle, base, textBytes.length, base + textBytes.length, sourceBytes.length,
                            base + textBytes.length + sourceBytes.length, postBytes.length);
      return this.#takeOutput();
    } finally {
      m._sl_free(base);
    }
  }

  /**
   * Adds the profile picture of an account the engine knows, as decoded pixels, to the
   * shared-picture clusters of its lists (the core computes the perceptual hash).
   * @param {string|{pk: string}} username The account (a username as in the ingested payloads),
   *   or {pk: '<digits>'} for an account known only by its numeric id (Facebook commenters).
   * @param {{data: Uint8Array|Uint8ClampedArray, width: number, height: number}} image RGBA8
   *   pixels, rows `width * 4` bytes apart (what canvas getImageData returns).
   * @param {Uint8Array} [fileBytes] The image file's bytes, for the exact-copy hash.
   * @returns {{ok: true, status: string, cluster_size: number, quality: number, hash: string,
   *   updated: object[], clusters: object[]} | {ok: false, error: object}} Unknown accounts and
   *   unhashable images are { ok: false } and change nothing. A picture of a commenter also
   *   counts for the shared-picture clusters of the threads they commented in (`updated` lists
   *   only list members: read commenters back with accounts()).
   */
  addAvatar(username, image, fileBytes = undefined) {
    const handle = this.#live();
    let key = username;
    if (username !== null && typeof username === 'object' && typeof username.pk === 'string' &&
        /^[0-9]{1,20}$/.test(username.pk)) {
      key = `#${username.pk}`;
    } else if (typeof username !== 'string' || username.startsWith('#')) {
      throw new TypeError('addAvatar: the account must be a username or {pk: "<digits>"}');
    }
    if (image === null || typeof image !== 'object') throw new TypeError('addAvatar: image must be an object');
    const { data, width, height } = image;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 ||
        width > 4096 || height > 4096) {
      throw new TypeError('addAvatar: width and height must be integers in [1, 4096]');
    }
    if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray) || data.length !== width * height * 4) {
      throw new TypeError('addAvatar: data must hold width * height * 4 RGBA bytes');
    }
    if (fileBytes !== undefined && !(fileBytes instanceof Uint8Array)) {
      throw new TypeError('addAvatar: fileBytes must be a Uint8Array');
    }
    const nameBytes = encoder.encode(key);
    const file = fileBytes ?? EMPTY;
    const m = this.#m;
    const total = nameBytes.length + data.length + file.length;
    const base = m._sl_alloc(total) >>> 0;
    if (base === 0) throw new RangeError('swarmlens: out of wasm memory');
    try {
      const heap = m.HEAPU8; // Read after the allocation: growing memory replaces the buffer.
      heap.set(nameBytes, base);
      const pixels = base + nameBytes.length;
      heap.set(data, pixels);
      const filePtr = pixels + data.length;
      heap.set(file, filePtr);
      m._sl_add_avatar(handle, base, nameBytes.length, pixels, width, height,
                       file.length ? filePtr : 0, file.length);
      return this.#takeOutput();
    } finally {
      m._sl_free(base);
    }
  }

  /**
   * Runs the swarm analysis that ingest() deferred on large lists (it re-analyses a list once
   * ~2% new members are waiting) and returns the accounts whose badges changed. Call it when
   * pages stop arriving, so the last pages get their swarm evidence.
   * @returns {{ok: true, updated: object[], clusters: object[]}}
   */
  flush() {
    this.#m._sl_flush(this.#live());
    return this.#takeOutput();
  }

  /**
   * Every account, highest score first (ties by username).
   * @returns {{ok: true, accounts: object[], clusters: object[]}} clusters with their members' usernames
   */
  ranked() {
    this.#m._sl_ranked(this.#live());
    return this.#takeOutput();
  }

  /**
   * The current result of a few accounts (e.g. a comment page's authors), without serialising
   * every account as ranked() does.
   * @param {Array<string|{pk: string}>} keys Usernames (as stored), or {pk: '<digits>'} for
   *   accounts known only by their numeric id. Unknown keys are skipped.
   * @returns {{ok: true, accounts: object[]}} each account once, in key order
   */
  accounts(keys) {
    const handle = this.#live();
    if (!Array.isArray(keys)) throw new TypeError('accounts: keys must be an array');
    const lines = [];
    for (const key of keys) {
      if (typeof key === 'string') {
        if (key.includes('\n')) throw new TypeError('accounts: a username cannot contain a newline');
        lines.push(key);
      } else if (key !== null && typeof key === 'object' && typeof key.pk === 'string' && /^[0-9]{1,20}$/.test(key.pk)) {
        lines.push(`#${key.pk}`);
      } else {
        throw new TypeError('accounts: each key must be a username or {pk: "<digits>"}');
      }
    }
    const bytes = encoder.encode(lines.join('\n'));
    const m = this.#m;
    const base = m._sl_alloc(bytes.length) >>> 0;
    if (base === 0) throw new RangeError('swarmlens: out of wasm memory');
    try {
      m.HEAPU8.set(bytes, base);
      m._sl_accounts(handle, base, bytes.length);
      return this.#takeOutput();
    } finally {
      m._sl_free(base);
    }
  }

  /** Number of distinct accounts held. */
  get size() {
    return this.#m._sl_engine_size(this.#live()) >>> 0;
  }

  /**
   * The engine's whole state as a case file (binary, versioned, checksummed: docs/case-file.md),
   * e.g. to keep in IndexedDB. load() of these bytes gives the same answers.
   * @returns {Uint8Array} A copy (the wasm buffer is released).
   */
  save() {
    const m = this.#m;
    const handle = this.#live();
    try {
      m._sl_save(handle);
      const ptr = m._sl_output_ptr(handle) >>> 0;
      const len = m._sl_output_len(handle) >>> 0;
      return m.HEAPU8.slice(ptr, ptr + len);
    } finally {
      m._sl_output_release(handle);
    }
  }

  /**
   * Replaces the engine's state with a case file from save(). Another format version, a damaged
   * or a cut case file never throws and never changes the engine: it returns { ok: false, error }.
   * @param {Uint8Array} bytes The case file.
   * @param {object} [options]
   * @param {string} [options.source] A name for the case file in error messages.
   * @returns {{ok: true, version: number, accounts: number, lists: number, comments: number,
   *   threads: number} | {ok: false, error: {code: string, source: string, offset: number,
   *   message: string, text: string}}}
   */
  load(bytes, options = {}) {
    return this.#callWithBytes('load', bytes, options, (...args) => this.#m._sl_load(...args));
  }


  /**
   * The case report of everything the engine holds, as the CLI's `swarmlens report` writes it:
   * report.html (self-contained, no script), accounts.csv, comments.csv, case.json, SHA256SUMS.
   * @param {object} [options]
   * @param {number} [options.generatedAt] The report's date, Unix seconds (default: now). A
   *   bundle's own date (openBundle().generated_at) gives the sender's report byte for byte.
   * @returns {{ok: true, files: {name: string, content: string}[], counts: {threats: number,
   *   harassment: number, hate: number, coordinated_inauthentic_behaviour: number, spam: number,
   *   flagged_accounts: number}}}
   */
  exportCase(options = {}) {
    const handle = this.#live();
    const generatedAt = reportDate(options, 'exportCase');
    this.#m._sl_export_case(handle, generatedAt);
    return this.#takeOutput();
  }

  /**
   * The case bundle (a store-only zip: case.json, the case file, the payloads named by their
   * SHA-256, a SHA256SUMS manifest) of the engine's case. Payloads whose SHA-256 is not one of
   * the case's are left out (`ignored`); the case's payloads not given are listed in `missing`.
   * @param {Uint8Array[]} payloads Raw payloads, the bytes as observed (as ingested, UTF-8).
   * @param {{generatedAt?: number}} [options] The date of its case.json (default: now).
   * @returns {{ok: true, bytes: Uint8Array, payloads_included: number, missing: string[],
   *   ignored: number} | {ok: false, error: object}}
   */
  exportBundle(payloads, options = {}) {
    const handle = this.#live();
    if (!Array.isArray(payloads) || !payloads.every((p) => p instanceof Uint8Array)) {
      throw new TypeError('exportBundle: payloads must be an array of Uint8Array');
    }
    const generatedAt = reportDate(options, 'exportBundle');
    const total = payloads.reduce((n, p) => n + p.length, 0);
    const m = this.#m;
    const lengthsBytes = payloads.length * 4;
    const base = m._sl_alloc(lengthsBytes + total) >>> 0;  // [lengths | payloads]: malloc aligns base
    if (base === 0) throw new RangeError('swarmlens: out of wasm memory');
    try {
      const heap = m.HEAPU8; // Read after the allocation: growing memory replaces the buffer.
      const lengths = new DataView(heap.buffer, base, lengthsBytes);
      let at = base + lengthsBytes;
      payloads.forEach((p, i) => {
        lengths.setUint32(i * 4, p.length, true);
        heap.set(p, at);
        at += p.length;
      });
      const ok = m._sl_export_bundle(handle, generatedAt, base + lengthsBytes, base, payloads.length);
      if (!ok) return this.#takeOutput();
      const ptr = m._sl_output_ptr(handle) >>> 0;
      const len = m._sl_output_len(handle) >>> 0;
      const out = m.HEAPU8.subarray(ptr, ptr + len);
      const newline = out.indexOf(10);
      const summary = JSON.parse(decoder.decode(out.subarray(0, newline)));
      summary.bytes = out.slice(newline + 1);
      return summary;
    } finally {
      m._sl_output_release(handle);
      m._sl_free(base);
    }
  }

  /**
   * Verifies a case bundle (every file against its SHA256SUMS, every payload against its name,
   * case.json against the case file) and replaces the engine's state with its case. A changed,
   * renamed, added or removed file never throws and never changes the engine: it returns
   * { ok: false, error } whose message names the file. Use a separate engine for a bundle
   * someone sent you: this one then holds their case only.
   * @param {Uint8Array} bytes The zip.
   * @param {{source?: string}} [options] A name for the bundle in error messages.
   * @returns {{ok: true, generated_at: number, files: number, payloads_included: number,
   *   missing: string[], manifest_sha256: string} | {ok: false, error: object}}
   */
  openBundle(bytes, options = {}) {
    return this.#callWithBytes('openBundle', bytes, options, (...args) => this.#m._sl_open_bundle(...args));
  }


  /** Bytes of wasm memory the module holds (diagnostics; wasm memory grows but never shrinks). */
  get memoryBytes() {
    return this.#m.HEAPU8.buffer.byteLength;
  }

  /** Forgets every account. */
  clear() {
    this.#m._sl_engine_clear(this.#live());
  }

  /** Frees the engine; any later call throws. Calling it twice is harmless. */
  dispose() {
    if (this.#handle) this.#m._sl_engine_free(this.#handle);
    this.#handle = 0;
  }

  #live() {
    if (!this.#handle) throw new Error('swarmlens: engine was disposed');
    return this.#handle;
  }

  // Copies `bytes` and options.source into wasm memory, calls `call(handle, ptr, len, sourcePtr,
  // sourceLen)` and returns its JSON output (load, openBundle).
  #callWithBytes(caller, bytes, options, call) {
    const handle = this.#live();
    if (!(bytes instanceof Uint8Array)) throw new TypeError(`${caller}: bytes must be a Uint8Array`);
    if (options === null || typeof options !== 'object') throw new TypeError(`${caller}: options must be an object`);
    const { source = '' } = options;
    if (typeof source !== 'string') throw new TypeError(`${caller}: source must be a string`);
    const sourceBytes = source === '' ? EMPTY : encoder.encode(source);
    const m = this.#m;
    const base = m._sl_alloc(bytes.length + sourceBytes.length) >>> 0;
    if (base === 0) throw new RangeError('swarmlens: out of wasm memory');
    try {
      const heap = m.HEAPU8; // Read after the allocation: growing memory replaces the buffer.
      heap.set(bytes, base);
      heap.set(sourceBytes, base + bytes.length);
      call(handle, base, bytes.length, base + bytes.length, sourceBytes.length);
      return this.#takeOutput();
    } finally {
      m._sl_free(base);
    }
  }

  // Copies the last call's JSON out of wasm memory, releases it there, parses it.
  #takeOutput() {
    const m = this.#m;
    const handle = this.#handle;
    let json;
    try {
      const ptr = m._sl_output_ptr(handle) >>> 0;
      const len = m._sl_output_len(handle) >>> 0;
      json = decoder.decode(m.HEAPU8.subarray(ptr, ptr + len));
    } finally {
      m._sl_output_release(handle);
    }
    return JSON.parse(json);
  }
}

/** The report date of exportCase / exportBundle options: Unix seconds, default now. */
function reportDate(options, caller) {
  if (options === null || typeof options !== 'object') throw new TypeError(`${caller}: options must be an object`);
  const { generatedAt = Math.floor(Date.now() / 1000) } = options;
  if (!Number.isInteger(generatedAt) || generatedAt < 0) {
    throw new TypeError(`${caller}: generatedAt must be a non-negative integer (Unix seconds)`);
  }
  return generatedAt;
}
