/**
 * What an image `src` names: an https URL (as in format 1), or a path relative to the lecture file.
 * Absolute paths, paths that climb above the lecture's folder and other schemes are refused here,
 * before any adapter reads anything.
 */

export type MediaSource =
  | { kind: 'url' }
  | { kind: 'local'; path: string }
  | { kind: 'refused'; message: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Classify one `src`; a local path comes back normalised (`a/./b.png` → `a/b.png`). */
export function mediaSource(src: string): MediaSource {
  if (/^https:\/\//i.test(src)) return { kind: 'url' };
  if (SCHEME.test(src)) {
    const scheme = src.slice(0, src.indexOf(':') + 1);
    return {
      kind: 'refused',
      message: `must be an https URL or a path relative to the lecture file, not a ${scheme} address`,
    };
  }
  if (src.includes('\\')) return { kind: 'refused', message: 'must use / between folders, not \\' };
  if (src.startsWith('/')) {
    return { kind: 'refused', message: 'must be a path relative to the lecture file, not an absolute path' };
  }
  if (/[?#]/.test(src)) return { kind: 'refused', message: 'must be a plain file path (no ? or #)' };
  const parts: string[] = [];
  for (const part of src.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) {
        return {
          kind: 'refused',
          message: "must stay inside the lecture's folder (it climbs above it with ..)",
        };
      }
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  if (parts.length === 0) return { kind: 'refused', message: 'must name a file' };
  return { kind: 'local', path: parts.join('/') };
}

/**
 * Whether a lecture's text may name an image (a `src` key, or any escape that could spell one): a
 * cheap test an adapter makes before parsing the text a second time to find its images. It may say
 * yes for text with none; never no for text with one.
 */
export function mayHaveImages(text: string): boolean {
  return /src|\\[ux]/i.test(text);
}

/** The `src` of every image slide of a parsed (not yet validated) lecture, read defensively. */
export function imageSources(root: unknown): string[] {
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const found: string[] = [];
  const sections = root && typeof root === 'object' ? (root as { sections?: unknown }).sections : undefined;
  for (const section of list(sections)) {
    for (const slide of list((section as { slides?: unknown })?.slides)) {
      const s = slide as { kind?: unknown; src?: unknown } | null;
      if (s?.kind === 'image' && typeof s.src === 'string') found.push(s.src);
    }
  }
  return found;
}
