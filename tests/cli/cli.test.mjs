// The CLI's contract: formats, exit codes, errors on stderr with the valid inputs still reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
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
const accountsOf = (out) => jsonl(out).filter((row) => row.kind === 'account');
const clustersOf = (out) => jsonl(out).filter((row) => row.kind === 'cluster');

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
  const all = jsonl(r.out);
  const rows = all.filter((row) => row.kind === 'account');
  assert.ok(rows.length > 300);
  // Accounts first, then the clusters.
  assert.ok(all.findIndex((row) => row.kind === 'cluster') >= rows.length);
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
  const hashes = path.join(root, 'examples/avatar_hashes.csv');
  const rows = accountsOf(run(['analyze', '--format', 'jsonl', '--avatar-hashes', hashes, examples]).out);
  const swarm = [...labels.values()].filter((l) => l === 'swarm').length;
  const organic = labels.size - swarm;
  const top = rows.slice(0, swarm).filter((row) => labels.get(row.username) === 'swarm').length;
  assert.ok(top >= swarm * 0.9, `${top} of ${swarm} swarm accounts in the top ${swarm}`);
  const swarmHigh = rows.filter((row) => labels.get(row.username) === 'swarm' && row.level === 'high').length;
  assert.ok(swarmHigh >= swarm * 0.9, `${swarmHigh} of ${swarm} swarm accounts high`);
  // The account model alone marks ~2% of this simulated organic base high (default avatar plus a
  // birth-year username: docs/model-card.md); the swarm layer must not add much to that.
  const organicHigh = rows.filter((row) => labels.get(row.username) === 'organic' && row.level === 'high').length;
  assert.ok(organicHigh <= organic * 0.03, `${organicHigh} of ${organic} organic followers marked high`);
});

test('clusters: the bundled swarm is found as cohort, burst, templates and shared pictures', () => {
  const hashes = path.join(root, 'examples/avatar_hashes.csv');
  const r = run(['analyze', '--format', 'jsonl', '--list', 'followers', '--owner', 'example_activist',
    '--avatar-hashes', hashes, examples]);
  assert.equal(r.code, 0, r.err);
  const clusters = clustersOf(r.out);
  const kinds = new Set(clusters.map((c) => c.cluster_kind));
  for (const kind of ['cohort', 'burst', 'username_template', 'shared_avatar']) assert.ok(kinds.has(kind), kind);
  const labels = new Map(readFileSync(path.join(root, 'examples/labels.csv'), 'utf8').trim().split('\n').slice(1)
    .map((line) => line.split(',')).map(([, username, label]) => [username, label]));
  let memberships = 0;
  let swarmMemberships = 0;
  for (const c of clusters) {
    assert.equal(c.list, 'followers');
    assert.equal(c.owner, 'example_activist');
    assert.equal(c.members.length, c.size);
    assert.ok(c.strength >= 3, 'only clusters unlikely by chance');
    const swarm = c.members.filter((u) => labels.get(u) === 'swarm').length;
    // A reused display name can also be a real person's name: one organic member is tolerated.
    assert.ok(swarm >= c.size * 0.85, `${c.cluster_kind} cluster of ${c.size} holds ${swarm} swarm accounts`);
    memberships += c.size;
    swarmMemberships += swarm;
  }
  assert.ok(swarmMemberships >= memberships * 0.95, `purity ${swarmMemberships}/${memberships}`);
  // Members carry the cluster's evidence as reasons.
  const accounts = new Map(accountsOf(r.out).map((a) => [a.username, a]));
  const shared = clusters.find((c) => c.cluster_kind === 'shared_avatar');
  const reason = accounts.get(shared.members[0]).reasons.find((x) => x.code === 'swarm_shared_avatar');
  assert.equal(reason.text, `one of ${shared.size} accounts of this list using the same profile picture`);
  // Without the pictures there is no shared-picture cluster.
  const plain = clustersOf(run(['analyze', '--format', 'jsonl', examples]).out);
  assert.ok(!plain.some((c) => c.cluster_kind === 'shared_avatar'));
});

