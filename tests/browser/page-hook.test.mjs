// How page-hook.js labels what it observes, without a browser: the hook runs in a node:vm context
// with a stand-in fetch, on the followers dialog URL, and the test reads the envelopes it posts.
// A profile or hover card must go out as list 'profile' with no owner even while the followers
// dialog is open (else the engine would put the account into that list); list pages keep their
// list. The browser tests check the same hook end to end; this one covers the GraphQL variants.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { ROOT } from './fixture-site.mjs';

const hookSource = readFileSync(path.join(ROOT, 'extension/page-hook.js'), 'utf8');
const fixture = (name) => readFileSync(path.join(ROOT, 'tests/browser/fixtures', name), 'utf8');
const sample = (name) => readFileSync(path.join(ROOT, 'tests/data/instagram-samples', name), 'utf8');
const compact = (text) => JSON.stringify(JSON.parse(text));  // as the web app receives GraphQL

/** Loads the hook on `pageUrl` with a fetch answering `body`; returns {fetch, messages}. */
function loadHook(pageUrl, body) {
  const document = new EventTarget();
  const messages = [];
  document.addEventListener('swarmlens:payload', (event) => messages.push(JSON.parse(event.detail)));
  const nativeFetch = async (input) => ({
    ok: true,
    url: new URL(String(input), pageUrl).href,
    clone() {
      return { text: async () => body };
    },
  });
  const sandbox = { document, location: new URL(pageUrl), fetch: nativeFetch, URL, EventTarget, CustomEvent, JSON };
  sandbox.window = sandbox;
  vm.createContext(sandbox);
  vm.runInContext(hookSource, sandbox);
  assert.notEqual(sandbox.fetch, nativeFetch, 'the hook wrapped fetch');
  return { fetch: sandbox.fetch, messages };
}

/** The envelope the hook posts for one response, or null when it posts none. */
async function observe(requestPath, body, pageUrl = 'https://www.instagram.com/target_activist/followers/') {
  const { fetch, messages } = loadHook(pageUrl, body);
  const response = await fetch(requestPath);
  assert.equal(await response.clone().text(), body, 'the page gets the response as it came');
  // The hook reads its clone after the page's promise resolves: let its handlers run.
  for (let i = 0; i < 5 && messages.length === 0; ++i) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(messages.length <= 1);
  if (messages.length === 0) return null;
  assert.equal(messages[0].text, body, 'the envelope carries the text unchanged');
  return { list: messages[0].list, owner: messages[0].owner };
}

const PROFILE = { list: 'profile', owner: '' };

test('REST profile and hover-card endpoints are profiles, not the open dialog\'s list', async () => {
  assert.deepEqual(await observe('/api/v1/users/web_profile_info/?username=dariush.k',
                                 fixture('profile_web_profile_info.json')), PROFILE);
  assert.deepEqual(await observe('https://www.instagram.com/api/v1/users/1190293849/info/',
                                 sample('web_profile_info.json')), PROFILE);
  assert.equal(await observe('/api/v1/users/not_digits/info/', fixture('hovercard_graphql.json')), null);
});

test('GraphQL responses carrying one profile user are profiles', async () => {
  // XDT hover card ("follower_count"), also alias-prefixed, and the web_profile_info form.
  assert.deepEqual(await observe('/graphql/query', fixture('hovercard_graphql.json')), PROFILE);
  assert.deepEqual(await observe('/api/graphql', '{"data":{"user":{"username":"a","1lfollower_count":3}}}'), PROFILE);
  assert.deepEqual(await observe('/graphql/query', compact(sample('web_profile_info.json'))), PROFILE);
  assert.deepEqual(await observe('/graphql/query', sample('web_profile_info.json')), PROFILE);  // pretty-printed
});

test('GraphQL follower lists keep their list and owner', async () => {
  const followers = { list: 'followers', owner: 'target_activist' };
  assert.deepEqual(await observe('/graphql/query', fixture('followers_page2_graphql.json')), followers);
  // The legacy list's edge_followed_by holds a count too, but also page_info and edges.
  assert.deepEqual(await observe('/graphql/query', compact(sample('graphql_edge_followed_by_legacy.json'))), followers);
  assert.deepEqual(await observe('/graphql/query', sample('graphql_edge_followed_by_legacy.json')), followers);
  // A user list whose users carry counts is still a list.
  assert.deepEqual(await observe('/graphql/query', '{"data":{"x":{"users":[{"username":"a","follower_count":1}]}}}'),
                   followers);
  // Unrelated GraphQL responses are not posted at all.
  assert.equal(await observe('/graphql/query', '{"data":{"viewer":{"username":"me"}}}'), null);
});

