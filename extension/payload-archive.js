// The payload archive: the raw pages the engine was given, kept so that a case bundle can carry
// them (the case file keeps only their SHA-256: docs/case-file.md). One IndexedDB database per
// site (`swarmlens-payloads-<site>`), one record per distinct payload, keyed by the SHA-256 (hex)
// of its bytes as observed (the UTF-8 the engine hashed), so a page re-sent while scrolling is
// stored once. The archive is capped (ARCHIVE_CAP_BYTES per site, counted in stored bytes): the
// least recently seen payloads are evicted first; a payload larger than the cap is not kept.
//
// Stored bytes go through a codec { encode(bytes) -> Promise<Uint8Array>, decode(bytes) ->
// Promise<Uint8Array> } (default: identity), so passphrase encryption can be plugged in without
// changing the archive. The key (the SHA-256) is of the plain bytes: it is what the engine and
// the bundle's manifest name.
//
//   const archive = openPayloadArchive('instagram');
//   await archive.put(text);              // string (as ingested) or Uint8Array
//   const payloads = await archive.all(); // Uint8Array[], oldest first, for engine.exportBundle()

/** At most this many stored bytes per site (64 MiB: about 600 follower pages of 100 KB). */
export const ARCHIVE_CAP_BYTES = 64 * 1024 * 1024;

/** The codec that stores bytes as they are. */
export const IDENTITY_CODEC = Object.freeze({
  encode: async (bytes) => bytes,
  decode: async (bytes) => bytes,
});

const STORE = 'payloads';
const META = 'meta';
const TOTAL_KEY = 'stored_bytes';
const encoder = new TextEncoder();

/** The database name of a site's archive. */
export function archiveName(site) {
  return `swarmlens-payloads-${site}`;
}

/** Lower-case hex SHA-256 of bytes (WebCrypto). */
export async function sha256Hex(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('payload archive: transaction aborted'));
  });
}

function openDatabase(factory, name) {
  const open = factory.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    const store = db.createObjectStore(STORE, { keyPath: 'sha256' });
    store.createIndex('seenAt', 'seenAt');
    db.createObjectStore(META);
  };
  return request(open);
}

/**
 * Opens (creating on first use) the archive of one site.
 * @param {string} site 'instagram' or 'facebook' (any [a-z]+ name).
 * @param {object} [options]
 * @param {{encode: Function, decode: Function}} [options.codec] How bytes are stored (identity).
 * @param {number} [options.capBytes] The cap (ARCHIVE_CAP_BYTES).
 * @param {IDBFactory} [options.indexedDB] The IndexedDB factory (globalThis.indexedDB).
 * @param {() => number} [options.now] Milliseconds clock for "last seen" (Date.now).
 */
export function openPayloadArchive(site, options = {}) {
  if (typeof site !== 'string' || !/^[a-z]+$/.test(site)) throw new TypeError('openPayloadArchive: site must be [a-z]+');
  const {
    codec = IDENTITY_CODEC, capBytes = ARCHIVE_CAP_BYTES, indexedDB: factory = globalThis.indexedDB, now = Date.now,
  } = options;
  if (typeof codec?.encode !== 'function' || typeof codec?.decode !== 'function') {
    throw new TypeError('openPayloadArchive: codec needs encode(bytes) and decode(bytes)');
  }
  if (!Number.isInteger(capBytes) || capBytes <= 0) throw new TypeError('openPayloadArchive: capBytes must be a positive integer');
  let dbPromise = null;
  const db = () => {
    dbPromise ??= openDatabase(factory, archiveName(site));
    dbPromise.catch(() => { dbPromise = null; });  // retried on the next call
    return dbPromise;
  };
  let queue = Promise.resolve();  // puts run one at a time, so the byte total stays exact
  const serial = (job) => {
    const result = queue.then(job);
    queue = result.catch(() => {});
    return result;
  };

  return {
    /**
     * Keeps a payload (a string is stored as its UTF-8, the bytes the engine hashes). The same
     * bytes again only refresh when they were last seen.
     * @returns {Promise<{sha256: string, stored: boolean, evicted: number}>} `stored` false for a
     *   payload larger than the cap.
     */
    put(payload) {
      const plain = typeof payload === 'string' ? encoder.encode(payload) : payload;
      if (!(plain instanceof Uint8Array)) return Promise.reject(new TypeError('put: payload must be a string or a Uint8Array'));
      return serial(async () => {
        const sha256 = await sha256Hex(plain);
        const database = await db();
        const seen = database.transaction([STORE], 'readwrite');
        const existing = await request(seen.objectStore(STORE).get(sha256));
        if (existing) {
          existing.seenAt = now();
          seen.objectStore(STORE).put(existing);
          await done(seen);
          return { sha256, stored: true, evicted: 0 };
        }
        await done(seen);
        const bytes = await codec.encode(plain);  // before the write transaction: it must not wait on other promises
        if (!(bytes instanceof Uint8Array)) throw new TypeError('payload archive: codec.encode must give a Uint8Array');
        if (bytes.length > capBytes) return { sha256, stored: false, evicted: 0 };
        const tx = database.transaction([STORE, META], 'readwrite');
        const store = tx.objectStore(STORE);
        const meta = tx.objectStore(META);
        let evicted = 0;
        const total = await request(meta.get(TOTAL_KEY)) ?? 0;
        let stored = total + bytes.length;
        store.put({ sha256, bytes, size: plain.length, storedBytes: bytes.length, seenAt: now() });
        if (stored > capBytes) {
          // Oldest "last seen" first, until the new total fits.
          await new Promise((resolve, reject) => {
            const cursorRequest = store.index('seenAt').openCursor();
            cursorRequest.onerror = () => reject(cursorRequest.error);
            cursorRequest.onsuccess = () => {
              const cursor = cursorRequest.result;
              if (!cursor || stored <= capBytes) return resolve();
              if (cursor.value.sha256 !== sha256) {
                stored -= cursor.value.storedBytes;
                evicted++;
                cursor.delete();
              }
              cursor.continue();
            };
          });
        }
        meta.put(stored, TOTAL_KEY);
        await done(tx);
        return { sha256, stored: true, evicted };
      });
    },

    /** The plain bytes of one payload, or null. */
    async get(sha256) {
      const tx = (await db()).transaction([STORE], 'readonly');
      const record = await request(tx.objectStore(STORE).get(String(sha256)));
      return record ? codec.decode(record.bytes) : null;
    },

    /** Every payload's plain bytes, least recently seen first. */
    async all() {
      const tx = (await db()).transaction([STORE], 'readonly');
      const records = await request(tx.objectStore(STORE).index('seenAt').getAll());
      return Promise.all(records.map((r) => codec.decode(r.bytes)));
    },

    /** {count, storedBytes, capBytes} of the archive. */
    async stats() {
      const tx = (await db()).transaction([STORE, META], 'readonly');
      const [count, storedBytes] = await Promise.all([
        request(tx.objectStore(STORE).count()), request(tx.objectStore(META).get(TOTAL_KEY)),
      ]);
      return { count, storedBytes: storedBytes ?? 0, capBytes };
    },

    /** Deletes every payload of the site. */
    clear() {
      return serial(async () => {
        const tx = (await db()).transaction([STORE, META], 'readwrite');
        tx.objectStore(STORE).clear();
        tx.objectStore(META).clear();
        await done(tx);
      });
    },

    /** Closes the database (a later call opens it again). */
    async close() {
      if (dbPromise) (await dbPromise).close();
      dbPromise = null;
    },
  };
}
