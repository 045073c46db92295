// Each follower / following sample goes through the wasm engine and comes back with its fields.
import assert from 'node:assert/strict';
import test from 'node:test';
import { newEngine, sample } from './helpers.mjs';

function byName(accounts) {
  return new Map(accounts.map((a) => [a.username, a]));
}

function checkAccountShape(engine, a) {
  assert.equal(a.kind, 'account');
  assert.equal(typeof a.username, 'string');
  assert.ok(a.pk === null || /^[0-9]+$/.test(a.pk), `pk ${a.pk}`);
  assert.ok(a.score >= 0 && a.score <= 1, `score ${a.score}`);
  assert.ok(engine.constants.levels.includes(a.level), `level ${a.level}`);
  const codes = new Set(engine.constants.reasons.map((r) => r.code));
  for (const r of a.reasons) {
    assert.ok(codes.has(r.code), `reason ${r.code} is in the core's catalog`);
    assert.equal(typeof r.weight, 'number');
    assert.equal(typeof r.text, 'string');
  }
  assert.ok(Array.isArray(a.lists) && a.lists.length >= 1);
}

test('REST friendships followers page', async () => {
  const engine = await newEngine();
  const r = engine.ingest(sample('friendships_followers_v1.json'), {
    list: 'followers', owner: 'sample_owner', source: 'friendships_followers_v1.json',
    seenAt: 1710000000, firstPosition: 24,
  });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.shape, 'friendships_v1');
  assert.equal(r.list, 'followers');
  assert.equal(r.next_cursor, 'QVFEU0FNUExFX0NVUlNPUl9PUEFRVUU=');
  assert.equal(r.new_accounts, 2);
  assert.equal(r.total_accounts, 2);
  assert.deepEqual(r.accounts.map((a) => a.username), ['sample_user_a', 'user8815263094']);
  for (const a of r.accounts) checkAccountShape(engine, a);
  const [a, b] = r.accounts;
  assert.equal(a.pk, '10000000001');
  assert.equal(a.full_name, 'Sample User A');
  assert.equal(a.private, false);
  assert.equal(a.verified, false);
  assert.equal(a.anonymous_avatar, false);
  assert.deepEqual(a.lists, [{ list: 'followers', owner: 'sample_owner', position: 24 }]);
  assert.equal(b.pk, '20000000002');
  assert.equal(b.private, true);
  assert.equal(b.anonymous_avatar, true);
  assert.deepEqual(b.lists, [{ list: 'followers', owner: 'sample_owner', position: 25 }]);
  assert.equal(engine.size, 2);
});

test('GraphQL XDT followers page', async () => {
  const engine = await newEngine();
  const r = engine.ingest(sample('graphql_followers_xdt.json'), { list: 'followers', owner: 'o' });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.ok(engine.constants.shapes.includes(r.shape));
  assert.equal(r.shape, 'graphql_xdt');
  assert.equal(r.next_cursor, null);
  const m = byName(r.accounts);
  assert.deepEqual([...m.keys()], ['sample_user_c', 'sample_user_d']);
  for (const a of r.accounts) checkAccountShape(engine, a);
  assert.equal(m.get('sample_user_c').pk, '30000000003');
  assert.equal(m.get('sample_user_c').anonymous_avatar, true);
  assert.equal(m.get('sample_user_d').full_name, 'Sample User D');
  assert.equal(m.get('sample_user_d').private, false);
});

test('legacy GraphQL edge_followed_by page implies the followers list', async () => {
  const engine = await newEngine();
  const r = engine.ingest(sample('graphql_edge_followed_by_legacy.json'), { owner: 'o' });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.shape, 'graphql_edge_legacy');
  assert.equal(r.list, 'followers');
  assert.equal(r.next_cursor, 'QVFTQU1QTEVfRU5EX0NVUlNPUg==');
  assert.equal(r.accounts.length, 1);
  checkAccountShape(engine, r.accounts[0]);
  assert.equal(r.accounts[0].username, 'sample_user_e');
  assert.equal(r.accounts[0].pk, '50000000005');
  assert.equal(r.accounts[0].full_name, 'Sample User E');
});

test('DYI followers and following exports', async () => {
  const engine = await newEngine();
  const f = engine.ingest(sample('dyi_followers_1.json'), { source: 'followers_1.json' });
  assert.equal(f.ok, true, JSON.stringify(f.error));
  assert.equal(f.shape, 'dyi_followers');
  assert.equal(f.list, 'followers');
  assert.deepEqual(f.accounts.map((a) => a.username), ['sample_follower_a', 'sample_follower_b']);
  for (const a of f.accounts) {
    checkAccountShape(engine, a);
    assert.equal(a.pk, null, 'DYI exports carry no pk');
    assert.equal(a.private, null, 'unknown stays unknown (null), not false');
  }
  const g = engine.ingest(sample('dyi_following.json'), { source: 'following.json' });
  assert.equal(g.ok, true, JSON.stringify(g.error));
  assert.equal(g.shape, 'dyi_following');
  assert.equal(g.list, 'following');
  assert.deepEqual(g.accounts.map((a) => a.username), ['sample_followed_c']);
  assert.equal(engine.size, 3);
});

test('a Uint8Array payload gives the same result as the string', async () => {
  const text = sample('friendships_followers_v1.json');
  const e1 = await newEngine();
  const e2 = await newEngine();
  const opts = { list: 'followers', owner: 'x', seenAt: 1710000000 };
  assert.deepEqual(e2.ingest(new TextEncoder().encode(text), opts), e1.ingest(text, opts));
});

test('non-follower payloads are reported, not guessed', async () => {
  const engine = await newEngine();
  const r = engine.ingest(sample('media_comments_v1.json'), { source: 'comments.json' });
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'unknown_shape');
  assert.equal(engine.size, 0);
});