test('--avatar-hashes: malformed rows are reported with file and line, the rest still counts', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarmlens-cli-'));
  const file = path.join(dir, 'hashes.csv');
  writeFileSync(file, 'username,hash_hex,quality\nsample_user_c,nothex,80\nsample_user_d,' + 'ab'.repeat(32) + ',80\n');
  const r = run(['analyze', '--avatar-hashes', file, path.join(samples, 'graphql_followers_xdt.json')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /hashes\.csv:2: expected username,hash_hex/);
  assert.match(r.out, /2 accounts from 1 inputs/);
});

test('simulate writes reproducible pages, labels and picture hashes; evaluate reports per scenario', () => {
  const a = mkdtempSync(path.join(tmpdir(), 'swarmlens-sim-'));
  const b = mkdtempSync(path.join(tmpdir(), 'swarmlens-sim-'));
  const scenario = path.join(root, 'examples/demo.scenario');
  for (const dir of [a, b]) {
    const r = run(['simulate', scenario, '--seed', '7', '--out', dir]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /wrote 15 pages, 720 followers \(120 swarm\)/);
  }
  for (const name of ['labels.csv', 'avatars.csv', 'avatar_hashes.csv', 'followers/page_001.json', 'followers/page_015.json']) {
    assert.equal(readFileSync(path.join(a, name), 'utf8'), readFileSync(path.join(b, name), 'utf8'), name);
  }
  // The bundled example is exactly this simulation.
  assert.equal(readFileSync(path.join(a, 'labels.csv'), 'utf8'), readFileSync(path.join(root, 'examples/labels.csv'), 'utf8'));
  const e = run(['evaluate', '--seeds', '1', scenario, path.join(root, 'examples/scenarios/no_attack.scenario')]);
  assert.equal(e.code, 0, e.err);
  const demo = e.out.split('\n').find((line) => line.startsWith('demo '));
  const [, , , recall] = demo.trim().split(/\s+/);
  assert.ok(Number(recall) >= 0.9, demo);
  assert.match(e.out, /^no_attack\s+0\s+3000\s+0\.000/m);
  const bad = run(['simulate', path.join(samples, 'dyi_following.json'), '--out', a]);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /dyi_following\.json/);
});

