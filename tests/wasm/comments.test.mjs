// Comment threads through the wasm engine: the same core as the CLI, text in, scored comments out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, newEngine } from './helpers.mjs';

const COMMENTS = path.join(ROOT, 'tests', 'data', 'comments');

test('comment pages and post HTML give scored comments with threats and spans', async () => {
  const engine = await newEngine();
  const html = engine.ingestComments(fs.readFileSync(path.join(COMMENTS, 'post_embedded.html'), 'utf8'),
    { source: 'post.html', post: 'p1' });
  assert.equal(html.ok, true, JSON.stringify(html.error));
  assert.ok(html.comments.length >= 1);
  const rest = engine.ingestComments(fs.readFileSync(path.join(COMMENTS, 'rest_v1_persian.json'), 'utf8'),
    { source: 'rest.json', post: 'p1' });
  assert.equal(rest.ok, true, JSON.stringify(rest.error));
  for (const c of [...html.comments, ...rest.comments]) {
    assert.equal(c.kind, 'comment');
    assert.equal(c.post, 'p1');
    for (const m of c.threat.matches) assert.equal(Buffer.from(c.text).subarray(m.begin, m.end).toString(), m.text);
  }
  const threat = [...html.comments, ...rest.comments].find((c) => c.threat.matches.length > 0);
  assert.ok(threat, 'a fixture comment carries a threat');
  // Commenters become accounts of the engine.
  assert.ok(engine.size >= 2);
});

test('bad comment input is an error and changes nothing', async () => {
  const engine = await newEngine();
  const text = fs.readFileSync(path.join(COMMENTS, 'rest_v1_persian.json'), 'utf8');
  const bad = engine.ingestComments(text.slice(0, 100), { source: 'cut.json' });
  assert.equal(bad.ok, false);
  assert.equal(bad.error.source, 'cut.json');
  assert.equal(engine.size, 0);
  assert.throws(() => engine.ingestComments(42), TypeError);
});
