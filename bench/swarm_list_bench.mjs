// The whole list path through the wasm engine, on the same pages as bench/swarm_list_bench.cpp:
// every page ingested (text in, scored accounts and cluster summaries out, copies across the
// boundary included), then ranked() once. Prints accounts/s, the wasm memory size, and the
// native / wasm ratio when given the native Google Benchmark JSON.
//
//   node bench/swarm_list_bench.mjs PAGES.jsonl [native.json]
import fs from 'node:fs';
import { loadListBench } from './list_pages.mjs';

const { createEngine, wasmBinary, pages, args } =
  await loadListBench('node bench/swarm_list_bench.mjs PAGES.jsonl [native.json]');
const nativePath = args[1];

let best = Infinity;
let accounts = 0;
let clusters = 0;
let memory = 0;
let pageMs = [];
for (let round = 0; round < 3; round++) {
  const engine = await createEngine({ wasmBinary });
  const start = process.hrtime.bigint();
  let position = 0;
  const ms = [];
  for (const page of pages) {
    const t = process.hrtime.bigint();
    const r = engine.ingest(page, { list: 'followers', owner: 'bench', firstPosition: position });
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (!r.ok) throw new Error(r.error.text);
    position += r.accounts.length;
  }
  const ranked = engine.ranked();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (seconds < best) pageMs = ms;
  best = Math.min(best, seconds);
  accounts = ranked.accounts.length;
  clusters = ranked.clusters.length;
  memory = engine.memoryBytes;
  engine.dispose();
}
console.log(`wasm: ${pages.length} pages, ${accounts} accounts, ${clusters} clusters in ${(best * 1000).toFixed(0)} ms ` +
            `(${Math.round(accounts / best).toLocaleString('en-US')} accounts/s), wasm memory ${(memory / 2 ** 20).toFixed(1)} MiB`);
// Mean page time (refresh included, amortised over 40 pages) early (1,000-3,000 members) and
// over the last 40 pages, as bench/swarm_list_bench.cpp measures it natively.
const mean = (a) => a.reduce((x, y) => x + y, 0) / Math.max(1, a.length);
const early = mean(pageMs.slice(20, 60));
const late = mean(pageMs.slice(-40));
const lateMax = Math.max(...pageMs.slice(-40));
console.log(`wasm per page: ${early.toFixed(2)} ms at 1k-3k members, ${late.toFixed(2)} ms over the last 40 pages ` +
            `(largest ${lateMax.toFixed(1)} ms): ${(late / early).toFixed(2)}x (target <= 2x)`);
if (nativePath) {
  const report = JSON.parse(fs.readFileSync(nativePath, 'utf8'));
  const native = report.benchmarks.find((b) => b.name.startsWith('BM_SwarmList/track_updates:1'));
  const batch = report.benchmarks.find((b) => b.name.startsWith('BM_SwarmList/track_updates:0'));
  const nativeSeconds = native.real_time / 1000;  // Unit: ms
  const batchSeconds = batch.real_time / 1000;
  console.log(`native, the same per-page path: ${(nativeSeconds * 1000).toFixed(0)} ms, peak RSS ${native.peak_rss_MiB.toFixed(0)} MiB; ` +
              `wasm / native time = ${(best / nativeSeconds).toFixed(2)}x`);
  console.log(`native per page: ${native.page_ms_1k.toFixed(2)} ms at 1k-3k members, ${native.page_ms_last.toFixed(2)} ms ` +
              `over the last 40 pages (largest ${native.page_max_ms_last.toFixed(1)} ms): ` +
              `${(native.page_ms_last / native.page_ms_1k).toFixed(2)}x`);
  console.log(`TARGET list scrolled page by page in wasm: ${(best * 1000).toFixed(0)} ms (target <= 2000 ms), ` +
              `${(best / batchSeconds).toFixed(2)}x the native batch of ${(batchSeconds * 1000).toFixed(0)} ms (target <= 2x)`);
}
