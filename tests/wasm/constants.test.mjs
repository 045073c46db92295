// Levels, reason codes and their texts, shapes and list kinds come from the core (ConstantsJson);
// the wrapper hard-codes none of them.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import test from 'node:test';
import { ROOT, newEngine } from './helpers.mjs';

test('constants describe the core model', async () => {
  const { constants } = await newEngine();
  assert.equal(typeof constants.version, 'string');
  assert.deepEqual(constants.levels, ['low', 'medium', 'high']);
  assert.ok(constants.reasons.length >= 3);
  const codes = new Set();
  for (const r of constants.reasons) {
    assert.match(r.code, /^[a-z][a-z0-9_]*$/);
    assert.ok(r.description.length > 0);
    assert.ok(!codes.has(r.code), `duplicate reason ${r.code}`);
    codes.add(r.code);
  }
  for (const s of ['friendships_v1', 'graphql_xdt', 'graphql_edge_legacy', 'dyi_followers', 'dyi_following']) {
    assert.ok(constants.shapes.includes(s), s);
  }
  assert.ok(constants.lists.includes('followers') && constants.lists.includes('following'));
  assert.ok(constants.thresholds.medium > 0 && constants.thresholds.medium < constants.thresholds.high);
  assert.ok(constants.thresholds.high <= 1);
  assert.ok(Object.isFrozen(constants));
});

test('the wrapper hard-codes no level, reason or shape name', async () => {
  const { constants } = await newEngine();
  const wrapper = fs.readFileSync(path.join(ROOT, 'wasm', 'swarmlens.js'), 'utf8')
    .replace(/^\s*(\/\/|\*|\/\*\*).*$/gm, ''); // Comments may mention them.
  const names = [...constants.levels, ...constants.reasons.map((r) => r.code), ...constants.shapes,
                 'followers', 'following'];
  for (const n of names) {
    assert.ok(!wrapper.includes(`'${n}'`) && !wrapper.includes(`"${n}"`), `swarmlens.js mentions ${n}`);
  }
});
