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
for (let round = 0; round < 3; round++) {
  const engine = await createEngine({ wasmBinary });
  const start = process.hrtime.bigint();
  let position = 0;
  for (const page of pages) {
    const r = engine.ingest(page, { list: 'followers', owner: 'bench', firstPosition: position });
    if (!r.ok) throw new Error(r.error.text);
    position += r.accounts.length;
  }
  const ranked = engine.ranked();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  best = Math.min(best, seconds);
  accounts = ranked.accounts.length;
  clusters = ranked.clusters.length;
  memory = engine.memoryBytes;
  engine.dispose();
}
console.log(`wasm: ${pages.length} pages, ${accounts} accounts, ${clusters} clusters in ${(best * 1000).toFixed(0)} ms ` +
            `(${Math.round(accounts / best).toLocaleString('en-US')} accounts/s), wasm memory ${(memory / 2 ** 20).toFixed(1)} MiB`);
if (nativePath) {
  const report = JSON.parse(fs.readFileSync(nativePath, 'utf8'));
  const native = report.benchmarks.find((b) => b.name.startsWith('BM_SwarmList/track_updates:1'));
  const nativeSeconds = native.real_time / 1000;  // Unit: ms
  console.log(`native, the same per-page path: ${(nativeSeconds * 1000).toFixed(0)} ms, peak RSS ${native.peak_rss_MiB.toFixed(0)} MiB; ` +
              `wasm / native time = ${(best / nativeSeconds).toFixed(2)}x`);
}
