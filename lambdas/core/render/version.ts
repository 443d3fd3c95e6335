import { createHash } from 'node:crypto';
import type { TemplateSet } from '../deck.js';
import type { Lecture } from '../schema.js';

// Hex characters of the sha256 kept in a version: 64 bits, plenty to tell versions of one deck apart.
const VERSION_LENGTH = 16;

/**
 * A copy of `value` (the property or index `key` of its holder) with every object's keys inserted in
 * sorted order, as JSON.stringify would see it: toJSON applied, everything else as it is.
 */
function sortedCopy(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  let v: unknown = value;
  if (typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON(key: string): unknown }).toJSON(key);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const items = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) items[i] = sortedCopy(v[i], String(i));
    return items;
  }
  const record = v as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(record).sort()) {
    const item = sortedCopy(record[name], name);
    // An own "__proto__" key stays a key (assigned, it would set the prototype).
    if (name === '__proto__')
      Object.defineProperty(copy, name, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[name] = item;
  }
  return copy;
}

/**
 * JSON with object keys sorted at every level, so equal values always give equal text. The sorted
 * copy is made in one pass and written by JSON.stringify alone: a replacer that rebuilt each object
 * wrote the same text at twice the cost, being called for every value (a twentieth of rendering 600
 * slides).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedCopy(value, ''));
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
