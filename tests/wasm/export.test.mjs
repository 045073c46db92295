// The case export through the wasm wrapper: exportCase gives the CLI's report files, exportBundle
// a zip any unzip reads whose manifest verifies, openBundle the same case in a separate engine
// (same report, byte for byte), and a tampered bundle is refused naming the file.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { ROOT, newEngine, storedZipEntries as unzip } from './helpers.mjs';

const examples = path.join(ROOT, 'examples', 'followers');
const pages = fs.readdirSync(examples).filter((f) => f.endsWith('.json')).sort()
  .map((f) => fs.readFileSync(path.join(examples, f)));
const comments = fs.readFileSync(path.join(ROOT, 'examples', 'comments', 'post_comments.json'));
const cli = path.join(ROOT, 'build', 'native', 'cli', 'swarmlens');
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const decoder = new TextDecoder();

async function capturedCase() {
  const engine = await newEngine();
  let position = 0;
  for (const page of pages) {
    const r = engine.ingest(page, { list: 'followers', owner: 'example_activist', firstPosition: position, seenAt: 1767323046 });
    assert.equal(r.ok, true, JSON.stringify(r.error));
    position += r.accounts.length;
  }
  assert.equal(engine.ingestComments(decoder.decode(comments)).ok, true);
  engine.flush();
  return { engine, payloads: [...pages, comments].map((b) => new Uint8Array(b)) };
}


test('exportCase gives the report files with a manifest that verifies', async () => {
  const { engine } = await capturedCase();
  const r = engine.exportCase({ generatedAt: 1767400000 });
  assert.equal(r.ok, true);
  assert.deepEqual(r.files.map((f) => f.name), ['report.html', 'accounts.csv', 'comments.csv', 'case.json', 'SHA256SUMS']);
  const byName = Object.fromEntries(r.files.map((f) => [f.name, f.content]));
  assert.match(byName['report.html'], /<h2>Swarms<\/h2>/);
  assert.match(byName['report.html'], /2026-01-03 00:26 UTC/);  // generatedAt
  assert.doesNotMatch(byName['report.html'], /<script|src=|href=/);
  assert.ok(JSON.parse(byName['case.json']).clusters.length > 0);
  const expected = r.files.slice(0, -1).map((f) => `${sha256(f.content)}  ${f.name}\n`).join('');
  assert.equal(byName.SHA256SUMS, expected);
  assert.ok(r.counts.flagged_accounts > 0);
  assert.throws(() => engine.exportCase({ generatedAt: -1 }), TypeError);
  assert.throws(() => engine.exportCase(null), TypeError);
});

test('exportBundle: a zip of case.json, the case file and the payloads as observed, with a manifest', async () => {
  const { engine, payloads } = await capturedCase();
  const stray = new TextEncoder().encode('{"users":[]}');
  const b = engine.exportBundle([...payloads, stray], { generatedAt: 1767400000 });
  assert.equal(b.ok, true, JSON.stringify(b.error));
  assert.ok(b.bytes instanceof Uint8Array);
  assert.equal(b.payloads_included, payloads.length);
  assert.deepEqual(b.missing, []);
  assert.equal(b.ignored, 1);
  const files = unzip(b.bytes);
  assert.deepEqual([...files.keys()].slice(0, 2), ['case.json', 'case.swlcase']);
  for (const p of payloads) assert.deepEqual(files.get(`payloads/${sha256(p)}`), p);
  const manifest = decoder.decode(files.get('SHA256SUMS')).trim().split('\n');
  assert.equal(manifest.length, files.size - 1);
  for (const line of manifest) {
    const [hex, name] = line.split('  ');
    assert.equal(sha256(files.get(name)), hex, name);
  }
  assert.equal(decoder.decode(files.get('case.json')), engine.exportCase({ generatedAt: 1767400000 }).files[3].content);
  assert.deepEqual(files.get('case.swlcase'), engine.save());
  const partial = engine.exportBundle(payloads.slice(1));
  assert.deepEqual(partial.missing, [sha256(payloads[0])]);
  assert.throws(() => engine.exportBundle(['text']), TypeError);
});

test('openBundle: a separate engine sees the same case; the report is the same byte for byte', async () => {
  const { engine, payloads } = await capturedCase();
  const bundle = engine.exportBundle(payloads, { generatedAt: 1767400000 }).bytes;
  const helper = await newEngine();
  const info = helper.openBundle(bundle, { source: 'bundle.zip' });
  assert.equal(info.ok, true, JSON.stringify(info.error));
  assert.equal(info.generated_at, 1767400000);
  assert.equal(info.payloads_included, payloads.length);
  assert.equal(info.files, payloads.length + 2);
  assert.equal(info.manifest_sha256, sha256(unzip(bundle).get('SHA256SUMS')));
  assert.deepEqual(helper.ranked(), engine.ranked());  // same accounts, levels, clusters
  assert.deepEqual(helper.exportCase({ generatedAt: info.generated_at }), engine.exportCase({ generatedAt: 1767400000 }));
});

test('openBundle refuses a tampered bundle naming the file, and keeps the engine', async () => {
  const { engine, payloads } = await capturedCase();
  const bundle = engine.exportBundle(payloads, { generatedAt: 1767400000 }).bytes;
  const helper = await newEngine();
  assert.equal(helper.ingest(pages[0], { list: 'followers' }).ok, true);
  const size = helper.size;
  // A byte of the first payload changed: the zip's CRC-32 names the entry.
  const name = `payloads/${sha256(payloads[0])}`;
  const files = unzip(bundle);
  const offset = files.get(name).byteOffset + 10;
  const damaged = bundle.slice();
  damaged[offset] ^= 1;
  const r = helper.openBundle(damaged, { source: 'bundle.zip' });
  assert.equal(r.ok, false);
  assert.match(r.error.message, new RegExp(`entry "${name}": CRC-32 mismatch`));
  assert.equal(r.error.source, 'bundle.zip');
  assert.equal(helper.size, size);
  assert.equal(helper.openBundle(bundle.subarray(0, 100)).ok, false);
  assert.throws(() => helper.openBundle('zip'), TypeError);
});

test('a bundle made by the wasm engine opens in the CLI to the same report', { skip: !fs.existsSync(cli) && 'no native CLI (scripts/build native)' }, async () => {
  const { engine, payloads } = await capturedCase();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'swarmlens-wasm-bundle-'));
  fs.writeFileSync(path.join(dir, 'bundle.zip'), engine.exportBundle(payloads, { generatedAt: 1767400000 }).bytes);
  const r = spawnSync(cli, ['report', '--bundle', path.join(dir, 'bundle.zip'), '--out', path.join(dir, 'seen')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  for (const f of engine.exportCase({ generatedAt: 1767400000 }).files) {
    assert.equal(fs.readFileSync(path.join(dir, 'seen', f.name), 'utf8'), f.content, f.name);
  }
});
