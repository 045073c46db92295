// The case file through the wasm wrapper: save() returns a Uint8Array that load() takes back;
// a list continued after a load (a service-worker restart) ends as one uninterrupted run; a
// damaged or foreign case file is refused without changing the engine.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { ROOT, newEngine } from './helpers.mjs';

const examples = path.join(ROOT, 'examples', 'followers');
const pages = fs.readdirSync(examples).filter((f) => f.endsWith('.json')).sort()
  .map((f) => fs.readFileSync(path.join(examples, f), 'utf8'));
const comments = fs.readFileSync(path.join(ROOT, 'examples', 'comments', 'post_comments.json'), 'utf8');

function feed(engine, from, to) {
  const updated = [];
  for (let p = from; p < to; p++) {
    const r = engine.ingest(pages[p], { list: 'followers', owner: 'example_activist', firstPosition: p * 1000 });
    assert.equal(r.ok, true, JSON.stringify(r.error));
    updated.push(r.updated.map((a) => a.username).join(','));
  }
  return updated;
}

test('save() gives a Uint8Array that load() restores exactly', async () => {
  const engine = await newEngine();
  feed(engine, 0, pages.length);
  assert.equal(engine.ingestComments(comments).ok, true);
  const bytes = engine.save();
  assert.ok(bytes instanceof Uint8Array);
  assert.ok(bytes.length > 1000);
  const restored = await newEngine();
  const info = restored.load(bytes, { source: 'case.swl' });
  assert.equal(info.ok, true, JSON.stringify(info.error));
  assert.equal(info.version, 1);
  assert.equal(info.accounts, engine.size);
  assert.ok(info.threads >= 1);
  assert.deepEqual(restored.ranked(), engine.ranked());
  assert.deepEqual(restored.save(), bytes);
});

test('a list continued after a restart ends as one uninterrupted run', async () => {
  const whole = await newEngine();
  const before = await newEngine();
  const half = Math.floor(pages.length / 2);
  feed(whole, 0, half);
  feed(before, 0, half);
  const restarted = await newEngine();  // the worker was stopped: only the case file survives
  assert.equal(restarted.load(before.save()).ok, true);
  before.dispose();
  assert.deepEqual(feed(restarted, half, pages.length), feed(whole, half, pages.length));
  assert.deepEqual(restarted.flush(), whole.flush());
  assert.deepEqual(restarted.ranked(), whole.ranked());
});

test('a damaged, cut or foreign case file is refused and the engine kept', async () => {
  const engine = await newEngine();
  feed(engine, 0, 2);
  const bytes = engine.save();
  const ranked = engine.ranked();
  const damaged = bytes.slice();
  damaged[damaged.length - 30] ^= 1;
  const r = engine.load(damaged, { source: 'idb:case' });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'corrupt');
  assert.equal(r.error.source, 'idb:case');
  assert.match(r.error.message, /checksum mismatch/);
  assert.equal(engine.load(bytes.subarray(0, bytes.length - 1)).error.code, 'truncated');
  assert.equal(engine.load(new TextEncoder().encode('{"users":[]}')).error.code, 'corrupt');
  assert.equal(engine.load(new Uint8Array(0)).error.code, 'truncated');
  assert.throws(() => engine.load('not bytes'), TypeError);
  assert.deepEqual(engine.ranked(), ranked);
});
