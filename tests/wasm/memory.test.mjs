// The wrapper's alloc/free discipline: 2,000 calls on one engine must not grow wasm memory after
// warm-up. Every buffer the wrapper allocates is ~3x a 100-user page (~100 KB), so one leaked
// buffer per call would need ~200 MB more memory and grow the heap many times over.
import assert from 'node:assert/strict';
import test from 'node:test';
import { newEngine, syntheticPage } from './helpers.mjs';

test('memory stays bounded over 2,000 ingest calls of the same page', async () => {
  const engine = await newEngine();
  const page = syntheticPage(100);
  const pageBytes = new TextEncoder().encode(page);
  const broken = page.slice(0, page.length - 10);
  const opts = { list: 'followers', owner: 'memory_owner', source: 'https://example.test/p' };
  const warm = () => {
    assert.equal(engine.ingest(page, opts).ok, true);
    assert.equal(engine.ingest(pageBytes, opts).ok, true);
    assert.equal(engine.ingest(broken, opts).ok, false);
    assert.equal(engine.ranked().accounts.length, 100);
  };
  for (let i = 0; i < 20; i++) warm();
  const after = engine.memoryBytes;
  for (let i = 0; i < 500; i++) warm(); // 2,000 calls in all.
  assert.equal(engine.size, 100);
  assert.equal(engine.memoryBytes, after, 'wasm memory grew: a buffer is leaked');
});