test('table: ranked rows and a summary', () => {
  const r = run(['analyze', '--limit', '5', examples]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split('\n');
  assert.match(lines[0], /^RANK\s+LEVEL\s+SCORE\s+USERNAME/);
  assert.match(lines[1], /^1\s+high\s/);
  assert.match(r.out, /more \(use --limit\)/);
  assert.match(r.out, /accounts from 15 inputs: \d+ high, \d+ medium, \d+ low/);
  assert.match(r.out, /SWARMS \(clusters/);
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
    assert.ok(accountsOf(a.out).length >= 1, name);
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
  const rows = accountsOf(r.out);
  assert.deepEqual(rows.map((row) => row.username).sort(), ['sample_user_c', 'sample_user_d']);
});

test('valid JSON of an unknown shape is an error, not an empty result', () => {
  const r = run(['analyze', '-'], '{"hello": [1, 2, 3]}');
  assert.equal(r.code, 1);
  assert.match(r.err, /<stdin>: byte \d+: .*\(unknown_shape\)/);
});

test('comment threads: each comment gets author, threat, harassment, campaign and reasons', () => {
  const dir = path.join(root, 'tests/data/comments');
  const files = ['rest_v1_persian.json', 'graphql_replies.json', 'post_embedded.html'].map((f) => path.join(dir, f));
  const r = run(['analyze', '--format', 'jsonl', ...files]);
  assert.equal(r.code, 0, r.err);
  const comments = jsonl(r.out).filter((row) => row.kind === 'comment');
  assert.ok(comments.length >= 5);
  for (const c of comments) {
    assert.equal(typeof c.id, 'string');
    assert.ok(c.author === null || typeof c.author === 'string');
    assert.ok(c.threat.score >= 0 && c.threat.score <= 1);
    assert.ok(['none', 'low', 'medium', 'high'].includes(c.threat.level), c.threat.level);
    assert.equal(typeof c.harassment.flagged, 'boolean');
    assert.ok(Array.isArray(c.campaign) && Array.isArray(c.reasons));
    for (const m of c.threat.matches) {
      // The span points at what the commenter wrote.
      assert.equal(Buffer.from(c.text).subarray(m.begin, m.end).toString(), m.text);
      assert.ok(c.reasons.some((x) => x.code === `threat_${m.category}`));
    }
  }
  assert.ok(comments.some((c) => c.threat.matches.some((m) => m.category === 'doxxing')), 'the "we know where you live" comment');
});

test('copy-paste comments from many accounts form a campaign', () => {
  const text = 'این زن دروغگو است و باید از اینستاگرام حذف شود، همه ریپورت کنید';
  const comments = Array.from({ length: 12 }, (_, i) => ({
    pk: `180000000000001${String(i).padStart(2, '0')}`, text: i % 3 ? text : `${text}!!`, created_at: 1774290000 + i * 7,
    user: { pk: String(79100000000 + i), username: `bot_account_${1000 + i}`, is_private: true },
  }));
  comments.push({ pk: '18000000000000999', text: 'چه عکس قشنگی، مرسی که به اشتراک گذاشتی', created_at: 1774290500,
    user: { pk: '555', username: 'real.person', is_private: false } });
  const r = run(['analyze', '--format', 'jsonl', '-'], JSON.stringify({ comments, status: 'ok', media_id: '42' }));
  assert.equal(r.code, 0, r.err);
  const rows = jsonl(r.out);
  const campaign = rows.find((row) => row.kind === 'campaign' && row.campaign_kind === 'copy_paste');
  assert.ok(campaign, 'a copy-paste campaign');
  assert.equal(campaign.accounts, 12);
  const member = rows.find((row) => row.kind === 'comment' && row.id === '18000000000000101');
  assert.ok(member.campaign.some((x) => x.code === 'campaign_copy_paste'));
  const organic = rows.find((row) => row.kind === 'comment' && row.id === '18000000000000999');
  assert.deepEqual(organic.campaign, []);
});

test('facebook GraphQL comment responses, guarded and streamed, are comment threads', () => {
  const dir = path.join(root, 'tests/data/comments');
  const files = ['facebook_comments.json', 'facebook_replies.json', 'facebook_streamed.txt'].map((f) => path.join(dir, f));
  const r = run(['analyze', '--format', 'jsonl', ...files]);
  assert.equal(r.code, 0, r.err);
  const rows = jsonl(r.out);
  const comments = rows.filter((row) => row.kind === 'comment');
  assert.equal(comments.length, 4 + 2 + 3);
  const reply = comments.find((c) => c.id === '900000000000012');
  assert.equal(reply.parent_id, '900000000000011');
  assert.equal(reply.post, '800000000000001');
  assert.equal(reply.author_pk, '61550000000003');
  assert.ok(reply.threat.matches.some((m) => m.category === 'doxxing'), 'the "we know where you live" reply');
  const streamed = comments.filter((c) => c.id.startsWith('90000000000003'));
  assert.deepEqual(streamed.map((c) => c.text), ['first', 'second', 'third']);
  const silhouette = rows.find((row) => row.kind === 'account' && row.pk === '61550000000004');
  assert.equal(silhouette.anonymous_avatar, true);
  assert.equal(rows.find((row) => row.kind === 'account' && row.pk === '100000000000011').username, 'sara.ahmadi.55');
  // A cut stream is an error naming the byte where it ends.
  const text = readFileSync(files[2], 'utf8');
  const cut = run(['analyze', '-'], text.slice(0, text.length - 40));
  assert.equal(cut.code, 1);
  assert.match(cut.err, new RegExp(`<stdin>: byte ${Buffer.byteLength(text) - 40}: .*\\(truncated\\)`));
});

test('the commenters of a post are a list: template accounts form a cluster of the thread', () => {
  const first = ['sara', 'ali', 'neda', 'reza', 'mina', 'omid', 'leila', 'kaveh'];
  const last = ['ahmadi', 'karimi', 'rahimi', 'tehrani', 'mousavi'];
  const comments = Array.from({ length: 40 }, (_, i) => ({
    pk: `1800000000000${1000 + i}`, text: `organic ${i}`, created_at: 1774290000 + i * 60, media_id: '77',
    user: { pk: String(1000000000 + ((i * 7919 * 104729) % 70000000000)), username: `${first[i % 8]}.${last[i % 5]}_${i}x`,
      full_name: `${first[i % 8]} ${last[i % 5]}` },
  }));
  for (let i = 0; i < 12; i++) {
    comments.push({ pk: `1800000000000${2000 + i}`, text: `hello ${i}`, created_at: 1774290100 + i * 9, media_id: '77',
      user: { pk: String(2000000000 + ((i * 15485863) % 70000000000)), username: `zahra_${10000 + ((i * 7907) % 90000)}`,
        full_name: `Zahra ${i}` } });
  }
  const r = run(['analyze', '--format', 'jsonl', '-'], JSON.stringify({ comments }));
  assert.equal(r.code, 0, r.err);
  const clusters = clustersOf(r.out).filter((c) => c.list === 'commenters');
  assert.ok(clusters.length >= 1);
  for (const c of clusters) {
    assert.equal(c.post, '77');
    if (c.cluster_kind === 'burst') {
      // A burst holds every commenter of its window: the organic ones who commented in between too.
      assert.equal(c.members.filter((m) => m.startsWith('zahra_')).length, 12, JSON.stringify(c));
      assert.equal(c.size, c.last_position - c.first_position + 1, JSON.stringify(c));
    } else {
      assert.ok(c.members.every((m) => m.startsWith('zahra_')), JSON.stringify(c));  // the organic commenters in none
    }
  }
  const template = clusters.find((c) => c.cluster_kind === 'username_template');
  assert.equal(template.size, 12);
  assert.equal(template.key, 'zahra_ + 5 digits');
  const member = accountsOf(r.out).find((a) => a.username === template.members[0]);
  assert.ok(member.reasons.some((x) => x.code === 'swarm_username_template' && /other commenters on this post/.test(x.text)));
  const organic = accountsOf(r.out).find((a) => a.username === 'sara.ahmadi_0x');
  assert.ok(!organic.reasons.some((x) => x.code.startsWith('swarm_')));
});

test('the bundled comment thread: threats, offensive language, the copy-paste campaign and the commenter cohort', () => {
  const r = run(['analyze', '--format', 'jsonl', path.join(root, 'examples/comments/post_comments.json')]);
  assert.equal(r.code, 0, r.err);
  const rows = jsonl(r.out);
  const comments = rows.filter((row) => row.kind === 'comment');
  assert.equal(comments.length, 22);
  const byText = (needle) => comments.find((c) => c.text.includes(needle));
  assert.equal(byText('میفرستیمت اوین').threat.matches[0].category, 'arrest');
  assert.equal(byText('آخرت مثل مهسا').threat.level, 'high');
  assert.equal(byText('jende').harassment.flagged, true);
  assert.ok(byText('jende').harassment.insults.length > 0);
  // Threats no lexicon entry holds: the violent-speech model finds them, with its reason.
  for (const needle of ['stop posting or die', 'snap her neck']) {
    const c = byText(needle);
    assert.equal(c.threat.matches.length, 0, needle);
    assert.equal(c.threat.level, 'medium', needle);
    assert.ok(c.threat.model_score >= 0.5, needle);
    assert.ok(c.reasons.some((x) => x.code === 'threat_model'), needle);
  }
  const copies = comments.filter((c) => c.campaign.some((k) => k.code === 'campaign_copy_paste'));
  assert.equal(copies.length, 6);
  for (const c of comments.filter((c) => c.author_level === 'low')) {
    assert.equal(c.threat.level, 'none', c.text);
    assert.equal(c.harassment.flagged, false, c.text);
  }
  const slogan = byText('مرگ بر دیکتاتور');
  assert.equal(slogan.harassment.flagged, false, 'a protest slogan is not harassment of the account holder');
  assert.equal(slogan.harassment.slogans.length, 1);
  const cohort = rows.find((row) => row.kind === 'cluster' && row.cluster_kind === 'cohort');
  assert.ok(cohort, 'the commenters created together form a cohort');
  assert.equal(cohort.post, '3500000000000000001');
});

// ---- issue 12: the shapes the web apps really send, and direct messages ----
const data = path.join(root, 'tests/data');

test('message requests: each text message is a comment record of kind message_request, one campaign across requests', () => {
  const r = run(['analyze', '--format', 'jsonl', path.join(data, 'direct/pending_inbox.json'), path.join(data, 'direct/inbox.json')]);
  assert.equal(r.code, 0, r.err);
  const rows = jsonl(r.out);
  const messages = rows.filter((row) => row.kind === 'comment');
  assert.equal(messages.length, 6);
  const requests = messages.filter((m) => m.comment_kind === 'message_request');
  assert.equal(requests.length, 4);
  for (const m of requests) {
    assert.equal(m.post, 'direct:requests');
    assert.match(m.thread_id, /^3402823668417103009491281222925118000\d\d$/);
  }
  assert.ok(requests[0].threat.matches.length > 0, JSON.stringify(requests[0].threat));
  assert.ok(requests[0].campaign.some((c) => c.code === 'campaign_copy_paste'));
  const conversation = messages.filter((m) => m.comment_kind === 'message');
  assert.equal(conversation.length, 2);
  assert.equal(conversation[0].author, 'sara.friend');
  assert.ok(rows.some((row) => row.kind === 'campaign' && row.post === 'direct:requests' && row.accounts >= 3));
  // The senders are scored accounts.
  assert.ok(rows.some((row) => row.kind === 'account' && row.username === 'vatan_48213'));

  const table = run(['analyze', path.join(data, 'direct/pending_inbox.json')]);
  assert.equal(table.code, 0, table.err);
  assert.match(table.out, /COMMENTS AND MESSAGES: \d+ of 4 flagged \(4 direct messages/);
  assert.match(table.out, /^KIND\s+AUTHOR\s+COMMENT \/ MESSAGE\s+WHY$/m);
  assert.match(table.out, /^request\s+vatan_48213/m);
  assert.match(table.out, /^campaign in message requests: /m);
});

test('connections.json, the 2017 profile, post-page comments and the activity feed are read', () => {
  const r = run(['analyze', '--format', 'jsonl', '--owner', 'me', path.join(data, 'ingest/dyi_connections_2019.json'),
    path.join(data, 'ingest/profile/profile_2017.json'), path.join(data, 'comments/shortcode_media_2025.json'),
    path.join(data, 'activity/news_inbox.json')]);
  assert.equal(r.code, 0, r.err);
  const rows = jsonl(r.out);
  const account = (name) => rows.find((row) => row.kind === 'account' && row.username === name);
  assert.deepEqual(account('friend_ali').lists, [{ list: 'following', owner: 'me', position: 0, listed_at: 1530446400 }]);
  assert.deepEqual(account('vatan_11223').lists, [{ list: 'followers', owner: 'me', position: 0, listed_at: 1580724000 }]);
  assert.equal(account('hamid_13961717').tier, 'profile');
  assert.equal(account('hamid_13961717').anonymous_avatar, true);
  assert.equal(account('vatan_30011').lists[0].list, 'notifications');
  const comments = rows.filter((row) => row.kind === 'comment');
  assert.equal(comments.length, 3);
  assert.ok(comments.every((c) => c.comment_kind === 'comment' && c.post === '3500000000000000025' && c.thread_id === null));
  assert.equal(comments[1].parent_id, comments[0].id);
});

test('a bare array and an unknown object say what they hold', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarmlens-shapes-'));
  const bare = path.join(dir, 'bare.json');
  writeFileSync(bare, '[1, 2, 3]');
  const other = path.join(dir, 'other.json');
  writeFileSync(other, '{"status": "ok", "items": []}');
  const r = run(['analyze', bare, other]);
  assert.equal(r.code, 1);
  assert.match(r.err, /bare\.json: byte 1: top-level array of numbers/);
  assert.doesNotMatch(r.err, /user without pk or username/);
  assert.match(r.err, /other\.json: byte 0: .*"status", "items".*edge_media_to_parent_comment.*inbox\.threads/);
});

// The case file: two runs over two halves of the inputs print what one run over all prints.
test('--state: a case continued over two runs equals one run', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarmlens-case-'));
  const pages = Array.from({ length: 15 }, (_, i) => path.join(examples, `page_${String(i + 1).padStart(3, '0')}.json`));
  const comments = path.join(root, 'examples/comments/post_comments.json');
  const hashes = path.join(root, 'examples/avatar_hashes.csv');
  const common = ['analyze', '--format', 'jsonl', '--list', 'followers', '--owner', 'example_activist'];
  const one = run([...common, '--avatar-hashes', hashes, ...pages, comments]);
  assert.equal(one.code, 0, one.err);
  const state = path.join(dir, 'case.swl');
  const first = run([...common, '--state', state, ...pages.slice(0, 7)]);
  assert.equal(first.code, 0, first.err);
  const second = run([...common, '--state', state, '--avatar-hashes', hashes, ...pages.slice(7), comments]);
  assert.equal(second.code, 0, second.err);
  assert.ok(clustersOf(one.out).length > 0);
  assert.equal(second.out, one.out);
  // A third run without inputs reports the same case again.
  assert.equal(run([...common, '--state', state]).out, one.out);
  // Without the case file, the second half alone differs (positions and swarms start over).
  assert.notEqual(run([...common, '--avatar-hashes', hashes, ...pages.slice(7), comments]).out, one.out);
});

test('--state: a damaged case file is refused, named, and left as it is', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarmlens-case-'));
  const state = path.join(dir, 'case.swl');
  assert.equal(run(['analyze', '--format', 'jsonl', '--state', state, path.join(examples, 'page_001.json')]).code, 0);
  const bytes = readFileSync(state);
  bytes[bytes.length - 20] ^= 0x10;
  writeFileSync(state, bytes);
  const r = run(['analyze', '--format', 'jsonl', '--state', state, path.join(examples, 'page_002.json')]);
  assert.equal(r.code, 1);
  assert.match(r.err, /case\.swl: byte \d+: checksum mismatch.*\(corrupt\)/);
  assert.deepEqual(readFileSync(state), bytes);
  const cut = path.join(dir, 'cut.swl');
  writeFileSync(cut, bytes.subarray(0, 10));
  assert.match(run(['analyze', '--state', cut]).err, /ends inside its 20-byte header \(truncated\)/);
});

