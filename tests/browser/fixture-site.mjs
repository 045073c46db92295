// The local stand-in for www.instagram.com shared by the Chromium and Firefox browser tests: which
// URL serves which fixture file, what each fixture account must be rated, and the engine's own
// results for the same pages (the extension must show exactly those).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');

/** Root of the checkout. */
export const ROOT = path.resolve(here, '../..');
/** The only origin the tests serve; every other request is a failure. */
export const ORIGIN = 'https://www.instagram.com';
/** The followers dialog of the fixture profile. */
export const PAGE_URL = `${ORIGIN}/target_activist/followers/`;
/** A CSP in the spirit of Instagram's: no inline script or style, no eval. */
export const PAGE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
                        "connect-src 'self'; object-src 'none'; base-uri 'self'";
/** Response fixture per page the fixture app requests. */
export const FIXTURE_PAGES = {
  page1: 'followers_page1_rest.json',         // fetch GET /api/v1/friendships/<id>/followers/
  page2: 'followers_page2_graphql.json',      // XHR POST /graphql/query, responseType ''
  page3: 'followers_page3_api_graphql.json',  // XHR POST /api/graphql, responseType 'json'
};
/** Profile payloads the fixture app loads after the dialog (as the hover card does). */
export const PROFILE_FIXTURES = {
  profile: 'profile_web_profile_info.json',  // fetch GET /api/v1/users/web_profile_info/?username=dariush.k
  hovercard: 'hovercard_graphql.json',       // XHR POST /api/graphql, an XDT user (user7098123456)
};
/**
 * Whose profile each payload shows. dariush.k looks organic in the list (own name, photo, story)
 * but its profile shows a follow bot (no posts, 3 followers, 6,840 following, empty biography,
 * joined recently); user7098123456 is a list-tier bot whose hover card confirms it.
 */
export const PROFILE_USERS = { profile: 'dariush.k', hovercard: 'user7098123456' };
/** The tooltip line naming the evidence tier, as content.js writes it. */
export const tierLine = (tier) => `Evidence: ${tier} tier`;
/** Usernames per page, in row order. */
export const PAGE_USERS = {
  page1: ['user8815263094', 'sara.ahmadi', 'user5520918347', 'nasim.news', 'mahsa_r83920417', 'm.rezaei.photo'],
  page2: ['user3391047265', 'lena.fischer', 'user7098123456', 'evil.name', 'dariush.k'],
  page3: ['user6610293847', 'tara.music', 'user1029384756'],
};
/** Every swarm signal: digit-heavy handle, empty name, default avatar, private, no story. */
export const BOTS = ['user8815263094', 'user5520918347', 'mahsa_r83920417', 'user3391047265', 'user7098123456',
                     'user6610293847', 'user1029384756'];
/** The opposite: own name (Persian ones too), uploaded photo, public, live story; one verified. */
export const ORGANIC = ['sara.ahmadi', 'nasim.news', 'm.rezaei.photo', 'lena.fischer', 'dariush.k', 'tara.music'];
/** The account whose display name is markup; it must be shown as text. */
export const ATTACKER = 'evil.name';
export const ATTACKER_NAME = '<img src=x onerror=alert(1)>';

/** The unpacked extension under test: $SWARMLENS_EXT_DIR or dist/<browser>. */
/**
 * Firefox ESR with the unpacked extension installed, every page request intercepted. Request
 * interception covers the page only, not the background script, which re-reads profile pictures
 * from Meta's image hosts: a proxy on a closed local port makes every request that interception
 * does not answer fail, so nothing leaves the machine (the extension skips pictures it cannot
 * read; swarm.test.mjs and comments-swarm.test.mjs check the picture path in Chromium).
 */
export async function launchFirefox(puppeteer, ext) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: process.env.FIREFOX ?? '/usr/bin/firefox-esr',
    headless: true,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'network.proxy.socks_remote_dns': true,
    },
  });
  await browser.installExtension(ext);
  return browser;
}

/**
 * Firefox with `ext` installed (launchFirefox) and one page whose requests `answer(url)` serves
 * ({status, contentType, headers, body}) or, answering null, refuses (listed in `blocked`); data:
 * URLs pass. Returns {browser, page, blocked, pageErrors}.
 */
export async function openFirefoxPage(puppeteer, ext, answer) {
  const browser = await launchFirefox(puppeteer, ext);
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);  // failure bound only
  const blocked = [];
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  await page.setRequestInterception(true);
  page.on('request', async (request) => {
    const url = request.url();
    if (url.startsWith('data:')) return request.continue();
    const response = await answer(url);
    if (response) return request.respond(response);
    blocked.push(url);
    return request.abort();
  });
  return { browser, page, blocked, pageErrors };
}

export function extensionDir(browser) {
  const dir = path.resolve(process.env.SWARMLENS_EXT_DIR ?? path.join(ROOT, 'dist', browser));
  for (const file of ['manifest.json', 'engine/swarmlens.js', 'engine/swarmlens_engine.wasm']) {
    if (!existsSync(path.join(dir, file))) {
      throw new Error(`${dir}/${file} missing: run scripts/build wasm && scripts/build-extension`);
    }
  }
  return dir;
}

/** Reads the JSON fixtures as text: {page1, page2, page3, profile, hovercard}. */
export async function loadFixtureTexts() {
  const texts = {};
  for (const [key, file] of Object.entries({ ...FIXTURE_PAGES, ...PROFILE_FIXTURES })) {
    texts[key] = await readFile(path.join(fixtures, file), 'utf8');
  }
  return texts;
}

