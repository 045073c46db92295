// End to end through the boundary: a bot-like account ranks above an organic one, and text the
// accounts wrote (quotes, newlines, U+2028, Persian) survives the round trip unchanged.
import assert from 'node:assert/strict';
import test from 'node:test';
import { newEngine, sample } from './helpers.mjs';

test('the bot-like sample ranks above the organic one', async () => {
  const engine = await newEngine();
  engine.ingest(sample('friendships_followers_v1.json'), { list: 'followers', owner: 'o' });
  const { accounts } = engine.ranked();
  const names = accounts.map((a) => a.username);
  assert.ok(names.indexOf('user8815263094') < names.indexOf('sample_user_a'), names.join(','));
  const bot = accounts.find((a) => a.username === 'user8815263094');
  const organic = accounts.find((a) => a.username === 'sample_user_a');
  assert.ok(bot.score > organic.score, `${bot.score} > ${organic.score}`);
  assert.ok(bot.reasons.length > 0);
  assert.ok(bot.reasons.some((r) => r.code.includes('avatar')), JSON.stringify(bot.reasons));
  // Reasons come strongest first.
  for (let i = 1; i < bot.reasons.length; i++) {
    assert.ok(Math.abs(bot.reasons[i - 1].weight) >= Math.abs(bot.reasons[i].weight));
  }
});

test('attacker-written text round-trips exactly', async () => {
  const engine = await newEngine();
  const names = ['quote " back \\ slash', 'line\nbreak\ttab', 'sep\u2028\u2029', 'سارا رضایی 🌹',
                 '<img src=x onerror=alert(1)>', '=HYPERLINK("x")'];
  const page = JSON.stringify({
    users: names.map((full_name, i) => ({ pk: String(900 + i), username: `text_case_${i}`, full_name })),
  });
  const r = engine.ingest(page, { list: 'followers', owner: 'o' });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.deepEqual(r.accounts.map((a) => a.full_name), names);
});