test('report: HTML, CSV, JSON bundle and a SHA256SUMS manifest from a case file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarmlens-report-'));
  const state = path.join(dir, 'case.swl');
  const comments = path.join(root, 'examples/comments/post_comments.json');
  const allow = path.join(dir, 'allow.txt');
  const first = accountsOf(run(['analyze', '--format', 'jsonl', '--list', 'followers', '--owner', 'example_activist',
    examples, comments]).out).find((a) => a.level === 'high');
  writeFileSync(allow, `// people I know\n@${first.username}\n\n`);
  const a = run(['analyze', '--format', 'jsonl', '--list', 'followers', '--owner', 'example_activist', '--allow', allow,
    '--state', state, examples, comments]);
  assert.equal(a.code, 0, a.err);
  const known = accountsOf(a.out).find((x) => x.username === first.username);
  assert.equal(known.level, 'low');
  assert.ok(known.reasons.some((r) => r.code === 'allowlisted'));
  const out = path.join(dir, 'out');
  const r = run(['report', '--state', state, '--out', out]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /threats \d+, harassment \d+, hate \d+, coordinated inauthentic behaviour \d+ accounts, spam \d+/);
  const sums = readFileSync(path.join(out, 'SHA256SUMS'), 'utf8').trim().split('\n');
  assert.deepEqual(sums.map((l) => l.split('  ')[1]), ['report.html', 'accounts.csv', 'comments.csv', 'case.json']);
  for (const line of sums) {
    const [hex, name] = line.split('  ');
    const check = spawnSync('sha256sum', [path.join(out, name)], { encoding: 'utf8' });
    assert.equal(check.stdout.split(' ')[0], hex, name);
  }
  const html = readFileSync(path.join(out, 'report.html'), 'utf8');
  assert.doesNotMatch(html, /<script|src=|href=/);
  for (const heading of ['Counts by category', 'Swarms', 'Threatening and abusive comments', 'Flagged accounts', 'Payloads']) {
    assert.ok(html.includes(`<h2>${heading}</h2>`), heading);
  }
  assert.match(html, /<svg /);
  const bundle = JSON.parse(readFileSync(path.join(out, 'case.json'), 'utf8'));
  assert.equal(bundle.kind, 'swarmlens_case');
  assert.ok(bundle.payloads.length >= 16);
  assert.match(bundle.payloads[0].sha256, /^[0-9a-f]{64}$/);
  assert.deepEqual(bundle.allowlist, [first.username]);
  assert.equal(bundle.accounts.find((x) => x.username === first.username).known, true);
  const csv = readFileSync(path.join(out, 'accounts.csv'), 'utf8').split('\n');
  assert.match(csv[0], /^rank,username,pk,full_name,score,level,known,created_around/);
  assert.equal(run(['report', '--state', path.join(dir, 'missing.swl'), '--out', out]).code, 1);
  assert.equal(run(['report', '--out', out]).code, 2);
});

