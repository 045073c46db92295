// SwarmLens page hook: runs in the page's MAIN world at document_start on www.instagram.com and
// www.facebook.com.
//
// It observes the responses to the requests the Instagram web app already makes for follower and
// following lists, for the profiles and hover cards the user opens, for comment threads (REST
// comments and replies, GraphQL comment connections; on Facebook only GraphQL responses that
// mention comments), for the direct inbox, message requests and conversations (REST direct_v2,
// GraphQL slide mailbox / thread queries: read like comment threads) and for the activity feed's
// notifications (REST news/inbox, GraphQL xdt_activity_inbox), with fetch and XMLHttpRequest, and hands their JSON text to the isolated
// content script. It never issues a request, never changes what the page receives, and keeps the wrapped
// functions' semantics: same return value, same promise, exceptions propagate unchanged.
//
// Channel: a CustomEvent named EVENT on `document` whose `detail` is one JSON string
// ({v, url, list, owner, text}; list is 'followers', 'following', '', 'profile', 'comments' or
// 'notifications'). A string crosses the MAIN/isolated world boundary in both
// Chromium and Firefox, where object details do not. Page scripts can dispatch the same event, so
// the content script treats every message as untrusted.
(() => {
  'use strict';

  const EVENT = 'swarmlens:payload';
  // Larger bodies are not follower pages; skipping them bounds the copy we make.
  const MAX_TEXT = 8 * 1024 * 1024;
  const REST_PATH = /^\/api\/v1\/friendships\/[0-9]+\/(followers|following)\/?$/;
  const GRAPHQL_PATH = /^\/(?:graphql\/query|api\/graphql)\/?$/;
  // The profile page and the hover card: web_profile_info/?username=<name> and <id>/info/.
  const PROFILE_PATH = /^\/api\/v1\/users\/(?:web_profile_info|[0-9]+\/info)\/?$/;
  // A GraphQL profile or hover card carries a user's own counts: "follower_count" (XDT, maybe
  // alias-prefixed like "1lfollower_count") or edge_followed_by as just {"count": N}. A legacy
  // follower list has page_info and edges inside edge_followed_by, so it does not match.
  const PROFILE_COUNT = /"(?:[0-9][a-z])?follower_count"\s*:|"edge_followed_by"\s*:\s*\{\s*"count"\s*:\s*"?[0-9]*"?\s*\}/;
  // Comments of a post and replies to one comment: /api/v1/media/<id>/comments/[<cid>/child_comments/].
  const COMMENTS_PATH = /^\/api\/v1\/media\/[0-9_]+\/comments\/(?:[0-9]+\/child_comments\/?)?$/;
  // The GraphQL comment connections (top level and replies) share this root-field prefix.
  const COMMENTS_FIELD = 'xdt_api__v1__media__media_id__comments__';
  const FACEBOOK_GRAPHQL_PATH = /^\/api\/graphql\/?$/;
  // A Facebook GraphQL response that may carry comments (the engine decides finally).
  const FACEBOOK_COMMENTS = /"(?:comments?|[a-z_]*comment[a-z_]*)"\s*:|"__typename"\s*:\s*"Comment"/i;
  const DIALOG_PATH = /^\/([A-Za-z0-9._]{1,30})\/(followers|following)\/?/;
  // The direct inbox, message requests and one conversation (REST), and the activity feed.
  const DIRECT_PATH = /^\/api\/v1\/direct_v2\/(?:inbox|pending_inbox|threads\/[0-9A-Za-z_-]{1,64})\/?$/;
  const NEWS_PATH = /^\/api\/v1\/news\/inbox\/?$/;
  // GraphQL root fields of the direct queries (PolarisDirectInboxQuery, PolarisDirectMessageRequestQuery,
  // IGDThreadDetailQuery, IGDMessageListOffMsysQuery) and of the activity feed.
  const DIRECT_FIELDS = /"(?:get_slide_mailbox(?:_for_iris_subscription)?|get_slide_thread_nullable|fetch__SlideThread|spamMailbox)"\s*:/;
  const ACTIVITY_FIELD = '"xdt_activity_inbox"';
  // On the direct pages a GraphQL response that may be a new form of a thread or inbox: forwarded
  // so that, when the engine cannot read it, the page says so and its key outline is logged.
  const DIRECT_PAGE = /^\/direct\//;
  const DIRECT_HINT = /"[a-z0-9_]*(?:thread|message|mailbox|inbox)[a-z0-9_]*"\s*:/i;
  // The same on a post or reel page for a GraphQL response that names comments.
  const POST_PAGE = /^\/(?:p|reel|reels|tv)\/[A-Za-z0-9_-]{1,64}\/?$/;
  const COMMENT_HINT = /"[a-z0-9_]*comment[a-z0-9_]*"\s*:/i;

  // Keep our own references: later page code may replace these globals.
  const nativeFetch = window.fetch;
  const XHR = window.XMLHttpRequest;
  const xhrOpen = XHR && XHR.prototype.open;
  const xhrSend = XHR && XHR.prototype.send;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const listen = EventTarget.prototype.addEventListener;
  const stringify = JSON.stringify;
  const urlOf = new WeakMap();  // XMLHttpRequest -> URL string given to open()

  /** Returns {list} when `url` is a request whose response may hold a user list, else null. */
  function classify(url) {
    let parsed;
    try {
      parsed = new URL(url, location.href);
    } catch {
      return null;
    }
    if (/(^|\.)facebook\.com$/.test(parsed.hostname)) {
      return FACEBOOK_GRAPHQL_PATH.test(parsed.pathname) ? { list: 'comments', rest: false, facebook: true } : null;
    }
    if (!/(^|\.)instagram\.com$/.test(parsed.hostname)) return null;
    if (COMMENTS_PATH.test(parsed.pathname) || DIRECT_PATH.test(parsed.pathname)) return { list: 'comments', rest: true };
    if (NEWS_PATH.test(parsed.pathname)) return { list: 'notifications', rest: true };
    const rest = REST_PATH.exec(parsed.pathname);
    if (rest) return { list: rest[1], rest: true };
    if (PROFILE_PATH.test(parsed.pathname)) return { list: 'profile', rest: true };
    if (GRAPHQL_PATH.test(parsed.pathname)) return { list: '', rest: false };
    return null;
  }

  /** The profile whose list the page shows, and which list, from `/<owner>/followers/`. */
  function dialogContext() {
    const m = DIALOG_PATH.exec(location.pathname);
    return m ? { owner: m[1], list: m[2] } : { owner: '', list: '' };
  }

  /** True when a GraphQL response text looks like one profile user rather than a user list. */
  function looksLikeProfile(text) {
    return text.includes('"username"') && !text.includes('"users"') && PROFILE_COUNT.test(text);
  }

  /** Posts one response text to the content script when it plausibly carries a user list or profile. */
  function report(url, kind, text) {
    if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TEXT) return;
    if (kind.facebook) {
      if (FACEBOOK_COMMENTS.test(text)) post(url, 'comments', '', text);
      return;
    }
    if (kind.list === 'comments' || (!kind.rest && (text.includes(COMMENTS_FIELD) || DIRECT_FIELDS.test(text)))) {
      post(url, 'comments', '', text);
      return;
    }
    if (kind.list === 'notifications' || (!kind.rest && text.includes(ACTIVITY_FIELD))) {
      post(url, 'notifications', '', text);
      return;
    }
    if (!kind.rest && ((DIRECT_PAGE.test(location.pathname) && DIRECT_HINT.test(text)) ||
                       (POST_PAGE.test(location.pathname) && COMMENT_HINT.test(text)))) {
      post(url, 'comments', '', text);
      return;
    }
    // Cheap filters: GraphQL serves every query at one URL; the engine decides finally.
    const profile = kind.list === 'profile' || (!kind.rest && looksLikeProfile(text));
    if (!kind.rest && !profile && !(text.includes('"users"') || text.includes('edge_followed_by') ||
                                    text.includes('edge_follow'))) {
      return;
    }
    const context = dialogContext();
    let list = kind.list;
    if (profile) {
      // A profile view is in no list, whatever dialog is open behind the hover card.
      list = 'profile';
      context.owner = '';
    } else if (!list) {
      if (text.includes('edge_followed_by') || text.includes('friendships__followers')) {
        list = 'followers';
      } else if (text.includes('edge_follow') || text.includes('friendships__following')) {
        list = 'following';
      } else {
        list = context.list;
      }
    }
    post(url, list, context.owner, text);
  }

  function post(url, list, owner, text) {
    const detail = stringify({ v: 1, url: String(url), list, owner, text });
    dispatch.call(document, new CustomEvent(EVENT, { detail }));
  }

  function requestUrl(input) {
    if (typeof input === 'string') return input;
    if (input && typeof input.url === 'string') return input.url;  // Request
    return String(input);  // URL objects and anything with toString, as fetch does
  }

  if (typeof nativeFetch === 'function') {
    // Named `fetch` (and `.length` as native) so stack traces and reflection look as before.
    const wrapped = {
      fetch(input) {
        // Called first and outside any try: a synchronous throw propagates as it would unwrapped.
        const result = Reflect.apply(nativeFetch, this, arguments);
        try {
          const kind = classify(requestUrl(input));
          if (kind) {
            // Registered before the caller can attach its own handlers, so clone() runs before
            // the page reads the body; we read only the clone.
            result.then(async (response) => {
              if (!response || !response.ok) return;
              const text = await response.clone().text();
              report(response.url || requestUrl(input), kind, text);
            }).catch(() => {});  // A failed fetch is the page's to handle; ours stays silent.
          }
        } catch {
          // Observation must never break the page's request.
        }
        return result;
      },
    }.fetch;
    window.fetch = wrapped;
  }

  if (typeof xhrOpen === 'function' && typeof xhrSend === 'function') {
    function onLoad() {
      try {
        const url = this.responseURL || urlOf.get(this);
        const kind = url && classify(url);
        if (!kind || this.status < 200 || this.status >= 300) return;
        const type = this.responseType;
        if (type === '' || type === 'text') {
          report(url, kind, this.responseText);
        } else if (type === 'json' && this.response !== null) {
          report(url, kind, stringify(this.response));
        }
      } catch {
        // Never let observation surface as a page error.
      }
    }
    XHR.prototype.open = {
      open(method, url) {
        const result = Reflect.apply(xhrOpen, this, arguments);
        try {
          urlOf.set(this, String(url));
        } catch {
          // String(url) can throw for exotic objects; the native open already accepted it.
        }
        return result;
      },
    }.open;
    XHR.prototype.send = {
      send() {
        try {
          if (urlOf.has(this) && classify(urlOf.get(this))) {
            // A listener, not an onload property: the page's own handlers stay untouched.
            listen.call(this, 'load', onLoad, { once: true });
          }
        } catch {
          // Fall through to the native send.
        }
        return Reflect.apply(xhrSend, this, arguments);
      },
    }.send;
  }
})();
