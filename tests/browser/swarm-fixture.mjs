// A followers dialog with a swarm in it, for the browser tests of the swarm summary and the
// profile-picture clusters: the pages come from the CLI simulator (examples/demo.scenario, seed 7:
// 600 organic followers and a 120-account swarm created together, following in a burst, many of
// them sharing three re-encoded pictures), the profile pictures are drawn here and encoded as PNG,
// and the expected results come from the extension's own engine run in node on the same inputs.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { ORIGIN, PAGE_CSP, ROOT } from './fixture-site.mjs';

/** Whose followers the swarm dialog shows (the simulator's pages carry no owner). */
export const SWARM_OWNER = 'swarm_target';
/** The dialog page of the swarm fixture. */
export const SWARM_PAGE_URL = `${ORIGIN}/${SWARM_OWNER}/followers/`;
/** How many simulator pages (50 accounts each) the dialog loads: the swarm sits at positions 40-171. */
export const SWARM_PAGES = 4;
/** The hosts the extension may read pictures from (as the manifest's host_permissions). */
export const IMAGE_HOST = /^[a-z0-9.-]+\.(?:cdninstagram\.com|fbcdn\.net)$/;
/**
 * Picture URLs the extension must never fetch, given to organic accounts of the last page in
 * place of their own: another host, a look-alike host, plain http, a port, user info.
 */
export const HOSTILE_PICTURE_URLS = [
  'https://evil.example/v/t51.2885-19/1_n.jpg',
  'https://scontent.cdninstagram.com.evil.example/v/t51.2885-19/2_n.jpg',
  'http://scontent.cdninstagram.com/v/t51.2885-19/3_n.jpg',
  'https://scontent.cdninstagram.com:8443/v/t51.2885-19/4_n.jpg',
  'https://user:pass@scontent.cdninstagram.com/v/t51.2885-19/5_n.jpg',
  'https://notfbcdn.net/v/t51.2885-19/6_n.jpg',
];
/** Pictures are served at most this large for swarm pool keys, so the extension draws them 1:1. */
const EXACT_MAX = 128;

// ---- Simulator output ----------------------------------------------------------------------------

/** The simulator binary (scripts/build native). */
export function simulatorPath() {
  const bin = process.env.SWARMLENS_CLI ?? path.join(ROOT, 'build/native/cli/swarmlens');
  if (!existsSync(bin)) throw new Error(`${bin} missing: run scripts/build native (the swarm fixture is simulated)`);
  return bin;
}

function parseCsv(text) {
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const keys = header.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [keys[i], value])));
}

/**
 * Simulates the demo scenario into a temporary folder and reads back what the tests need:
 * {pages: [text...], users: [{username, profile_pic_url, anonymous, label, avatarKey, transform}],
 *  byUrl: Map(profile_pic_url -> user)}.
 */
