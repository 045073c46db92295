// Shared helpers for the wasm tests: find the built engine folder and the sample payloads.
//
// The engine folder is build/wasm/wasm/ (scripts/build wasm puts swarmlens_engine.js,
// swarmlens_engine.wasm and a copy of wasm/swarmlens.js there, side by side as in the
// extension); set SWARMLENS_WASM_DIR to test another folder (e.g. extension/engine/).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Folder holding swarmlens.js + swarmlens_engine.js + swarmlens_engine.wasm. */
export const ENGINE_DIR = process.env.SWARMLENS_WASM_DIR
  ? path.resolve(process.env.SWARMLENS_WASM_DIR)
  : path.join(ROOT, 'build', 'wasm', 'wasm');
/** The Instagram sample payloads. */
export const SAMPLES_DIR = path.join(ROOT, 'tests', 'data', 'instagram-samples');

function enginePath(name) {
  const p = path.join(ENGINE_DIR, name);
  if (!fs.existsSync(p)) {
    throw new Error(`${p} is missing: run scripts/build wasm (or set SWARMLENS_WASM_DIR)`);
  }
  return p;
}

/** The bytes of swarmlens_engine.wasm. */
export function wasmBytes() {
  return fs.readFileSync(enginePath('swarmlens_engine.wasm'));
}

/** Text of a built file in the engine folder (e.g. the emscripten glue). */
export function engineFileText(name) {
  return fs.readFileSync(enginePath(name), 'utf8');
}

/** The wrapper module (swarmlens.js) from the engine folder. */
export async function loadWrapper() {
  return import(pathToFileURL(enginePath('swarmlens.js')).href);
}

/** The raw emscripten module, instantiated (for export-list checks only). */
export async function loadRawModule() {
  const { default: factory } = await import(pathToFileURL(enginePath('swarmlens_engine.js')).href);
  return factory({ wasmBinary: wasmBytes() });
}

/** A new engine through the public wrapper API, the way node callers use it. */
export async function newEngine() {
  const { createEngine } = await loadWrapper();
  return createEngine({ wasmBinary: wasmBytes() });
}

/** Text of tests/data/instagram-samples/<name>. */
export function sample(name) {
  return fs.readFileSync(path.join(SAMPLES_DIR, name), 'utf8');
}

/** A REST followers page ({"users":[...]}) with `n` organic-looking users starting at pk `firstPk`. */
export function syntheticPage(n, firstPk = 70000000000) {
  const users = [];
  for (let i = 0; i < n; i++) {
    const pk = String(firstPk + i);
    users.push({
      pk, pk_id: pk, id: pk,
      username: `synthetic.user_${i}`,
      full_name: `Synthetic User ${i}`,
      is_private: i % 3 === 0,
      is_verified: false,
      profile_pic_id: `31${pk}_${pk}`,
      profile_pic_url: `https://scontent.cdninstagram.com/v/t51.2885-19/${pk}_n.jpg?stp=dst-jpg_s150x150`,
      has_anonymous_profile_picture: false,
      account_badges: [],
      latest_reel_media: 0,
    });
  }
  return JSON.stringify({ users, big_list: true, page_size: n, next_max_id: 'QVFEU1lOVEg=', status: 'ok' });
}

function check(ok, what) {
  if (!ok) throw new Error(`not a store-only zip with UTF-8 names: ${what}`);
}

/**
 * The entries (name -> bytes) of a store-only zip, read from its central directory: a reader
 * independent of the core's, for checking what the engine writes.
 */
export function storedZipEntries(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  check(view.getUint32(end, true) === 0x06054b50, 'end record');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const files = new Map();
  for (let i = 0; i < count; i++) {
    check(view.getUint32(at, true) === 0x02014b50, 'central header');
    check(view.getUint16(at + 8, true) === 0x0800, 'UTF-8 name flag');
    check(view.getUint16(at + 10, true) === 0, 'stored');
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const data = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    files.set(name, bytes.subarray(data, data + size));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return files;
}
