// Which profile-picture URLs the background may fetch: https on Meta's image hosts only. A module
// of its own so that node tests can check it without a browser (tests/browser/picture-url.test.mjs).

/** Host suffixes of Meta's image CDNs, with the leading dot (exactly the manifest's host_permissions). */
export const IMAGE_HOST_SUFFIXES = Object.freeze(['.cdninstagram.com', '.fbcdn.net']);
/** Longer URLs are refused (Instagram's signed picture URLs are about 300 characters). */
export const MAX_PICTURE_URL = 2048;

/**
 * Returns `value` as a normalised URL string when it is an https URL on a Meta image host (a
 * subdomain of cdninstagram.com or fbcdn.net) with no user info and the default port, else null.
 * @param {unknown} value A profile_pic_url as the page received it (attacker-influenced).
 * @returns {string|null}
 */
export function pictureUrl(value) {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_PICTURE_URL) return null;
  let url;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  // URL normalises an explicit :443 to '' and lower-cases the host; any other port is refused.
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') return null;
  const host = url.hostname;
  if (!IMAGE_HOST_SUFFIXES.some((suffix) => host.length > suffix.length && host.endsWith(suffix))) return null;
  return url.href;
}
