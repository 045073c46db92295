// Swarm detection through the wasm engine: clusters and updated accounts in ingest results,
// profile pictures added as decoded RGBA pixels (what the extension's background does).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, newEngine } from './helpers.mjs';

const EXAMPLES = path.join(ROOT, 'examples', 'followers');

function ingestExample(engine) {
  const pages = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
  let position = 0;
  let last = null;
  for (const name of pages) {
    last = engine.ingest(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'),
      { list: 'followers', owner: 'example_activist', source: name, firstPosition: position });
    assert.equal(last.ok, true, JSON.stringify(last.error));
    position += last.accounts.length;
  }
  return last;
}

/** A structured 64x64 RGBA picture (quarters, a disc, a gradient) seeded by `seed`. */
function picture(seed, noise = 0) {
  const w = 64;
  const h = 64;
  const data = new Uint8ClampedArray(w * h * 4);
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const colors = Array.from({ length: 4 }, () => [rnd() * 255, rnd() * 255, rnd() * 255]);
  const cx = 16 + rnd() * 32;
  const cy = 16 + rnd() * 32;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const q = (x < w / 2 ? 0 : 1) + (y < h / 2 ? 0 : 2);
      const inDisc = (x - cx) ** 2 + (y - cy) ** 2 < 140;
      const c = inDisc ? colors[(q + 1) % 4] : colors[q];
      const i = (y * w + x) * 4;
      const jitter = noise ? (((x * 31 + y * 17 + noise) % 7) - 3) : 0;
      data[i] = c[0] + x + jitter;
      data[i + 1] = c[1] + y + jitter;
      data[i + 2] = c[2] + jitter;
      data[i + 3] = 255;
    }
  }
  return { data, width: w, height: h };
}

test('ingest results carry the clusters of the list, and members carry swarm reasons', async () => {
  const engine = await newEngine();
  const last = ingestExample(engine);
  const kinds = new Set(last.clusters.map((c) => c.cluster_kind));
  assert.ok(kinds.has('cohort') && kinds.has('burst'), [...kinds].join());
  for (const c of last.clusters) {
    assert.equal(c.kind, 'cluster');
    assert.equal(c.owner, 'example_activist');
    assert.equal(c.members, undefined, 'the per-page summary leaves members out');
  }
  const ranked = engine.ranked();
  const cohort = ranked.clusters.find((c) => c.cluster_kind === 'cohort');
  assert.equal(cohort.members.length, cohort.size);
  const member = ranked.accounts.find((a) => a.username === cohort.members[0]);
  assert.ok(member.reasons.some((r) => r.code === 'swarm_cohort' && /same narrow id range/.test(r.text)));
  assert.ok(engine.constants.reasons.some((r) => r.code === 'swarm_shared_avatar'));
  assert.deepEqual(engine.constants.cluster_kinds,
    ['cohort', 'burst', 'username_template', 'display_name', 'shared_avatar']);
});

test('a page that grows a cluster reports the earlier members it changed as updated', async () => {
  const engine = await newEngine();
  const pages = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.json')).sort();
  let position = 0;
  let updatedTotal = 0;
  for (const name of pages) {
    const r = engine.ingest(fs.readFileSync(path.join(EXAMPLES, name), 'utf8'),
      { list: 'followers', owner: 'o', firstPosition: position });
    position += r.accounts.length;
    const page = new Set(r.accounts.map((a) => a.username));
    for (const a of r.updated) assert.ok(!page.has(a.username), 'updated lists accounts outside the page');
    updatedTotal += r.updated.length;
  }
  assert.ok(updatedTotal > 0, 'clusters found on later pages re-score earlier accounts');
});

test('addAvatar: near-identical pictures cluster, unknown users and flat images are errors', async () => {
  const engine = await newEngine();
  ingestExample(engine);
  const lows = engine.ranked().accounts.filter((a) => a.level === 'low').map((a) => a.username);
  const organic = lows.slice(0, 5);
  const results = organic.map((u, i) => engine.addAvatar(u, picture(42, i)));
  for (const r of results) assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.ok(results[0].quality >= 50, `quality ${results[0].quality}`);
  assert.equal(results[4].status, 'clustered');
  assert.equal(results[4].cluster_size, 5);
  assert.ok(results[4].updated.length >= 1);
  const shared = results[4].clusters.find((c) => c.cluster_kind === 'shared_avatar' && c.size === 5);
  assert.ok(shared, 'a shared-picture cluster of the five');
  const member = engine.ranked().accounts.find((a) => a.username === organic[0]);
  const reason = member.reasons.find((r) => r.code === 'swarm_shared_avatar');
  assert.equal(reason.text, 'one of 5 accounts of this list using the same profile picture');
  // A different picture does not join.
  const other = engine.addAvatar(engine.ranked().accounts.at(-1).username, picture(7));
  assert.equal(other.ok, true);
  assert.equal(other.status, 'unique');

  const unknown = engine.addAvatar('nobody_here', picture(1));
  assert.equal(unknown.ok, false);
  assert.equal(unknown.error.code, 'invalid_argument');
  const flat = { data: new Uint8ClampedArray(32 * 32 * 4).fill(200), width: 32, height: 32 };
  const f = engine.addAvatar(lows[6], flat);
  assert.ok(f.ok === false || f.status === 'low_quality', JSON.stringify(f).slice(0, 200));
  assert.throws(() => engine.addAvatar(organic[0], { data: new Uint8Array(10), width: 4, height: 4 }), TypeError);
});

test('page results, updated and flush() together give every badge its final state', async () => {
  // A 3,050-account list whose swarm arrives on the last pages: on a list this large the engine
  // defers the swarm analysis between pages, and flush() must deliver what is left.
  const engine = await newEngine();
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const users = [];
  for (let i = 0; i < 2950; i++) {
    users.push({ pk: String(1e9 + Math.floor(rnd() * 6e10)), username: `person_${i}_${Math.floor(rnd() * 1e4)}x`,
      full_name: `Person ${i}`, is_private: rnd() < 0.3, has_anonymous_profile_picture: false, latest_reel_media: 0 });
  }
  for (let i = 0; i < 100; i++) {
    users.push({ pk: String(79100000000 + i * 37), username: `vatan_${100000 + Math.floor(rnd() * 899999)}`,
      full_name: '', is_private: true, has_anonymous_profile_picture: true, latest_reel_media: 0 });
  }
  const last = new Map();
  const remember = (accounts) => { for (const a of accounts) last.set(a.username, a); };
  for (let p = 0; p < users.length / 50; p++) {
    const page = JSON.stringify({ users: users.slice(p * 50, p * 50 + 50) });
    const r = engine.ingest(page, { list: 'followers', owner: 'o', firstPosition: p * 50 });
    assert.equal(r.ok, true);
    remember(r.accounts);
    remember(r.updated);
  }
  const flushed = engine.flush();
  assert.equal(flushed.ok, true);
  assert.ok(flushed.updated.length > 0, 'the last pages were waiting for their analysis');
  remember(flushed.updated);
  const final = engine.ranked();
  assert.ok(final.clusters.some((c) => c.cluster_kind === 'cohort' && c.size >= 100));
  for (const a of final.accounts) {
    const shown = last.get(a.username);
    assert.equal(shown.level, a.level, a.username);
    assert.deepEqual(shown.reasons.map((r) => r.code), a.reasons.map((r) => r.code), a.username);
  }
  assert.deepEqual(engine.flush().updated, [], 'nothing left after a flush');
});