test('hidden-words: a comma-separated list to paste, csv to review, options checked', () => {
  const r = run(['hidden-words']);
  assert.equal(r.code, 0, r.err);
  const phrases = r.out.trim().split(', ');
  assert.ok(phrases.length > 300, `${phrases.length} phrases`);
  for (const p of ['we know where you live', 'میکشمت', 'whore']) assert.ok(phrases.includes(p), p);
  assert.ok(!phrases.includes('death to the dictator'));

  const csv = run(['hidden-words', '--lang', 'fa-Latn', '--only', 'threats', '--format', 'csv']);
  assert.equal(csv.code, 0, csv.err);
  const rows = csv.out.trim().split('\n');
  assert.equal(rows[0], 'phrase,language,lexicon,category,weight,meaning');
  assert.ok(rows.length > 50);
  for (const row of rows.slice(1)) assert.match(row, /^[^,]+,fa-Latn,threat,\w+,\d+\.\d,"[^"]*"$/, row);

  const strong = run(['hidden-words', '--min-weight', '5.5', '--format', 'lines']);
  assert.ok(strong.out.trim().split('\n').length < phrases.length);

  for (const args of [['--lang', 'de'], ['--only', 'spam'], ['--min-weight', 'x'], ['--format', 'xml'], ['--bogus']]) {
    const bad = run(['hidden-words', ...args]);
    assert.equal(bad.code, 2, args.join(' '));
    assert.match(bad.err, /swarmlens: .*hidden-words|unknown hidden-words/);
  }
});

