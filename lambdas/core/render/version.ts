import { createHash } from 'node:crypto';
import type { TemplateSet } from '../deck.js';
import type { Lecture } from '../schema.js';

// Hex characters of the sha256 kept in a version: 64 bits, plenty to tell versions of one deck apart.
const VERSION_LENGTH = 16;

/**
 * JSON with object keys sorted at every level, so equal values always give equal text. Written out
 * by hand: JSON.stringify with a replacer that sorts a copy of every object cost a tenth of a
 * 1,000-slide render. The text is JSON.stringify's with that replacer, keys that are array indexes
 * first (an object's own order for them), the others in sorted order.
 */
export function canonicalJson(value: unknown): string {
  const parts: string[] = [];
  writeJson(jsonValue(value), parts);
  return parts.join('');
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;
const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 2 ** 32 - 1;

/** Whether JSON.stringify leaves `value` out of an object (and writes null for it in an array). */
const omitted = (value: unknown) =>
  value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** A value as JSON.stringify sees it: what its toJSON gives, if it has one. */
function jsonValue(value: unknown): unknown {
  const toJSON =
    value !== null && typeof value === 'object' ? (value as { toJSON?: unknown }).toJSON : undefined;
  return typeof toJSON === 'function' ? toJSON.call(value) : value;
}

function writeJson(value: unknown, parts: string[]): void {
  if (value === null || typeof value !== 'object') {
    parts.push(JSON.stringify(value) ?? 'null');
    return;
  }
  if (Array.isArray(value)) {
    parts.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) parts.push(',');
      const item = jsonValue(value[i]);
      if (omitted(item)) parts.push('null');
      else writeJson(item, parts);
    }
    parts.push(']');
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  const indexes = keys.filter(isArrayIndex).sort((a, b) => Number(a) - Number(b));
  let first = true;
  for (const key of indexes.length > 0 ? [...indexes, ...keys.filter((k) => !isArrayIndex(k))] : keys) {
    const item = jsonValue(record[key]);
    if (omitted(item)) continue;
    parts.push(first ? '{' : ',', JSON.stringify(key), ':');
    first = false;
    writeJson(item, parts);
  }
  parts.push(first ? '{}' : '}');
}

// Template sets are loaded once and reused, so their digest is worth keeping.
const templateDigests = new WeakMap<TemplateSet, string>();

function digestTemplates(templates: TemplateSet): string {
  const cached = templateDigests.get(templates);
  if (cached !== undefined) return cached;
  const hash = createHash('sha256');
  for (const path of Object.keys(templates.files).sort()) {
    // Length-prefixed so that moving bytes between a path and its content changes the digest.
    const content = templates.files[path] ?? '';
    hash.update(`${path.length}:${path}${content.length}:`).update(content);
  }
  const digest = hash.digest('hex');
  templateDigests.set(templates, digest);
  return digest;
}

/**
 * The deck's version: a short hash of the normalised lecture, the whole template set and the
 * content-named media it uses (`src` → file name), so a figure redrawn under the same path is a new
 * version. A deck without local media hashes as it always did.
 */
export function deckVersion(
  lecture: Lecture,
  templates: TemplateSet,
  media: readonly { src: string; name: string }[] = [],
): string {
  const hash = createHash('sha256')
    .update(digestTemplates(templates))
    .update('\n')
    .update(canonicalJson(lecture));
  if (media.length > 0) {
    const pairs = [...media].sort((a, b) => (a.src < b.src ? -1 : a.src > b.src ? 1 : 0));
    hash.update('\n').update(JSON.stringify(pairs.map(({ src, name }) => [src, name])));
  }
  return hash.digest('hex').slice(0, VERSION_LENGTH);
}
