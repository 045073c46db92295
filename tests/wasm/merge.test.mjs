// Accounts merge across pages and lists: one record per pk (else username), sightings kept.
import assert from 'node:assert/strict';
import test from 'node:test';
import { newEngine, sample, syntheticPage } from './helpers.mjs';

test('the same page twice gives one account per pk', async () => {
  const engine = await newEngine();
  const page = sample('friendships_followers_v1.json');
  const first = engine.ingest(page, { list: 'followers', owner: 'o' });
  const second = engine.ingest(page, { list: 'followers', owner: 'o' });
  assert.equal(first.new_accounts, 2);
  assert.equal(second.ok, true);
  assert.equal(second.new_accounts, 0);
  assert.equal(second.total_accounts, 2);
  assert.equal(engine.size, 2);
  const ranked = engine.ranked();
  assert.equal(ranked.accounts.length, 2);
  // Re-reading the same (list, owner) updates the sighting instead of adding one.
  for (const a of ranked.accounts) assert.equal(a.lists.length, 1);
});

test('a later page updates fields of the same pk and adds a sighting for another list', async () => {
  const engine = await newEngine();
  const a = JSON.stringify({ users: [{ pk: '123456789', username: 'first_name_x', full_name: 'Old' }] });
  const b = JSON.stringify({ users: [{ pk: 123456789, username: 'renamed_x', full_name: 'New ✓ نام' }] });
  assert.equal(engine.ingest(a, { list: 'followers', owner: 'alice' }).ok, true);
  const r = engine.ingest(b, { list: 'following', owner: 'bob', firstPosition: 7 });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.new_accounts, 0);
  assert.equal(engine.size, 1);
  const [acc] = engine.ranked().accounts;
  assert.equal(acc.pk, '123456789');
  assert.equal(acc.username, 'renamed_x');
  assert.equal(acc.full_name, 'New ✓ نام');
  assert.deepEqual(acc.lists.map((l) => [l.list, l.owner, l.position]),
                   [['followers', 'alice', 0], ['following', 'bob', 7]]);
});

test('accounts without pk merge by username (DYI export after a REST page)', async () => {
  const engine = await newEngine();
  const rest = JSON.stringify({ users: [{ pk: '42', username: 'sample_follower_a', full_name: 'A' }] });
  engine.ingest(rest, { list: 'followers', owner: 'me' });
  const r = engine.ingest(sample('dyi_followers_1.json'), { owner: 'me' });
  assert.equal(r.ok, true);
  assert.equal(r.new_accounts, 1, 'sample_follower_a was known, sample_follower_b is new');
  assert.equal(engine.size, 2);
  const a = engine.ranked().accounts.find((x) => x.username === 'sample_follower_a');
  assert.equal(a.pk, '42');
  assert.equal(a.full_name, 'A');
});

test('pages accumulate; clear() forgets everything', async () => {
  const engine = await newEngine();
  for (let p = 0; p < 5; p++) {
    const r = engine.ingest(syntheticPage(50, 80000000000 + p * 50), {
      list: 'followers', owner: 'o', firstPosition: p * 50 });
    assert.equal(r.ok, true);
    assert.equal(r.new_accounts, 50);
    assert.equal(r.total_accounts, (p + 1) * 50);
  }
  assert.equal(engine.size, 250);
  const ranked = engine.ranked().accounts;
  assert.equal(ranked.length, 250);
  for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].score >= ranked[i].score);
  engine.clear();
  assert.equal(engine.size, 0);
  assert.deepEqual(engine.ranked(), { ok: true, accounts: [], clusters: [] });
});