// The bundle: a zip other tools read, with the payloads as read, that a helper opens read only to
// the same report; a changed file is refused by name.
function tamperedCopy(zip, out, name, change) {
  // Python's zipfile (stored) rewrites the archive: our reader must read other writers' zips too.
  const script = `import sys, zipfile
src, dst, name, mode = sys.argv[1:5]
with zipfile.ZipFile(src) as z, zipfile.ZipFile(dst, 'w', zipfile.ZIP_STORED) as o:
    for info in z.infolist():
        data = z.read(info)
        if info.filename == name:
            data = data.replace(b'"', b"'", 1) if mode == 'change' else data
            if mode == 'drop': continue
        o.writestr(info.filename, data)
    if mode == 'add': o.writestr('extra.txt', b'added')`;
  const r = spawnSync('python3', ['-c', script, zip, out, name, change], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

test('report: bundle.zip holds the payloads as read; report --bundle gives the same report, read only', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarmlens-bundle-'));
  const inputs = path.join(dir, 'captured');
  mkdirSync(inputs);
  for (const name of readdirSync(examples)) copyFileSync(path.join(examples, name), path.join(inputs, name));
  copyFileSync(path.join(root, 'examples/comments/post_comments.json'), path.join(inputs, 'zz_comments.json'));
  const state = path.join(dir, 'case.swl');
  const a = run(['analyze', '--format', 'jsonl', '--list', 'followers', '--owner', 'example_activist',
    '--state', state, inputs]);
  assert.equal(a.code, 0, a.err);
  const out = path.join(dir, 'out');
  const r = run(['report', '--state', state, '--out', out]);
  assert.equal(r.code, 0, r.err);
  const files = readdirSync(inputs).length;
  assert.match(r.out, new RegExp(`bundle\\.zip: case\\.json, the case file, ${files} of ${files} payloads`));
  const zip = path.join(out, 'bundle.zip');
  // unzip checks every CRC; sha256sum -c checks the manifest of the extracted files.
  assert.equal(spawnSync('unzip', ['-tq', zip]).status, 0);
  const unpacked = path.join(dir, 'unpacked');
  assert.equal(spawnSync('unzip', ['-q', zip, '-d', unpacked]).status, 0);
  const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: unpacked, encoding: 'utf8' });
  assert.equal(check.status, 0, check.stdout + check.stderr);
  for (const name of readdirSync(inputs)) {
    const bytes = readFileSync(path.join(inputs, name));
    const hex = createHash('sha256').update(bytes).digest('hex');
    assert.deepEqual(readFileSync(path.join(unpacked, 'payloads', hex)), bytes, name);
  }
  assert.deepEqual(readFileSync(path.join(unpacked, 'case.json')), readFileSync(path.join(out, 'case.json')));

  // The helper's side: the same files, byte for byte (same accounts, levels, clusters, comments).
  const seen = path.join(dir, 'seen');
  const stateBefore = readFileSync(state);
  const o = run(['report', '--bundle', zip, '--out', seen]);
  assert.equal(o.code, 0, o.err);
  assert.match(o.out, new RegExp(`${files + 2} files match SHA256SUMS; ${files} payloads`));
  const manifestHex = createHash('sha256').update(readFileSync(path.join(unpacked, 'SHA256SUMS'))).digest('hex');
  assert.match(o.out, new RegExp(`manifest SHA-256 ${manifestHex}`));
  for (const name of ['report.html', 'accounts.csv', 'comments.csv', 'case.json', 'SHA256SUMS']) {
    assert.deepEqual(readFileSync(path.join(seen, name)), readFileSync(path.join(out, name)), name);
  }
  const shared = JSON.parse(readFileSync(path.join(seen, 'case.json'), 'utf8'));
  assert.ok(shared.clusters.length > 0 && shared.accounts.some((x) => x.level === 'high'));
  assert.deepEqual(readFileSync(state), stateBefore);
  assert.deepEqual(readFileSync(zip), readFileSync(path.join(out, 'bundle.zip')));

  // Tampering is refused naming the file, and nothing is written.
  const first = readdirSync(path.join(unpacked, 'payloads'))[0];
  const cases = [
    ['change', `payloads/${first}`, new RegExp(`file "payloads/${first}" was changed: its SHA-256 is [0-9a-f]{64}, the manifest says ${first}`)],
    ['change', 'case.json', /file "case\.json" was changed/],
    ['drop', `payloads/${first}`, new RegExp(`SHA256SUMS line \\d+: file "payloads/${first}" is missing from the bundle`)],
    ['add', 'none', /file "extra\.txt" is not in the manifest \(added after export\)/],
  ];
  for (const [mode, name, message] of cases) {
    const bad = path.join(dir, `bad-${mode}.zip`);
    tamperedCopy(zip, bad, name, mode);
    const refused = path.join(dir, `refused-${mode}`);
    const t = run(['report', '--bundle', bad, '--out', refused]);
    assert.equal(t.code, 1, `${mode} ${name}`);
    assert.match(t.err, message);
    assert.match(t.err, /the bundle is refused: nothing was written/);
    assert.equal(existsSync(refused), false);
  }
  const flipped = readFileSync(zip);
  flipped[200] ^= 1;
  writeFileSync(path.join(dir, 'flipped.zip'), flipped);
  assert.match(run(['report', '--bundle', path.join(dir, 'flipped.zip'), '--out', path.join(dir, 'x')]).err,
    /entry "case\.json": CRC-32 mismatch/);
  assert.equal(run(['report', '--bundle', zip]).code, 2);
  assert.equal(run(['report', '--bundle', zip, '--state', state, '--out', seen]).code, 2);
});

