// Shared by the wasm list benchmarks: the engine module (SWARMLENS_WASM_DIR, default
// build/wasm/wasm) and the pages of PAGES.jsonl (one REST page per line, as scripts/bench writes).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Loads the wrapper and the module bytes, and the pages named by the first argument.
 * @param {string} usage The usage line printed when the argument is missing.
 * @returns {Promise<{createEngine: Function, wasmBinary: Buffer, pages: string[], args: string[]}>}
 */
export async function loadListBench(usage) {
  const args = process.argv.slice(2);
  if (!args[0]) {
    console.error(`usage: ${usage}`);
    process.exit(2);
  }
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const engineDir = process.env.SWARMLENS_WASM_DIR ?? path.join(root, 'build', 'wasm', 'wasm');
  const { createEngine } = await import(pathToFileURL(path.join(engineDir, 'swarmlens.js')).href);
  const wasmBinary = fs.readFileSync(path.join(engineDir, 'swarmlens_engine.wasm'));
  const pages = fs.readFileSync(args[0], 'utf8').split('\n').filter((line) => line.length > 0);
  return { createEngine, wasmBinary, pages, args };
}