export async function loadSwarmFixture() {
  const dir = await mkdtemp(path.join(tmpdir(), 'swarmlens-sim-'));
  try {
    execFileSync(simulatorPath(), ['simulate', path.join(ROOT, 'examples/demo.scenario'), '--seed', '7', '--out', dir],
                 { stdio: 'pipe' });
    const pages = [];
    for (let i = 1; i <= SWARM_PAGES; i++) {
      pages.push(await readFile(path.join(dir, 'followers', `page_${String(i).padStart(3, '0')}.json`), 'utf8'));
    }
    // Hostile picture URLs for the first organic accounts with a picture on the last page.
    const last = JSON.parse(pages[SWARM_PAGES - 1]);
    const labelOf = new Map(parseCsv(await readFile(path.join(dir, 'labels.csv'), 'utf8')).map((r) => [r.username, r.label]));
    const victims = last.users.filter((u) => labelOf.get(u.username) === 'organic' && !u.has_anonymous_profile_picture);
    const hostile = new Set();
    HOSTILE_PICTURE_URLS.forEach((url, i) => {
      victims[i].profile_pic_url = url;
      hostile.add(victims[i].username);
    });
    // The dialog ends here: the web app stops asking once a page has no next_max_id.
    last.next_max_id = null;
    last.has_more = false;
    pages[SWARM_PAGES - 1] = JSON.stringify(last);
    const avatars = new Map(parseCsv(await readFile(path.join(dir, 'avatars.csv'), 'utf8')).map((r) => [r.username, r]));
    const labels = new Map(parseCsv(await readFile(path.join(dir, 'labels.csv'), 'utf8')).map((r) => [r.username, r]));
    const users = [];
    const byUrl = new Map();
    for (const text of pages) {
      for (const u of JSON.parse(text).users) {
        const avatar = avatars.get(u.username);
        const user = {
          username: u.username,
          profile_pic_url: u.profile_pic_url,
          anonymous: u.has_anonymous_profile_picture === true,
          label: labels.get(u.username)?.label,
          avatarKey: avatar?.avatar_key,
          transform: avatar?.transform ?? '',
          hostile: hostile.has(u.username),
        };
        if (!user.label || !user.avatarKey) throw new Error(`simulator output lacks labels for ${u.username}`);
        users.push(user);
        byUrl.set(u.profile_pic_url, user);
      }
    }
    const nextIds = pages.map((text) => JSON.parse(text).next_max_id);
    return { pages, users, byUrl, nextIds };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- Synthetic profile pictures ------------------------------------------------------------------

/** A small seeded PRNG (mulberry32) so a key always draws the same picture. */
function random(seedText) {
  let seed = 2166136261;
  for (const ch of seedText) seed = Math.imul(seed ^ ch.codePointAt(0), 16777619);
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rotates an RGB colour's hue by `degrees` (the standard luma-preserving rotation matrix). */
function rotateHue([r, g, b], degrees) {
  const a = (degrees * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const m = [
    0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928,
    0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.140, 0.072 - c * 0.072 - s * 0.283,
    0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072,
  ];
  return [m[0] * r + m[1] * g + m[2] * b, m[3] * r + m[4] * g + m[5] * b, m[6] * r + m[7] * g + m[8] * b];
}

function parseTransform(text) {
  const out = { quality: 100, crop: 0, hue: 0, size: 150 };
  for (const part of text.split(';')) {
    const [k, v] = part.split('=');
    if (k in out && Number.isFinite(Number(v))) out[k] = Number(v);
  }
  return out;
}

/**
 * The picture of avatar `key` after the simulator's `transform` (quality=Q;crop=C;hue=H;size=S):
 * a two-colour gradient under overlapping rectangles and discs, all seeded by the key (so the
 * same key is the same scene), then cropped by C, hue-rotated by H degrees, drawn at S pixels
 * (swarm pool pictures at most EXACT_MAX, see above) and sprinkled with noise that grows as Q
 * falls (a stand-in for JPEG loss). Returns {width, height, data: Uint8Array RGBA}.
 */
export function drawPicture(key, transform = '') {
  const t = parseTransform(transform);
  const rnd = random(key);
  const colour = () => [rnd() * 255, rnd() * 255, rnd() * 255];
  const from = colour();
  const to = colour();
  const angle = rnd() * Math.PI * 2;
  const shapes = [];
  for (let i = 0; i < 7; i++) {
    const disc = rnd() < 0.5;
    shapes.push({ disc, x: rnd(), y: rnd(), w: 0.15 + rnd() * 0.45, h: 0.15 + rnd() * 0.45, colour: colour() });
  }
  const size = key.startsWith('organic') ? t.size : Math.min(EXACT_MAX, Math.round(t.size * 0.4));
  const noise = random(`${key}|${transform}`);
  const amplitude = (100 - t.quality) / 6;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // Pixel centre in scene coordinates; the crop keeps the window [C/2, 1 - C/2].
      const u = t.crop / 2 + ((x + 0.5) / size) * (1 - t.crop);
      const v = t.crop / 2 + ((y + 0.5) / size) * (1 - t.crop);
      const g = Math.min(1, Math.max(0, 0.5 + (u - 0.5) * Math.cos(angle) + (v - 0.5) * Math.sin(angle)));
      let rgb = [0, 1, 2].map((i) => from[i] + (to[i] - from[i]) * g);
      for (const s of shapes) {
        const dx = (u - s.x) / (s.w / 2);
        const dy = (v - s.y) / (s.h / 2);
        const inside = s.disc ? dx * dx + dy * dy <= 1 : Math.abs(dx) <= 1 && Math.abs(dy) <= 1;
        if (inside) rgb = s.colour;
      }
      rgb = rotateHue(rgb, t.hue);
      const o = (y * size + x) * 4;
      for (let i = 0; i < 3; i++) {
        const n = amplitude ? (noise() - 0.5) * 2 * amplitude : 0;
        data[o + i] = Math.max(0, Math.min(255, Math.round(rgb[i] + n)));
      }
      data[o + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

// ---- PNG encoding --------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, body) {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, 'latin1');
  body.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length);
  return out;
}

/** Encodes RGBA pixels as an 8-bit RGBA PNG (no colour profile: browsers take it as sRGB). */
export function encodePng({ width, height, data }) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;  // bit depth
  header[9] = 6;  // colour type RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;  // filter: none
    Buffer.from(data.buffer, data.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** The PNG bytes served for a fixture user's profile_pic_url (drawn once per URL). */
export function pictureCache() {
  const cache = new Map();
  return (user) => {
    if (!cache.has(user.profile_pic_url)) {
      const image = drawPicture(user.avatarKey, user.transform);
      cache.set(user.profile_pic_url, { image, png: encodePng(image) });
    }
    return cache.get(user.profile_pic_url);
  };
}

// ---- The stand-in site -------------------------------------------------------------------------

/**
 * What the swarm site answers for `url` ({status, contentType, headers, body}), or null when the
 * URL is not part of it: the dialog page, its script and CSS, and the follower pages by max_id.
 */
export async function serveSwarm(url, fixture) {
  const { origin, pathname, searchParams } = new URL(url);
  if (origin !== ORIGIN) return null;
  const fixtures = path.join(ROOT, 'tests/browser/fixtures');
  const file = async (name, contentType, headers = {}) =>
    ({ status: 200, contentType, headers, body: await readFile(path.join(fixtures, name)) });
  switch (pathname) {
    case `/${SWARM_OWNER}/followers/`:
      return file('swarm.html', 'text/html; charset=utf-8', { 'content-security-policy': PAGE_CSP });
    case '/static/swarm-app.js': return file('swarm-app.js', 'text/javascript; charset=utf-8');
    case '/static/fixture.css': return file('fixture.css', 'text/css; charset=utf-8');
    case '/api/v1/friendships/5550001/followers/': {
      const maxId = searchParams.get('max_id');
      const index = maxId === null ? 0 : fixture.nextIds.indexOf(maxId) + 1;
      if (index < 0 || (maxId !== null && index === 0) || index >= fixture.pages.length) {
        return { status: 404, contentType: 'application/json', headers: {}, body: '{"status":"fail"}' };
      }
      return { status: 200, contentType: 'application/json; charset=utf-8', headers: {}, body: fixture.pages[index] };
    }
    case '/favicon.ico': return { status: 404, contentType: 'text/plain', headers: {}, body: '' };
    default: return null;
  }
}

// ---- What the engine says ------------------------------------------------------------------------

/**
 * Runs the extension's engine in node the way background.js does: the pages with list
 * followers, the owner and continuing positions, then every non-anonymous picture (the same RGBA
 * that was encoded). Returns {accounts: Map(username -> account), clusters (with members),
 * pagesClusters: clusters after the pages alone}.
 */
export async function expectedSwarm(extDir, fixture, pictures) {
  const { createEngine } = await import(pathToFileURL(path.join(extDir, 'engine/swarmlens.js')).href);
  const engine = await createEngine({ wasmBinary: await readFile(path.join(extDir, 'engine/swarmlens_engine.wasm')) });
  let position = 0;
  let pagesClusters = [];
  for (const [i, text] of fixture.pages.entries()) {
    const r = engine.ingest(text, { list: 'followers', owner: SWARM_OWNER, source: `page${i + 1}`, firstPosition: position });
    if (!r.ok) throw new Error(`node engine rejects page ${i + 1}: ${r.error.text}`);
    position += r.accounts.length;
    pagesClusters = r.clusters;
  }
  for (const user of fixture.users) {
    if (user.anonymous || user.hostile) continue;
    const { png, image } = pictures(user);
    const r = engine.addAvatar(user.username, image, new Uint8Array(png));
    if (!r.ok) throw new Error(`node engine rejects the picture of ${user.username}: ${r.error.text}`);
  }
  const ranked = engine.ranked();
  engine.dispose();
  return { accounts: new Map(ranked.accounts.map((a) => [a.username, a])), clusters: ranked.clusters, pagesClusters };
}

/**
 * Routes a browser context for the swarm site: `allowedSchemes` pass, the fixture site is served
 * by serveSwarm, everything else is blocked and recorded in `blocked`.
 */
export async function routeSwarmSite(context, fixture, blocked, allowedSchemes) {
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowedSchemes.test(url)) return route.continue();
    blocked.push(url);
    return route.abort('blockedbyclient');
  });
  await context.route(`${ORIGIN}/**`, async (route) => {
    const answer = await serveSwarm(route.request().url(), fixture);
    if (!answer) {
      blocked.push(route.request().url());
      return route.abort('blockedbyclient');
    }
    return route.fulfill(answer);
  });
}
