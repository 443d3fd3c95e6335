import { LecternError } from '../errors.js';
import { dataUrl, typeOfFile } from './data-url.js';

/**
 * A style sheet made to stand alone: each `@import` replaced by the sheet it names, each `url()`
 * by a data URL of the file it names. In an `@font-face` `src` list, an entry whose file is not
 * to hand is dropped (KaTeX lists woff2, woff and ttf; only the woff2 travel), as long as one is
 * left. Pure: the files come in as bytes, by their path under the assets folder.
 */

/** Resolve `ref` against the folder of `from` (both `/`-separated, inside the assets folder). */
export function resolvePath(from: string, ref: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of ref.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.' && part !== '') parts.push(part);
  }
  return parts.join('/');
}

const IMPORT = /@import\s+(?:url\(\s*)?(["']?)([^"')\s;]+)\1\s*\)?\s*;/g;
const URL_REF = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;
const FONT_SRC = /(\bsrc\s*:)([^;}]+)/g;

const isExternal = (ref: string) => /^(data:|#)/i.test(ref);

function missing(sheet: string, ref: string): LecternError {
  return new LecternError(
    'single-file-missing',
    `${sheet} refers to ${ref}, which is not among the files a single-file deck carries`,
  );
}

/** The text of `path` with its imports and URLs inlined. */
export function inlineStylesheet(
  path: string,
  files: ReadonlyMap<string, Uint8Array>,
  seen = new Set<string>(),
): string {
  const bytes = files.get(path);
  if (!bytes) throw missing('the deck', path);
  if (seen.has(path)) return '';
  seen.add(path);
  const text = new TextDecoder().decode(bytes);
  const imported = text.replace(IMPORT, (_all, _quote, ref: string) =>
    inlineStylesheet(resolvePath(path, ref), files, seen),
  );
  const embed = (ref: string): string | undefined => {
    if (isExternal(ref)) return `url(${ref})`;
    const target = resolvePath(path, ref);
    const data = files.get(target);
    const type = typeOfFile(target);
    return data && type ? `url(${dataUrl(type, data)})` : undefined;
  };
  // Font sources first: there an entry may be dropped; anywhere else every URL must resolve.
  const fonts = imported.replace(FONT_SRC, (_all, head: string, list: string) => {
    const kept = list
      .split(/,(?![^(]*\))/)
      .map((entry) => {
        const ref = new RegExp(URL_REF.source).exec(entry);
        if (!ref?.[2]) return entry;
        const url = embed(ref[2]);
        return url === undefined ? undefined : entry.replace(ref[0], url);
      })
      .filter((entry): entry is string => entry !== undefined);
    if (kept.length === 0) throw missing(path, list.trim());
    return `${head}${kept.join(',')}`;
  });
  return fonts.replace(URL_REF, (all, _quote, ref: string) => {
    if (ref.startsWith('data:')) return all;
    const url = embed(ref);
    if (url === undefined) throw missing(path, ref);
    return url;
  });
}
