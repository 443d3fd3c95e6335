import { LecternError } from '../core/errors.js';
import {
  COURSE_FILES,
  courseUrl,
  FILE_NAME_PATTERN,
  isDeckId,
  SITE_FOLDERS,
  VERSION_PATTERN,
  versionUrl,
} from './layout.js';
import { isPageFileName, PAGE_INDEX } from './page-files.js';

/** What a site path names; anything else (including any attempt to climb out) is `not-found`. */
export type SitePath =
  | { kind: 'site'; name: string }
  | { kind: 'asset'; path: string }
  | { kind: 'deck'; id: string; name: string; version?: string }
  | { kind: 'course'; id: string; name: string }
  | { kind: 'media'; name: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'not-found' };

/**
 * Map a request path to what it names. Each segment is decoded on its own and must be a plain name:
 * no `.` or `..`, no encoded slash or backslash, no NUL; so no path can reach outside the store or
 * the asset list, however it is encoded.
 */
export function resolveSitePath(rawPath: string): SitePath {
  const segments = decodeSegments(rawPath);
  if (!segments) return { kind: 'not-found' };
  const [first, ...rest] = segments;

  if (segments.length === 1 && first === '') return { kind: 'site', name: PAGE_INDEX };
  if (segments.length === 1 && first !== undefined && isPageFileName(first))
    return { kind: 'site', name: first };
  if (first === SITE_FOLDERS.assets && rest.length > 0 && rest.every((s) => s !== '')) {
    return { kind: 'asset', path: rest.join('/') };
  }
  if (first === SITE_FOLDERS.courses) return coursePath(rest);
  if (first === SITE_FOLDERS.media) {
    const [name, ...more] = rest;
    return name !== undefined && more.length === 0 && FILE_NAME_PATTERN.test(name)
      ? { kind: 'media', name }
      : { kind: 'not-found' };
  }
  if (first !== SITE_FOLDERS.decks) return { kind: 'not-found' };

  const [id, second, third, fourth, ...more] = rest;
  if (id === undefined || !isDeckId(id)) return { kind: 'not-found' };
  // `/decks/{id}` and `/decks/{id}/` alike name the current deck, which itself redirects to its version.
  if (second === undefined) return deckFile(id, '');
  // `/decks/{id}/v` is the versions folder, not a file.
  if (third === undefined && second === 'v') return { kind: 'not-found' };
  if (third === undefined) return deckFile(id, second);
  if (second === 'v' && VERSION_PATTERN.test(third) && more.length === 0) {
    if (fourth === undefined) return { kind: 'redirect', location: versionUrl(id, third) };
    return deckFile(id, fourth, third);
  }
  return { kind: 'not-found' };
}

/**
 * A redirect's Location with the request's query string kept (`?speaker`, `?print-pdf`), so links
 * without the trailing slash lose nothing. The location is always a same-site path (one leading
 * `/`, never `//`); the query only follows it, percent-encoded where a header could not carry it.
 */
export function redirectLocation(location: string, rawQuery: string): string {
  if (!location.startsWith('/') || location.startsWith('//')) {
    throw new LecternError(
      'off-site-redirect',
      `Refusing a redirect off the site: ${JSON.stringify(location)}`,
    );
  }
  const query = rawQuery.startsWith('?') ? rawQuery.slice(1) : rawQuery;
  if (query === '') return location;
  return `${location}?${query.replace(/[^!-~]/gu, (char) => encodeURIComponent(char))}`;
}

function deckFile(id: string, name: string, version?: string): SitePath {
  const file = name === '' ? 'index.html' : name;
  if (!FILE_NAME_PATTERN.test(file)) return { kind: 'not-found' };
  return version ? { kind: 'deck', id, name: file, version } : { kind: 'deck', id, name: file };
}

/** `/courses/{id}/`: the course's public page (its stored document is the API's to show). */
function coursePath([id, name, ...more]: string[]): SitePath {
  if (id === undefined || !isDeckId(id) || more.length > 0) return { kind: 'not-found' };
  if (name === undefined) return { kind: 'redirect', location: courseUrl(id) };
  if (name !== '' && name !== COURSE_FILES.page) return { kind: 'not-found' };
  return { kind: 'course', id, name: COURSE_FILES.page };
}

function decodeSegments(rawPath: string): string[] | undefined {
  if (!rawPath.startsWith('/')) return undefined;
  const segments: string[] = [];
  const parts = rawPath.slice(1).split('/');
  for (const [index, part] of parts.entries()) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    const last = index === parts.length - 1;
    if (segment === '' && !last) return undefined;
    if (segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return undefined;
    segments.push(segment);
  }
  return segments;
}
