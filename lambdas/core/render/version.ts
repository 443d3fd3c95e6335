import { createHash } from 'node:crypto';
import type { TemplateSet } from '../deck.js';
import type { Lecture } from '../schema.js';

// Hex characters of the sha256 kept in a version: 64 bits, plenty to tell versions of one deck apart.
const VERSION_LENGTH = 16;

/** JSON with object keys sorted at every level, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const record = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, record[k]]),
    );
  });
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
