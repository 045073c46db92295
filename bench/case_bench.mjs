// The case file through the wasm engine: save() and load() of the 100,000-account list of
// bench/list100k.scenario (the pages bench/swarm_list_bench.mjs reads), the wasm counterpart of
// bench/case_bench.cpp without pictures. Prints the size and the fastest of 3 saves and loads.
//
//   node bench/case_bench.mjs PAGES.jsonl     (scripts/bench makes PAGES.jsonl)
import { loadListBench } from './list_pages.mjs';

const { createEngine, wasmBinary, pages } = await loadListBench('node bench/case_bench.mjs PAGES.jsonl');
const engine = await createEngine({ wasmBinary });
let position = 0;
for (const page of pages) {
  const r = engine.ingest(page, { list: 'followers', owner: 'bench', firstPosition: position });
  if (!r.ok) throw new Error(r.error.text);
  position += r.accounts.length;
}
engine.flush();
const ms = (start) => Number(process.hrtime.bigint() - start) / 1e6;
let bytes = null;
let save = Infinity;
let load = Infinity;
for (let round = 0; round < 3; round++) {
  let start = process.hrtime.bigint();
  bytes = engine.save();
  save = Math.min(save, ms(start));
  const restored = await createEngine({ wasmBinary });
  start = process.hrtime.bigint();
  const info = restored.load(bytes);
  load = Math.min(load, ms(start));
  if (!info.ok) throw new Error(info.error.text);
  restored.dispose();
}
console.log(`wasm case file: ${engine.size} accounts, ${(bytes.length / 1048576).toFixed(1)} MiB, ` +
            `save ${save.toFixed(0)} ms, load ${load.toFixed(0)} ms`);