/**
 * What the site answers for `url`: {status, contentType, headers, body}, or null when the URL is
 * not part of the fixture site (the caller aborts it and fails the test).
 */
export async function serve(url, texts) {
  const { origin, pathname, searchParams } = new URL(url);
  if (origin !== ORIGIN) return null;
  const file = async (name, contentType, headers = {}) =>
    ({ status: 200, contentType, headers, body: await readFile(path.join(fixtures, name)) });
  const json = (key) => ({ status: 200, contentType: 'application/json; charset=utf-8', headers: {}, body: texts[key] });
  switch (pathname) {
    case '/target_activist/followers/':
      return file('followers.html', 'text/html; charset=utf-8', { 'content-security-policy': PAGE_CSP });
    case '/static/fixture-app.js': return file('fixture-app.js', 'text/javascript; charset=utf-8');
    case '/static/fixture.css': return file('fixture.css', 'text/css; charset=utf-8');
    case '/api/v1/friendships/1234567890/followers/': return json('page1');
    case '/graphql/query': return json('page2');
    case '/api/graphql': return json(searchParams.get('fixture') === 'hovercard' ? 'hovercard' : 'page3');
    case '/api/v1/users/web_profile_info/':
      return searchParams.get('username') === PROFILE_USERS.profile ? json('profile') : null;
    case '/favicon.ico': return { status: 404, contentType: 'text/plain', headers: {}, body: '' };
    default: return null;
  }
}

/**
 * Runs the extension's own engine in node on the fixture pages: username -> scored account. With
 * `withProfiles`, then also on the profile payloads the way background.js does (no list, no
 * owner), merged into the same engine.
 */
export async function expectedResults(extDir, texts, { withProfiles = false } = {}) {
  const { createEngine } = await import(pathToFileURL(path.join(extDir, 'engine/swarmlens.js')).href);
  const engine = await createEngine({ wasmBinary: await readFile(path.join(extDir, 'engine/swarmlens_engine.wasm')) });
  const expected = new Map();
  for (const key of Object.keys(FIXTURE_PAGES)) {
    const r = engine.ingest(texts[key], { list: 'followers', owner: 'target_activist', source: key });
    if (!r.ok) throw new Error(`node engine rejects ${key}: ${r.error.text}`);
    for (const account of r.accounts) expected.set(account.username, account);
  }
  if (withProfiles) {
    for (const key of Object.keys(PROFILE_FIXTURES)) {
      const r = engine.ingest(texts[key], { source: key });
      if (!r.ok) throw new Error(`node engine rejects ${key}: ${r.error.text}`);
      if (r.accounts.length !== 1 || r.accounts[0].username !== PROFILE_USERS[key]) {
        throw new Error(`${key} is not the profile of ${PROFILE_USERS[key]} (shape ${r.shape})`);
      }
      expected.set(r.accounts[0].username, r.accounts[0]);
    }
  }
  return expected;
}

/** In the page: the badges of every fixture row, username -> [{user, level, tip, aria}]. */
export function readBadges() {
  const state = {};
  for (const row of document.querySelectorAll('[data-fixture-user]')) {
    state[row.dataset.fixtureUser] = [...row.querySelectorAll('swarmlens-badge')].map((host) => {
      const badge = host.shadowRoot && host.shadowRoot.querySelector('.badge');
      return {
        user: host.getAttribute('data-swarmlens-user'),
        level: badge ? badge.querySelector('.label').textContent : null,
        tip: badge ? badge.querySelector('.tip').textContent : null,
        tier: badge ? badge.querySelector('.tip-tier')?.textContent ?? null : null,
        aria: badge ? badge.getAttribute('aria-label') : null,
      };
    });
  }
  return state;
}

/** In the page: true when every row of `names` has a badge. */
export function rowsHaveBadges(names) {
  return names.every((name) => {
    const row = document.querySelector(`[data-fixture-user="${name}"]`);
    return Boolean(row && row.querySelector('swarmlens-badge'));
  });
}

/** In the page: true when the badge of `username`'s row shows `line` as its evidence tier. */
export function rowShowsTier([username, line]) {
  const host = document.querySelector(`[data-fixture-user="${username}"] swarmlens-badge`);
  const tier = host && host.shadowRoot && host.shadowRoot.querySelector('.tip-tier');
  return Boolean(tier && tier.textContent === line);
}

/**
 * Checks `state` (from readBadges) against the engine: each named row has exactly one badge, for
 * its own user, at the engine's level, naming every reason (code and text) in tooltip and label,
 * and the engine's evidence tier (when the engine names one).
 */
export function assertBadges(assert, state, usernames, expected) {
  for (const name of usernames) {
    const badges = state[name];
    assert.ok(badges, `row ${name} exists`);
    assert.equal(badges.length, 1, `row ${name} has exactly one badge, got ${badges.length}`);
    const [badge] = badges;
    assert.equal(badge.user, name, `badge in row ${name} is for that user`);
    const want = expected.get(name);
    assert.ok(want, `the engine scored ${name}`);
    assert.equal(badge.level, want.level, `badge level of ${name} matches the engine`);
    assert.ok(badge.aria.includes(want.level), `aria-label of ${name} names the level`);
    assert.equal(badge.tier, want.tier ? tierLine(want.tier) : null, `tooltip of ${name} names the evidence tier`);
    for (const reason of want.reasons) {
      assert.ok(badge.tip.includes(reason.text), `tooltip of ${name} names reason "${reason.text}"`);
      assert.ok(badge.tip.includes(reason.code), `tooltip of ${name} names code ${reason.code}`);
      assert.ok(badge.aria.includes(reason.text), `aria-label of ${name} names reason "${reason.text}"`);
    }
  }
}