test('Instagram comment pages go out as list comments with no owner', async () => {
  const COMMENTS = { list: 'comments', owner: '' };
  const post = 'https://www.instagram.com/p/Cfixture01/';
  const data = (name) => readFileSync(path.join(ROOT, 'tests/data/comments', name), 'utf8');
  assert.deepEqual(await observe('/api/v1/media/3300000000000000001/comments/?can_support_threading=true',
                                 fixture('comments_page2_rest.json'), post), COMMENTS);
  assert.deepEqual(await observe('/api/v1/media/3300000000000000001_10000000001/comments/18050000000000101/child_comments/?max_id=x',
                                 data('rest_replies.json'), post), COMMENTS);
  assert.deepEqual(await observe('/graphql/query', fixture('comments_page3_graphql.json'), post), COMMENTS);
  assert.deepEqual(await observe('/api/graphql', data('graphql_replies.json'), post), COMMENTS);
  // Also on the followers dialog URL: a comment page is never a list page.
  assert.deepEqual(await observe('/graphql/query', fixture('comments_page3_graphql.json')), COMMENTS);
  // Other media endpoints are not comments.
  assert.equal(await observe('/api/v1/media/3300000000000000001/likers/', fixture('comments_page2_rest.json'), post), null);
});

test('Facebook: only /api/graphql/ responses that mention comments are posted', async () => {
  const page = 'https://www.facebook.com/target.activist/posts/pfbid02AbCdEfGh';
  assert.deepEqual(await observe('/api/graphql/', fixture('facebook_graphql_comments.json'), page),
                   { list: 'comments', owner: '' });
  assert.equal(await observe('/api/graphql/', '{"data":{"viewer":{"name":"me"}}}', page), null);
  // Instagram's endpoints mean nothing on facebook.com, and follower-looking text is not forwarded.
  assert.equal(await observe('/api/v1/media/1/comments/', fixture('comments_page2_rest.json'), page), null);
  assert.equal(await observe('/api/graphql/', fixture('followers_page2_graphql.json'), page), null);
});

test('direct inbox, requests, conversations and the activity feed go out as comments / notifications', async () => {
  const data = (name) => readFileSync(path.join(ROOT, 'tests/data', name), 'utf8');
  const COMMENTS = { list: 'comments', owner: '' };
  const INBOX = 'https://www.instagram.com/direct/inbox/';
  // REST, on any page (the inbox loads while other pages are open too).
  assert.deepEqual(await observe('/api/v1/direct_v2/inbox/?persistentBadging=true', data('direct/inbox.json')), COMMENTS);
  assert.deepEqual(await observe('/api/v1/direct_v2/pending_inbox/', data('direct/pending_inbox.json'), INBOX), COMMENTS);
  assert.deepEqual(await observe('/api/v1/direct_v2/threads/340282366841710300949128122292511800140/',
                                 data('direct/thread.json'), INBOX), COMMENTS);
  assert.deepEqual(await observe('/api/v1/news/inbox/', data('activity/news_inbox.json')),
                   { list: 'notifications', owner: '' });
  // GraphQL, compact as the web app receives it: the slide queries (they carry "users", so they
  // must not go out as a follower list) and the activity feed.
  for (const name of ['graphql_inbox', 'graphql_requests', 'graphql_thread', 'graphql_older_messages']) {
    assert.deepEqual(await observe('/api/graphql', compact(data(`direct/${name}.json`)), INBOX), COMMENTS, name);
  }
  assert.deepEqual(await observe('/graphql/query', compact(data('activity/graphql_activity_inbox.json'))),
                   { list: 'notifications', owner: '' });
  // On a direct page an unknown thread-like GraphQL form is forwarded (the engine decides, the page
  // may say it cannot read it); elsewhere it is not.
  const future = JSON.stringify({ data: { get_slide_thread_v2: { message_list: [] } } });
  assert.deepEqual(await observe('/api/graphql', future, 'https://www.instagram.com/direct/t/179000000000090002/'), COMMENTS);
  assert.equal(await observe('/api/graphql', future), null);
  assert.equal(await observe('/api/v1/direct_v2/threads/a%20b/', data('direct/thread.json')), null);
});
