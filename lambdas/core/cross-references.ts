import { closeMatches } from './close-matches.js';
import { LIMITS } from './limits.js';
import { type DocPath, type Finding, formatPath, isRecord } from './paths.js';

/**
 * Checks that span more than one field: cites, unique ids, the theme, table rows against the header.
 * They read the document as parsed, defensively, so they still run (and report) when the schema has
 * found other errors: the instructor sees everything in one pass.
 */

export interface ReferenceOptions {
  /** Theme names the template set ships. */
  themes: readonly string[];
}

function error(code: string, path: DocPath, message: string): Finding {
  return { severity: 'error', code, path, message };
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Every cross-reference error in the lecture document `root`. */
export function checkReferences(root: unknown, options: ReferenceOptions): Finding[] {
  if (!isRecord(root)) return [];
  const findings: Finding[] = [];
  const sourceIds = checkSources(root.sources, findings);
  checkTheme(root.theme, options.themes, findings);
  const slideIds = new Map<string, DocPath>();
  const suggestions = new Map<string, string>();
  listOf(root.sections).forEach((section, s) => {
    if (!isRecord(section)) return;
    listOf(section.slides).forEach((slide, i) => {
      if (isRecord(slide))
        checkSlide(slide, ['sections', s, 'slides', i], { sourceIds, slideIds, suggestions }, findings);
    });
  });
  return findings;
}

function checkSources(sources: unknown, findings: Finding[]): Set<string> {
  const seen = new Map<string, DocPath>();
  listOf(sources).forEach((source, i) => {
    if (!isRecord(source) || typeof source.id !== 'string') return;
    const first = seen.get(source.id);
    if (first) {
      const message = `duplicate source id "${source.id}" (already used by ${formatPath(first)})`;
      findings.push(error('duplicate-source-id', ['sources', i, 'id'], message));
    } else {
      seen.set(source.id, ['sources', i]);
    }
  });
  return new Set(seen.keys());
}

function checkTheme(theme: unknown, themes: readonly string[], findings: Finding[]): void {
  if (typeof theme !== 'string' || themes.includes(theme)) return;
  const available = themes.length > 0 ? themes.join(', ') : 'none';
  findings.push(error('unknown-theme', ['theme'], `unknown theme "${theme}" (available: ${available})`));
}

interface SlideContext {
  sourceIds: ReadonlySet<string>;
  slideIds: Map<string, DocPath>;
  /** "Did you mean" of each unknown id met so far (only the first ones: the rest are never shown). */
  suggestions: Map<string, string>;
}

// Only the first hundred errors are reported, so no more unknown cites than that need suggestions.
const SUGGESTED_IDS = 100;

function unknownCiteMessage(id: string, context: SlideContext): string {
  if (context.sourceIds.size === 0) return `cites "${id}", which names no source (no sources are declared)`;
  let hint = context.suggestions.get(id);
  if (hint === undefined) {
    const wanted = context.suggestions.size < SUGGESTED_IDS && context.sourceIds.size <= LIMITS.sources;
    const close = wanted ? closeMatches(id, context.sourceIds) : [];
    hint = close.length > 0 ? `; did you mean ${close.map((c) => `"${c}"`).join(', ')}?` : '';
    if (context.suggestions.size < SUGGESTED_IDS) context.suggestions.set(id, hint);
  }
  return `cites "${id}", which names no source${hint}`;
}

function checkSlide(
  slide: Record<string, unknown>,
  path: DocPath,
  context: SlideContext,
  findings: Finding[],
): void {
  // Cites beyond the limit are already an error (limits.ts); checking them too would be work for nothing.
  listOf(slide.cite)
    .slice(0, LIMITS.citesPerSlide)
    .forEach((id, i) => {
      if (typeof id !== 'string' || context.sourceIds.has(id)) return;
      findings.push(error('cite-unknown', [...path, 'cite', i], unknownCiteMessage(id, context)));
    });
  if (typeof slide.id === 'string') {
    const first = context.slideIds.get(slide.id);
    if (first) {
      const message = `duplicate slide id "${slide.id}" (already used by ${formatPath(first)})`;
      findings.push(error('duplicate-slide-id', [...path, 'id'], message));
    } else {
      context.slideIds.set(slide.id, path);
    }
  }
  if (slide.kind === 'table' && Array.isArray(slide.header)) {
    const columns = slide.header.length;
    listOf(slide.rows).forEach((row, i) => {
      if (!Array.isArray(row) || row.length === columns) return;
      const message = `row has ${row.length} cell${row.length === 1 ? '' : 's'} but the header has ${columns}`;
      findings.push(error('table-row-length', [...path, 'rows', i], message));
    });
  }
}
