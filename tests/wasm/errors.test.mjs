// Bad input is a value ({ok:false, error}) that says what and where, and never changes the engine.
import assert from 'node:assert/strict';
import test from 'node:test';
import { newEngine, sample } from './helpers.mjs';

const PAGE = sample('friendships_followers_v1.json');

async function primedEngine() {
  const engine = await newEngine();
  const r = engine.ingest(sample('graphql_followers_xdt.json'), { list: 'followers', owner: 'o' });
  assert.equal(r.ok, true);
  return engine;
}

function assertUnchanged(engine, before) {
  assert.equal(engine.size, before.size);
  assert.deepEqual(engine.ranked(), before.ranked);
}

test('truncated input: code, source, offset, text', async () => {
  const engine = await primedEngine();
  const before = { size: engine.size, ranked: engine.ranked() };
  // Cut inside the second user: the first user parsed fine, yet nothing may be merged.
  const cut = PAGE.slice(0, PAGE.indexOf('user8815263094'));
  const r = engine.ingest(cut, { list: 'followers', source: 'https://example.test/page?2' });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'truncated');
  assert.equal(r.error.source, 'https://example.test/page?2');
  assert.equal(typeof r.error.offset, 'number');
  assert.ok(r.error.offset <= cut.length, `offset ${r.error.offset} within ${cut.length} bytes`);
  assert.equal(typeof r.error.message, 'string');
  assert.ok(r.error.message.length > 0);
  assert.ok(r.error.text.includes('https://example.test/page?2'), r.error.text);
  assert.ok(r.error.text.includes(String(r.error.offset)), r.error.text);
  assertUnchanged(engine, before);
});

test('malformed input reports the byte offset of the problem', async () => {
  const engine = await primedEngine();
  const before = { size: engine.size, ranked: engine.ranked() };
  const bad = PAGE.replace('"is_private": true', '"is_private": tru!');
  const r = engine.ingest(bad, { source: 'bad.json' });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'malformed_json');
  assert.equal(r.error.source, 'bad.json');
  const at = bad.indexOf('tru!');
  assert.ok(r.error.offset >= PAGE.indexOf('"is_private": true') && r.error.offset <= at + 4,
            `offset ${r.error.offset} near byte ${at}`);
  assertUnchanged(engine, before);
});

test('a wrongly typed field is an error, not half a page', async () => {
  const engine = await primedEngine();
  const before = { size: engine.size, ranked: engine.ranked() };
  const r = engine.ingest('{"users": {"pk": "1"}}', { source: 'typed.json' });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'unexpected_type');
  assertUnchanged(engine, before);
});

test('empty, non-JSON and binary input', async () => {
  const engine = await primedEngine();
  const before = { size: engine.size, ranked: engine.ranked() };
  for (const input of ['', '   ', '<!DOCTYPE html><html>', 'null', '[1,2', new Uint8Array([0xff, 0xfe, 0, 1])]) {
    const r = engine.ingest(input, { source: 's' });
    assert.equal(r.ok, false, `input ${JSON.stringify(String(input))}`);
    assert.ok(['malformed_json', 'truncated', 'unknown_shape', 'unexpected_type'].includes(r.error.code),
              r.error.code);
    assert.equal(r.error.source, 's');
  }
  assertUnchanged(engine, before);
});

test('programming errors throw TypeError and leave the engine alone', async () => {
  const engine = await primedEngine();
  const size = engine.size;
  assert.throws(() => engine.ingest(42), TypeError);
  assert.throws(() => engine.ingest(null), TypeError);
  assert.throws(() => engine.ingest({ users: [] }), TypeError);
  assert.throws(() => engine.ingest(PAGE, null), TypeError);
  assert.throws(() => engine.ingest(PAGE, { list: 'friends' }), TypeError);
  assert.throws(() => engine.ingest(PAGE, { owner: 7 }), TypeError);
  assert.throws(() => engine.ingest(PAGE, { seenAt: NaN }), TypeError);
  assert.throws(() => engine.ingest(PAGE, { seenAt: '1710000000' }), TypeError);
  assert.throws(() => engine.ingest(PAGE, { firstPosition: -1 }), TypeError);
  assert.throws(() => engine.ingest(PAGE, { firstPosition: 1.5 }), TypeError);
  assert.equal(engine.size, size);
});

test('a disposed engine refuses calls', async () => {
  const engine = await newEngine();
  engine.dispose();
  engine.dispose();
  assert.throws(() => engine.ingest(PAGE), /disposed/);
  assert.throws(() => engine.ranked(), /disposed/);
  assert.throws(() => engine.size, /disposed/);
});
