// Deterministic synthetic follower pages for the benchmarks, generated in memory (no data files
// are committed). Pages have the REST `/api/v1/friendships/<id>/followers/` shape with the keys
// and value sizes of real pages (long CDN avatar URLs, string ids), 50 users per page like the
// web app, about 1 in 5 users bot-like (digit-suffixed handle, empty name, default avatar), and
// display names in Latin and Persian script with the odd emoji.
//
//   import { makePages } from './make_pages.mjs';
//   const pages = makePages({ pages: 200, perPage: 50 });   // array of JSON strings
//
// Run directly it writes one page per line (JSON has no raw newlines) for the native benchmark:
//   node bench/make_pages.mjs [pages] [perPage] > pages.jsonl

import { pathToFileURL } from 'node:url';

const FIRST = ['sara', 'ali', 'maryam', 'reza', 'zahra', 'amir', 'negar', 'hossein', 'emma', 'lucas',
               'noah', 'mia', 'olivia', 'leon', 'sofia', 'omid', 'parisa', 'kian', 'nika', 'arman'];
const LAST = ['ahmadi', 'mohammadi', 'hosseini', 'rezaei', 'karimi', 'mousavi', 'jafari', 'ghasemi',
              'smith', 'garcia', 'muller', 'rossi', 'kim', 'novak', 'silva', 'tehrani'];
const FIRST_FA = ['سارا', 'علی', 'مریم', 'رضا', 'زهرا', 'امیر', 'نگار', 'حسین', 'امید', 'پریسا'];
const LAST_FA = ['احمدی', 'محمدی', 'حسینی', 'رضایی', 'کریمی', 'موسوی', 'جعفری', 'قاسمی'];
const FIRST_LATIN = ['Sara', 'Ali', 'Maryam', 'Reza', 'Emma', 'Lucas', 'Noah', 'Mia', 'Leon', 'Sofia'];
const LAST_LATIN = ['Ahmadi', 'Rezaei', 'Smith', 'García', 'Müller', 'Rossi', 'Kim', 'Novak'];
const EMOJI = ['🌹', '✨', '🇮🇷', '💚', '📷', '🕊️'];
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const DEFAULT_AVATAR = 'https://scontent-fra5-1.cdninstagram.com/v/t51.2885-19/' +
  '44884218_345707102882519_2446069589734326272_n.jpg?_nc_ht=scontent-fra5-1.cdninstagram.com' +
  '&_nc_cat=1&_nc_ohc=QqOyAAAAAAAAAAAAAAAA&edm=APQMUHMBAAAA&ccb=7-5' +
  '&ig_cache_key=YW5vbnltb3VzX3Byb2ZpbGVfcGlj.2-ccb7-5&oh=00_AYAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' +
  '&oe=67000000&_nc_sid=e50d24';

/** mulberry32: a small deterministic PRNG (same seed, same pages, on every machine). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeUser(r, index) {
  const int = (n) => Math.floor(r() * n);
  const pick = (list) => list[int(list.length)];
  const digits = (n) => Array.from({ length: n }, () => int(10)).join('');
  const b64 = (n) => Array.from({ length: n }, () => B64[int(64)]).join('');
  const hex = (n) => Array.from({ length: n }, () => '0123456789abcdef'[int(16)]).join('');

  // Older accounts have smaller ids; swarm accounts are mostly recent.
  const bot = r() < 0.2;
  const pk = String(bot ? 60000000000 + int(9000000000) : 100000000 + int(59000000000) + index);
  let username;
  let fullName;
  if (bot) {
    const f = pick(FIRST);
    username = pick([`${f}${digits(8)}`, `user${digits(10)}`, `${f}_${b64(4).toLowerCase()}${digits(5)}`])
      .replace(/[^a-z0-9._]/g, 'x');
    fullName = r() < 0.6 ? '' : pick(FIRST_LATIN);
  } else {
    const f = pick(FIRST);
    const l = pick(LAST);
    username = pick([`${f}.${l}`, `${f}_${l}${digits(2)}`, `${f}${l}`, `the.${f}`, `${l}.${f}.${digits(1)}`]);
    fullName = r() < 0.45
      ? `${pick(FIRST_FA)} ${pick(LAST_FA)}`
      : `${pick(FIRST_LATIN)} ${pick(LAST_LATIN)}`;
    if (r() < 0.15) fullName += ` ${pick(EMOJI)}`;
  }
  const anonymous = bot ? r() < 0.7 : r() < 0.03;
  const picId = `${digits(19)}_${pk}`;
  const url = anonymous
    ? DEFAULT_AVATAR
    : `https://scontent-fra5-1.cdninstagram.com/v/t51.2885-19/${digits(9)}_${digits(15)}_${digits(19)}_n.jpg` +
      `?stp=dst-jpg_e0_s150x150_tt6&_nc_ht=scontent-fra5-1.cdninstagram.com&_nc_cat=10${int(10)}` +
      `&_nc_oc=${b64(22)}&_nc_ohc=${b64(11)}&_nc_gid=${hex(32)}&edm=APQMUHMBAAAA&ccb=7-5` +
      `&oh=00_${b64(43)}&oe=${hex(8).toUpperCase()}&_nc_sid=e50d24`;
  return {
    pk, pk_id: pk, id: pk, strong_id__: pk,
    fbid_v2: `178414${digits(11)}`,
    username,
    full_name: fullName,
    is_private: bot ? r() < 0.6 : r() < 0.35,
    is_verified: !bot && r() < 0.01,
    third_party_downloads_enabled: int(2),
    ...(anonymous ? {} : { profile_pic_id: picId }),
    profile_pic_url: url,
    has_anonymous_profile_picture: anonymous,
    account_badges: [],
    latest_reel_media: r() < 0.25 ? 1710000000 + int(86400) : 0,
  };
}

/**
 * One REST followers page as a JSON string.
 * @param {number} perPage Users on the page.
 * @param {number} seed PRNG seed; the same seed gives the same page.
 */
export function makePage(perPage, seed) {
  const r = rng(seed);
  const users = [];
  for (let i = 0; i < perPage; i++) users.push(makeUser(r, i));
  return JSON.stringify({
    users,
    big_list: true,
    page_size: perPage,
    next_max_id: `QVFE${b64Seed(seed)}`,
    has_more: true,
    should_limit_list_of_followers: false,
    use_clickable_see_more: false,
    show_spam_follow_request_tab: false,
    global_blacklist_sample: null,
    sections: null,
    status: 'ok',
  });
}

function b64Seed(seed) {
  const r = rng(seed ^ 0x5bd1e995);
  return Array.from({ length: 40 }, () => B64[Math.floor(r() * 64)]).join('');
}

/**
 * A list of `pages` pages of `perPage` users (distinct users across pages).
 * @returns {string[]}
 */
export function makePages({ pages = 200, perPage = 50, seed = 1 } = {}) {
  return Array.from({ length: pages }, (_, i) => makePage(perPage, seed * 100003 + i));
}

// CLI: one page per line on stdout.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const pages = Number(process.argv[2] ?? 200);
  const perPage = Number(process.argv[3] ?? 50);
  process.stdout.write(makePages({ pages, perPage }).join('\n') + '\n');
}
