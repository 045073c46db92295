// Direct messages, the activity feed and the older / newer payload shapes of issue 12 through the
// wasm engine: the existing entry points (ingest, ingestComments) take them, with the same
// records as the CLI's jsonl.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, newEngine } from './helpers.mjs';

const DATA = path.join(ROOT, 'tests', 'data');
const read = (relative) => fs.readFileSync(path.join(DATA, relative), 'utf8');

test('message requests through ingestComments: kinds, one thread for all requests, a copy-paste campaign', async () => {
  const engine = await newEngine();
  const r = engine.ingestComments(read('direct/pending_inbox.json'), { source: 'pending_inbox' });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.shape, 'direct_inbox');
  assert.equal(r.comments.length, 4);
  for (const m of r.comments) {
    assert.equal(m.kind, 'comment');
    assert.equal(m.comment_kind, 'message_request');
    assert.equal(m.post, 'direct:requests');
    assert.match(m.thread_id, /^\d{39}$/);
  }
  assert.ok(r.comments[0].threat.matches.length > 0);
  assert.ok(r.campaigns.some((c) => c.post === 'direct:requests' && c.campaign_kind === 'copy_paste' && c.accounts >= 3));
  assert.ok(engine.constants.comment_kinds.includes('message_request'));
  const conversation = engine.ingestComments(read('direct/thread.json'));
  assert.equal(conversation.ok, true, JSON.stringify(conversation.error));
  assert.equal(conversation.shape, 'direct_thread');
  assert.ok(conversation.comments.every((m) => m.comment_kind === 'message'));
  // A bad inbox is an error and changes nothing.
  const before = engine.size;
  const bad = engine.ingestComments('{"inbox":{"threads":[{"items":[]}]}}', { source: 'bad' });
  assert.equal(bad.ok, false);
  assert.match(bad.error.message, /thread without "thread_id"/);
  assert.equal(engine.size, before);
});

test('the activity feed through ingest: the notifications list', async () => {
  const engine = await newEngine();
  assert.ok(engine.constants.lists.includes('notifications'));
  assert.ok(engine.constants.shapes.includes('activity_feed'));
  const r = engine.ingest(read('activity/news_inbox.json'), { owner: 'me', source: 'news' });
  assert.equal(r.ok, true, JSON.stringify(r.error));
  assert.equal(r.shape, 'activity_feed');
  assert.equal(r.list, 'notifications');
  assert.equal(r.accounts.length, 6);
  assert.deepEqual(r.accounts.find((a) => a.username === 'vatan_30011').lists,
    [{ list: 'notifications', owner: 'me', position: 0, listed_at: 1764300300 }]);
  // The caller may name the list kind too.
  const named = engine.ingest(read('activity/news_inbox.json'), { list: 'notifications', owner: 'me2' });
  assert.equal(named.ok, true, JSON.stringify(named.error));
});

test('the GraphQL inbox, requests, conversation and activity feed through the same entry points', async () => {
  const engine = await newEngine();
  const inbox = engine.ingestComments(read('direct/graphql_inbox.json'), { source: 'inbox' });
  assert.equal(inbox.ok, true, JSON.stringify(inbox.error));
  assert.equal(inbox.shape, 'direct_inbox');
  assert.deepEqual(inbox.comments.map((m) => [m.id, m.author, m.comment_kind, m.thread_id, m.post]), [
    ['mid.$cAAAsyntheticA0002', 'sara.friend', 'message', '179000000000090001', 'direct:179000000000090001'],
    ['mid.$cAAAsyntheticB0001', 'vatan_55120', 'message', '179000000000090002', 'direct:179000000000090002'],
  ]);
  const requests = engine.ingestComments(read('direct/graphql_requests.json'), { source: 'requests' });
  assert.equal(requests.ok, true, JSON.stringify(requests.error));
  assert.ok(requests.comments.every((m) => m.comment_kind === 'message_request' && m.post === 'direct:requests'));
  assert.ok(requests.campaigns.some((c) => c.post === 'direct:requests' && c.campaign_kind === 'copy_paste' && c.accounts >= 4));
  const thread = engine.ingestComments(read('direct/graphql_thread.json'), { source: 'thread' });
  assert.equal(thread.ok, true, JSON.stringify(thread.error));
  assert.equal(thread.shape, 'direct_thread');
  assert.deepEqual(thread.comments.map((m) => m.text), ['stop posting or die', 'we know where your family lives']);
  assert.ok(thread.comments[0].threat.level !== 'none');
  const older = engine.ingestComments(read('direct/graphql_older_messages.json'), { source: 'older' });
  assert.equal(older.ok, true, JSON.stringify(older.error));
  assert.equal(older.comments[0].post, 'direct:179000000000090002');
  const unknown = engine.ingestComments('{"data":{"mailbox_v2":{}}}', { source: 'future' });
  assert.equal(unknown.ok, false);
  assert.equal(unknown.error.code, 'unknown_shape');
  const feed = engine.ingest(read('activity/graphql_activity_inbox.json'), { owner: 'me', source: 'news' });
  assert.equal(feed.ok, true, JSON.stringify(feed.error));
  assert.equal(feed.shape, 'activity_feed');
  assert.equal(feed.list, 'notifications');
  assert.equal(feed.accounts.length, 6);
});

test('connections.json, the 2017 profile and post-page comments', async () => {
  const engine = await newEngine();
  const connections = engine.ingest(read('ingest/dyi_connections_2019.json'), { owner: 'me' });
  assert.equal(connections.ok, true, JSON.stringify(connections.error));
  assert.equal(connections.shape, 'dyi_connections');
  assert.equal(connections.list, 'unknown');
  assert.deepEqual(connections.accounts.map((a) => a.lists[0].list),
    ['followers', 'followers', 'followers', 'following', 'following']);
  const profile = engine.ingest(read('ingest/profile/profile_2017.json'));
  assert.equal(profile.ok, true, JSON.stringify(profile.error));
  assert.equal(profile.shape, 'profile_page_2017');
  assert.equal(profile.accounts[0].tier, 'profile');
  const post = engine.ingestComments(read('comments/shortcode_media_2021.json'));
  assert.equal(post.ok, true, JSON.stringify(post.error));
  assert.equal(post.shape, 'shortcode_media');
  assert.deepEqual(post.comments.map((c) => c.post), ['2500000000000000021', '2500000000000000021']);
  const bare = engine.ingest('[1, 2, 3]', { source: 'bare' });
  assert.equal(bare.ok, false);
  assert.equal(bare.error.code, 'unknown_shape');
  assert.match(bare.error.message, /top-level array of numbers/);
});
