import { createHash } from 'node:crypto';
import { LecternError } from '../core/errors.js';

/**
 * The site's content security policy.
 *
 * reveal.js's notes plugin builds its speaker view by writing an HTML page with one inline <script> and
 * one inline <style> into an about:blank popup, which inherits the deck's policy. Rather than open the
 * policy to 'unsafe-inline', we allow exactly those blocks by hash, computed from the plugin file we ship.
 */

export interface InlineHashes {
  scripts: string[];
  styles: string[];
  styleAttributes: string[];
}

/** reveal.js no longer holds the inline markup whose hashes the CSP allows: an upgrade changed it. */
export class CspSourceError extends LecternError {
  constructor(message: string) {
    super('csp-source-changed', message);
  }
}

const MARKER = '.document.write(`';

/** Hashes of the inline script, style and style attributes of the notes plugin's speaker view. */
export function speakerViewHashes(notesPluginSource: string): InlineHashes {
  const start = notesPluginSource.indexOf(MARKER);
  const end = notesPluginSource.indexOf('`)', start);
  if (start < 0 || end < 0) {
    throw new CspSourceError(
      'reveal.js notes plugin: speaker view markup not found; the CSP hashes need updating',
    );
  }
  const html = unescapeTemplate(notesPluginSource.slice(start + MARKER.length, end));
  const hashes = (pattern: RegExp) => [
    ...new Set([...html.matchAll(pattern)].map((m) => sha256(m[1] ?? ''))),
  ];
  const result = {
    scripts: hashes(/<script>([\s\S]*?)<\/script>/g),
    styles: hashes(/<style>([\s\S]*?)<\/style>/g),
    styleAttributes: hashes(/\sstyle="([^"]*)"/g),
  };
  if (result.scripts.length === 0)
    throw new CspSourceError('reveal.js notes plugin: no inline script found in the speaker view');
  return result;
}

/**
 * Hashes of the inline styles two other shipped plugins add at run time: the highlight plugin's
 * line-number style sheet (a <style> it appends on load) and the search plugin's box (a style attribute).
 */
export function pluginStyleHashes(highlightPluginSource: string, searchPluginSource: string): InlineHashes {
  // `n.innerHTML=m(`.{0}{…}.{1}:before{content:attr({2})}`,[r,a,o])`: a format string filled with three variables.
  const sheet = /innerHTML=\w+\(`(\.\{0\}[^`]*)`,\[(\w+),(\w+),(\w+)\]\)/.exec(highlightPluginSource);
  // Each variable's last assignment before the sheet: the minified bundle reuses short names elsewhere.
  const before = highlightPluginSource.slice(0, sheet?.index ?? 0);
  const values = sheet
    ?.slice(2, 5)
    .map((name) => [...before.matchAll(new RegExp(`[,\\s]${name}=\`([^\`]*)\``, 'g'))].at(-1)?.[1]);
  if (!sheet?.[1] || !values || values.some((v) => v === undefined)) {
    throw new CspSourceError(
      'reveal.js highlight plugin: line-number style sheet not found; the CSP hashes need updating',
    );
  }
  const css = sheet[1].replace(/\{(\d)\}/g, (_, i: string) => values[Number(i)] ?? '');
  const attributes = [...searchPluginSource.matchAll(/\sstyle="([^"]*)"/g)].map((m) => sha256(m[1] ?? ''));
  if (attributes.length === 0)
    throw new CspSourceError('reveal.js search plugin: search box markup not found');
  return { scripts: [], styles: [sha256(css)], styleAttributes: [...new Set(attributes)] };
}

/**
 * The two style sheets reveal.js's print view (`?print-pdf`) adds for a deck of the given size
 * (reveal.js's defaults, which Lectern's decks use): the page size, and limits on media.
 */
export function printStyleHashes(
  revealSource: string,
  width = 960,
  height = 700,
  margin = 0.04,
): InlineHashes {
  const page = '@page{size:`+o+`px `+s+`px; margin: 0px;}';
  const media =
    '.reveal section>img, .reveal section>video, .reveal section>iframe{max-width: `+c+`px; max-height:`+u+`px}';
  if (!revealSource.includes(page.slice(0, 12)) || !revealSource.includes(media.slice(0, 40))) {
    throw new CspSourceError(
      'reveal.js print view: its style sheets were not found; the CSP hashes need updating',
    );
  }
  const pageWidth = Math.floor(width * (1 + margin));
  const pageHeight = Math.floor(height * (1 + margin));
  return {
    scripts: [],
    styles: [
      sha256(`@page{size:${pageWidth}px ${pageHeight}px; margin: 0px;}`),
      sha256(
        `.reveal section>img, .reveal section>video, .reveal section>iframe{max-width: ${width}px; max-height:${height}px}`,
      ),
    ],
    styleAttributes: [],
  };
}

/** Several sets of hashes as one, without repeats. */
export function mergeHashes(...sets: InlineHashes[]): InlineHashes {
  const all = (key: keyof InlineHashes) => [...new Set(sets.flatMap((set) => set[key]))];
  return { scripts: all('scripts'), styles: all('styles'), styleAttributes: all('styleAttributes') };
}

/**
 * The policy every page of the site is sent with: only our own origin, plus the speaker view's exact
 * blocks. Deployed, the instructors' page also PUTs figures to the bucket by pre-signed URL: that one
 * origin (`uploadOrigin`) is added to connect-src, nothing else.
 */
export function contentSecurityPolicy(hashes: InlineHashes, uploadOrigin?: string): string {
  const styleAttrs = hashes.styleAttributes.length > 0 ? ["'unsafe-hashes'", ...hashes.styleAttributes] : [];
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes.scripts].join(' '),
    ["style-src 'self'", ...hashes.styles, ...styleAttrs].join(' '),
    // https: images are what the format allows in image slides; data: is the favicon placeholder.
    "img-src 'self' https: data:",
    // reveal.js's stylesheets inline their fonts as data: URLs.
    "font-src 'self' data:",
    ["connect-src 'self'", ...(uploadOrigin ? [uploadOrigin] : [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}

/**
 * The policy a stored media file is sent with, in place of the site's. A figure is shown through
 * `<img>`, where no script of it can run; this covers someone opening its URL as a page. An SVG is
 * then a document of its own: sandboxed (no script, no form, an opaque origin), loading nothing but
 * its inline styles and data: images. Uploads are checked before they are stored; this holds even
 * for a file that reached storage some other way.
 */
export const MEDIA_POLICY =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; sandbox";

/** The site's headers with the media policy: what `/media/*` is sent with, locally and on CloudFront. */
export function mediaHeaders(site: Record<string, string>): Record<string, string> {
  return { ...site, 'content-security-policy': MEDIA_POLICY };
}

/** The headers sent with every response of the site, locally and (mirrored in infra/) on CloudFront. */
export function securityHeaders(hashes: InlineHashes, uploadOrigin?: string): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(hashes, uploadOrigin),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'SAMEORIGIN',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  };
}

// The speaker view is a JavaScript template literal in the bundle; undo its escapes (it has no ${}).
function unescapeTemplate(raw: string): string {
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_, esc: string) => {
    if (esc.startsWith('u{')) return String.fromCodePoint(Number.parseInt(esc.slice(2, -1), 16));
    if (esc[0] === 'u' && esc.length === 5) return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    if (esc[0] === 'x' && esc.length === 3) return String.fromCharCode(Number.parseInt(esc.slice(1), 16));
    return (
      ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' } as Record<string, string>)[esc] ??
      esc
    );
  });
}

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}
