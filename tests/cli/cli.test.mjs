// The CLI's contract: formats, exit codes, errors on stderr with the valid inputs still reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const cli = process.env.SWARMLENS_CLI ?? path.join(root, 'build/native/cli/swarmlens');
const samples = path.join(root, 'tests/data/instagram-samples');
const examples = path.join(root, 'examples/followers');

function run(args, input) {
  const r = spawnSync(cli, args, { input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
const jsonl = (out) => out.trim().split('\n').map((line) => JSON.parse(line));

test('--help explains the command and exits 0', () => {
  const r = run(['--help']);
  assert.equal(r.code, 0);
  for (const word of ['analyze', '--format', 'jsonl', 'csv', 'Exit status']) assert.match(r.out, new RegExp(word));
});

test('bad usage exits 2 with a message', () => {
  for (const args of [[], ['frobnicate'], ['analyze'], ['analyze', '--format', 'xml', 'x'], ['analyze', '--bogus', 'x'],
    ['analyze', '--list', 'friends', 'x'], ['analyze', '--limit', '-3', 'x']]) {
    const r = run(args);
    assert.equal(r.code, 2, `args ${args.join(' ')}`);
    assert.match(r.err, /swarmlens: /);
  }
});

test('jsonl: one object per account with the documented fields, ranked', () => {
  const r = run(['analyze', '--format', 'jsonl', '--list', 'followers', '--owner', 'example_activist', examples]);
  assert.equal(r.code, 0, r.err);
  const rows = jsonl(r.out);
  assert.ok(rows.length > 300);
  for (const row of rows) {
    assert.equal(row.kind, 'account');
    assert.equal(typeof row.username, 'string');
    assert.ok(row.pk === null || /^\d+$/.test(row.pk));
    assert.ok(row.score >= 0 && row.score <= 1);
    assert.ok(['low', 'medium', 'high'].includes(row.level));
    assert.ok(Array.isArray(row.reasons));
    for (const reason of row.reasons) {
      assert.equal(typeof reason.code, 'string');
      assert.equal(typeof reason.weight, 'number');
      assert.equal(typeof reason.text, 'string');
    }
    assert.equal(row.lists[0].owner, 'example_activist');
    assert.equal(row.lists[0].list, 'followers');
  }
  for (let i = 1; i < rows.length; i++) assert.ok(rows[i - 1].score >= rows[i].score, 'ranked by score');
  // Positions continue across the pages of one list.
  const positions = rows.map((row) => row.lists[0].position).sort((a, b) => a - b);
  assert.deepEqual(positions, positions.map((_, i) => i));
});

test('the swarm of the bundled example ranks on top', () => {
  const labels = new Map(readFileSync(path.join(root, 'examples/labels.csv'), 'utf8').trim().split('\n').slice(1)
    .map((line) => line.split(',')).map(([, username, label]) => [username, label]));
  const rows = jsonl(run(['analyze', '--format', 'jsonl', examples]).out);
  const swarm = [...labels.values()].filter((l) => l === 'swarm').length;
  const top = rows.slice(0, swarm).filter((row) => labels.get(row.username) === 'swarm').length;
  assert.ok(top >= swarm * 0.9, `${top} of ${swarm} swarm accounts in the top ${swarm}`);
  const organicHigh = rows.filter((row) => labels.get(row.username) === 'organic' && row.level === 'high').length;
  assert.ok(organicHigh <= 3, `${organicHigh} organic followers marked high`);
});

test('table: ranked rows and a summary', () => {
  const r = run(['analyze', '--limit', '5', examples]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[0], /^RANK\s+LEVEL\s+SCORE\s+USERNAME/);
  assert.match(lines[1], /^1\s+high\s/);
  assert.match(r.out, /more \(use --limit\)/);
  assert.match(r.out, /accounts from 8 inputs: \d+ high, \d+ medium, \d+ low/);
});

test('table output never carries terminal escapes from attacker text', () => {
  const page = JSON.stringify({ users: [{ pk: '1', username: 'evil', full_name: '\u001b]0;pwned\u0007\u001b[31mred' }] });
  const r = run(['analyze', '-'], page);
  assert.equal(r.code, 0, r.err);
  assert.ok(!r.out.includes('\u001b'), 'no ESC in the table');
});

test('csv: header and quoted cells', () => {
  const r = run(['analyze', '--format', 'csv', path.join(samples, 'friendships_followers_v1.json')]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\r\n');
  assert.equal(lines[0], 'rank,username,pk,full_name,score,level,reasons');
  assert.match(lines[1], /^1,"user8815263094",20000000002,"",/);
});

test('reads every sample shape, from files and from stdin', () => {
  for (const name of ['friendships_followers_v1.json', 'graphql_followers_xdt.json', 'graphql_edge_followed_by_legacy.json',
    'dyi_followers_1.json', 'dyi_following.json']) {
    const file = path.join(samples, name);
    const a = run(['analyze', '--format', 'jsonl', file]);
    assert.equal(a.code, 0, `${name}: ${a.err}`);
    assert.ok(jsonl(a.out).length >= 1, name);
    const b = run(['analyze', '--format', 'jsonl', '-'], readFileSync(file));
    assert.equal(b.out, a.out, `${name} via stdin`);
  }
});

test('bad input exits 1, names file and byte offset, and still reports the valid inputs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarmlens-cli-'));
  const truncated = path.join(dir, 'truncated.json');
  const text = readFileSync(path.join(samples, 'friendships_followers_v1.json'), 'utf8');
  writeFileSync(truncated, text.slice(0, 700));
  const good = path.join(samples, 'graphql_followers_xdt.json');
  const r = run(['analyze', '--format', 'jsonl', truncated, good, path.join(dir, 'missing.json')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /truncated\.json: byte \d+: .*\(truncated\)/);
  assert.match(r.err, /missing\.json: cannot read/);
  const rows = jsonl(r.out);
  assert.deepEqual(rows.map((row) => row.username).sort(), ['sample_user_c', 'sample_user_d']);
});

test('valid JSON of an unknown shape is an error, not an empty result', () => {
  const r = run(['analyze', '-'], '{"hello": [1, 2, 3]}');
  assert.equal(r.code, 1);
  assert.match(r.err, /<stdin>: byte \d+: .*\(unknown_shape\)/);
});
