// Throughput of the wasm engine through its JS wrapper (text in, scored accounts out: the copy
// into wasm memory, parse + merge + score + serialize in C++, the copy out and JSON.parse of the
// result), against JSON.parse of the same pages: the first step an all-JavaScript extension
// would pay before scoring anything. Prints MB/s, accounts/s, their ratio and the module size.
//
//   node bench/wasm_bench.mjs [--seconds S] [--native google-benchmark.json]
//
// --native reads Google Benchmark JSON output containing BM_PageSet_EndToEnd run over the same
// pages (`node bench/make_pages.mjs 200 50`) and prints the native / wasm ratio; scripts/bench
// does all of this. SWARMLENS_WASM_DIR selects the engine folder (default build/wasm/wasm).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { makePage, makePages } from './make_pages.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ENGINE_DIR = path.resolve(process.env.SWARMLENS_WASM_DIR ?? path.join(ROOT, 'build', 'wasm', 'wasm'));

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
const SECONDS = Number(arg('--seconds', '1'));
const NATIVE = arg('--native', null);

const wasmPath = path.join(ENGINE_DIR, 'swarmlens_engine.wasm');
if (!fs.existsSync(wasmPath)) {
  console.error(`${wasmPath} is missing: run scripts/build wasm`);
  process.exit(1);
}
const wasmBinary = fs.readFileSync(wasmPath);
const { createEngine } = await import(pathToFileURL(path.join(ENGINE_DIR, 'swarmlens.js')).href);
const engine = await createEngine({ wasmBinary });

/**
 * Runs `round` (one pass over a page set) for at least SECONDS after one warm-up pass and returns
 * the fastest pass in seconds: on a shared machine the minimum is the stable figure.
 */
function measure(round) {
  round();
  let best = Infinity;
  const start = performance.now();
  do {
    const t = performance.now();
    round();
    best = Math.min(best, (performance.now() - t) / 1000);
  } while ((performance.now() - start) / 1000 < SECONDS);
  return best;
}

function pageSet(name, pages) {
  const encoded = pages.map((p) => new TextEncoder().encode(p));
  const bytes = encoded.reduce((n, b) => n + b.length, 0);
  const accounts = pages.reduce((n, p) => n + JSON.parse(p).users.length, 0);
  return { name, pages, encoded, bytes, accounts };
}

function wasmRound(set, useBytes) {
  return () => {
    let position = 0;
    const inputs = useBytes ? set.encoded : set.pages;
    for (const input of inputs) {
      const r = engine.ingest(input, { list: 'followers', owner: 'bench_owner', source: 'bench',
                                       seenAt: 1710000000, firstPosition: position });
      if (!r.ok) throw new Error(r.error.text);
      position += r.accounts.length;
    }
    engine.clear();
  };
}

function jsonParseRound(set) {
  return () => {
    let n = 0;
    for (const page of set.pages) n += JSON.parse(page).users.length;
    if (n !== set.accounts) throw new Error('page set changed');
  };
}

const sets = [
  pageSet('200 pages x 50 users', makePages({ pages: 200, perPage: 50 })),
  pageSet('1 page x 10,000 users', [makePage(10000, 424242)]),
];

const rows = [];
const results = {};
for (const set of sets) {
  const cases = [
    ['wasm engine (string in)', wasmRound(set, false)],
    ['wasm engine (UTF-8 bytes in)', wasmRound(set, true)],
    ['JSON.parse only', jsonParseRound(set)],
  ];
  const parseSeconds = [];
  for (const [name, round] of cases) {
    const s = measure(round);
    if (name === 'JSON.parse only') parseSeconds.push(s);
    results[`${set.name}|${name}`] = s;
    rows.push({ set: set.name, name, seconds: s, mbs: set.bytes / s / 1e6, aps: set.accounts / s });
  }
  for (const row of rows.filter((r) => r.set === set.name)) row.vsParse = parseSeconds[0] / row.seconds;
  console.log(`${set.name}: ${(set.bytes / 1e6).toFixed(2)} MB, ${set.accounts} accounts`);
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);
console.log('');
console.log(`${pad('page set', 24)}${pad('case', 32)}${lpad('MB/s', 9)}${lpad('accounts/s', 13)}${lpad('vs JSON.parse', 15)}`);
for (const r of rows) {
  console.log(`${pad(r.set, 24)}${pad(r.name, 32)}${lpad(r.mbs.toFixed(1), 9)}` +
              `${lpad(Math.round(r.aps).toLocaleString('en-US'), 13)}${lpad(`${r.vsParse.toFixed(2)}x`, 15)}`);
}
console.log('(fastest pass of each case; vs JSON.parse: speed relative to JSON.parse alone, <1 = slower)');
const e2e = rows.find((r) => r.set === sets[0].name && r.name === 'wasm engine (string in)');
const parse = rows.find((r) => r.set === sets[0].name && r.name === 'JSON.parse only');
console.log(`JSON.parse of the 200 x 50 page set: ${parse.mbs.toFixed(1)} MB/s`);
console.log(`TARGET 200 x 50 pages end to end in wasm (per-page swarm refresh, JS copies): ${e2e.mbs.toFixed(1)} MB/s, ` +
            `${e2e.vsParse.toFixed(3)}x JSON.parse (target >= 0.25x)`);

const gz = gzipSync(wasmBinary, { level: 9 }).length;
const glue = fs.statSync(path.join(ENGINE_DIR, 'swarmlens_engine.js')).size;
console.log(`\nswarmlens_engine.wasm: ${wasmBinary.length} bytes (${(wasmBinary.length / 1024).toFixed(1)} KiB), ` +
            `gzip -9 ${gz} bytes (${(gz / 1024).toFixed(1)} KiB); glue swarmlens_engine.js ${glue} bytes`);

if (NATIVE) {
  const report = JSON.parse(fs.readFileSync(NATIVE, 'utf8'));
  const native = report.benchmarks.find((b) => b.name === 'BM_PageSet_EndToEnd');
  if (!native) {
    console.log('\nno BM_PageSet_EndToEnd in the native results (SWARMLENS_BENCH_PAGES unset?)');
  } else {
    const small = rows.find((r) => r.set === sets[0].name && r.name === 'wasm engine (string in)');
    const nativeMbs = native.bytes_per_second / 1e6;
    console.log(`\nsame 200 x 50 page set, end to end: native ${nativeMbs.toFixed(1)} MB/s ` +
                `(${Math.round(native.accounts).toLocaleString('en-US')} accounts/s), wasm via JS ` +
                `${small.mbs.toFixed(1)} MB/s: native / wasm = ${(nativeMbs / small.mbs).toFixed(2)}x`);
    console.log(`TARGET wasm/native, 200 x 50 pages end to end: ${(nativeMbs / small.mbs).toFixed(2)}x (target <= 2x)`);
  }
}
engine.dispose();
