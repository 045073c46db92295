// engine.accounts(): the current result of a few accounts by username or pk, as ranked() shows them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, newEngine } from './helpers.mjs';

test('accounts() returns the named accounts once, in key order, as ranked() scores them', async () => {
  const engine = await newEngine();
  const r = engine.ingestComments(fs.readFileSync(path.join(ROOT, 'tests', 'data', 'comments', 'rest_v1_persian.json'), 'utf8'),
    { source: 'rest.json', post: 'p1' });
  assert.equal(r.ok, true);
  const ranked = new Map(engine.ranked().accounts.map((a) => [a.username, a]));
  const got = engine.accounts(['sample_fresh_38211904', { pk: '61000000101' }, 'nobody', { pk: '999' },
                               'sample_fresh_38211904']).accounts;
  assert.deepEqual(got.map((a) => a.username), ['sample_fresh_38211904', 'sample_azadi_101']);
  for (const a of got) assert.deepEqual(a, ranked.get(a.username));
  assert.deepEqual(engine.accounts([]).accounts, []);
  assert.throws(() => engine.accounts('x'), TypeError);
  assert.throws(() => engine.accounts([{ pk: '12a' }]), TypeError);
  assert.throws(() => engine.accounts(['a\nb']), TypeError);
});
