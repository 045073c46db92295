// The generated glue is extension-safe (no eval / new Function) and the boundary is exactly the
// reviewed export list in wasm/exports.symbols.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { ROOT, ENGINE_DIR, engineFileText, loadRawModule, wasmBytes } from './helpers.mjs';

const symbols = fs.readFileSync(path.join(ROOT, 'wasm', 'exports.symbols'), 'utf8')
  .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

test('no eval or Function constructor in the glue or the wrapper', () => {
  for (const name of ['swarmlens_engine.js', 'swarmlens.js']) {
    const text = engineFileText(name);
    assert.ok(text.length > 0);
    assert.doesNotMatch(text, /\beval\s*\(/, `${name} calls eval`);
    assert.doesNotMatch(text, /\bnew\s+Function\b/, `${name} uses new Function`);
    assert.doesNotMatch(text, /[^.\w]Function\s*\(/, `${name} calls Function()`);
  }
});

test('the module exports every reviewed symbol as a function', async () => {
  const m = await loadRawModule();
  assert.ok(symbols.length >= 10);
  for (const s of symbols) assert.equal(typeof m[s], 'function', s);
});

test('the module exports nothing beyond the reviewed list', () => {
  // Export names are minified at -O3, so read the glue's Module["_name"] table instead, and check
  // the wasm's function-export count against it (the one extra is emscripten's constructor hook).
  const glue = engineFileText('swarmlens_engine.js');
  const named = [...new Set([...glue.matchAll(/Module\["(_\w+)"\]\s*=/g)].map((m) => m[1]))]
    .filter((n) => n !== '___wasm_call_ctors');
  assert.deepEqual(named.sort(), [...symbols].sort());
  const functions = WebAssembly.Module.exports(new WebAssembly.Module(wasmBytes()))
    .filter((e) => e.kind === 'function');
  assert.equal(functions.length, symbols.length + 1);
});

test('the wrapper calls only reviewed symbols and is the current source', () => {
  const wrapper = engineFileText('swarmlens.js');
  const used = new Set(wrapper.match(/\b_sl_\w+/g));
  for (const u of used) assert.ok(symbols.includes(u), `${u} is not in exports.symbols`);
  const source = fs.readFileSync(path.join(ROOT, 'wasm', 'swarmlens.js'), 'utf8');
  assert.equal(wrapper, source, `${ENGINE_DIR}/swarmlens.js is stale: run scripts/build wasm`);
});
