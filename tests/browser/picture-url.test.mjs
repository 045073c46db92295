// Node test of extension/picture-url.js: which profile-picture URLs the background may fetch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IMAGE_HOST_SUFFIXES, pictureUrl } from '../../extension/picture-url.js';
import { HOSTILE_PICTURE_URLS } from './swarm-fixture.mjs';

test('accepts https pictures on subdomains of Meta\'s image hosts', () => {
  assert.deepEqual(IMAGE_HOST_SUFFIXES, ['.cdninstagram.com', '.fbcdn.net']);
  const ok = [
    'https://scontent.cdninstagram.com/v/t51.2885-19/1_n.jpg?stp=dst-jpg_s150x150&_nc_ht=x',
    'https://scontent-fra5-1.cdninstagram.com/v/t51.2885-19/2_n.jpg',
    'https://instagram.fthr1-1.fna.fbcdn.net/v/t51.2885-19/3_n.jpg',
    'https://SCONTENT.CDNINSTAGRAM.COM:443/a.jpg',  // normalised: lower-case host, default port dropped
  ];
  for (const url of ok) assert.equal(pictureUrl(url), new URL(url).href, url);
});

test('refuses every other URL', () => {
  const bad = [
    ...HOSTILE_PICTURE_URLS,
    'https://cdninstagram.com/a.jpg',            // the bare domain is no image host
    'https://fbcdn.net/a.jpg',
    'https://xcdninstagram.com/a.jpg',           // suffix without the dot
    'https://scontent.cdninstagram.com./a.jpg',  // trailing-dot host
    'https://scontent.cdninstagram.com@evil.example/a.jpg',
    'https://evil.example/?u=https://scontent.cdninstagram.com/a.jpg',
    'https://evil.example#.cdninstagram.com',
    'https://user@scontent.cdninstagram.com/a.jpg',
    'ftp://scontent.cdninstagram.com/a.jpg',
    'data:image/png;base64,AAAA',
    'javascript:alert(1)//.cdninstagram.com',
    '/v/t51.2885-19/relative.jpg',
    `https://scontent.cdninstagram.com/${'a'.repeat(2100)}`,
    '', 'not a url', null, undefined, 42, {},
  ];
  for (const url of bad) assert.equal(pictureUrl(url), null, String(url));
});