test('report: payloads moved after analyze are found with --payloads, else listed as not found', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'swarmlens-bundle-'));
  const inputs = path.join(dir, 'captured');
  mkdirSync(inputs);
  for (const name of ['page_001.json', 'page_002.json']) copyFileSync(path.join(examples, name), path.join(inputs, name));
  const state = path.join(dir, 'case.swl');
  assert.equal(run(['analyze', '--state', state, inputs]).code, 0);
  const moved = path.join(dir, 'moved');
  renameSync(inputs, moved);
  const r = run(['report', '--state', state, '--out', path.join(dir, 'out')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /0 of 2 payloads/);
  assert.equal(r.err.match(/payload [0-9a-f]{64} not found/g).length, 2);
  const again = run(['report', '--state', state, '--out', path.join(dir, 'out2'), '--payloads', moved,
    '--payloads', path.join(examples, 'page_003.json')]);
  assert.equal(again.code, 0, again.err);
  assert.match(again.out, /2 of 2 payloads/);
  assert.equal(again.err, '');
  const o = run(['report', '--bundle', path.join(dir, 'out', 'bundle.zip'), '--out', path.join(dir, 'seen')]);
  assert.equal(o.code, 0, o.err);
  assert.match(o.out, /0 payloads \(2 more were not included by the sender\)/);
});
