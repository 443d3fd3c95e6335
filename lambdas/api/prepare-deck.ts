import type { ParsedDocument, TemplateSet } from '../core/deck.js';
import type { Diagnostic } from '../core/errors.js';
import { ValidationError } from '../core/errors.js';
import { parseLecture } from '../core/parse.js';
import { renderDeck } from '../core/render/index.js';
import { validateLecture } from '../core/validate.js';
import { ASSETS_BASE } from '../site/layout.js';
import type { DeckPublication } from '../store/deck-store.js';

export interface PrepareOptions {
  format?: 'json' | 'yaml';
  templates: TemplateSet;
  themes: readonly string[];
  generatedAt: string;
  /** PUT's path id: the lecture's own id must match it, and is taken from it when absent. */
  pathId?: string;
}

/** Parse and validate a lecture; throws ParseError, or ValidationError listing every error. */
export function checkLectureText(
  text: string,
  options: Pick<PrepareOptions, 'format' | 'themes' | 'pathId'>,
): { lecture: NonNullable<ReturnType<typeof validateLecture>['lecture']>; diagnostics: Diagnostic[] } {
  const doc = withPathId(
    parseLecture(text, options.format ? { format: options.format } : {}),
    options.pathId,
  );
  const { lecture, diagnostics } = validateLecture(doc, { themes: options.themes });
  if (!lecture) throw new ValidationError(diagnostics);
  return { lecture, diagnostics };
}

/**
 * Everything the store needs to publish a lecture. The deck is rendered twice, once per place it is
 * served from, because its links to the shared assets are relative and the two places sit at different
 * depths. Rendering is pure and the version hashes content and templates only, so both renderings
 * carry the same version and manifest; rewriting URLs in finished HTML instead would couple the store to
 * the templates' markup.
 */
export function prepareDeck(
  text: string,
  options: PrepareOptions,
): { publication: DeckPublication; warnings: Diagnostic[] } {
  const { lecture, diagnostics } = checkLectureText(text, options);
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  const render = (assetsBase: string) =>
    renderDeck(lecture, options.templates, { assetsBase, generatedAt: options.generatedAt, warnings });
  const current = render(ASSETS_BASE.current);
  const versioned = render(ASSETS_BASE.version);
  return {
    publication: { manifest: current.manifest, current: current.files, versioned: versioned.files },
    warnings,
  };
}

/** For PUT: a lecture without an id takes the path's; one with a different id is an error at `id`. */
function withPathId(doc: ParsedDocument, pathId: string | undefined): ParsedDocument {
  if (pathId === undefined || !isPlainObject(doc.value)) return doc;
  const bodyId = doc.value.id;
  if (bodyId === undefined)
    return { format: doc.format, value: { id: pathId, ...doc.value }, locate: (path) => doc.locate(path) };
  if (bodyId !== pathId) {
    const where = doc.locate(['id']);
    throw new ValidationError([
      {
        severity: 'error',
        code: 'id-mismatch',
        path: 'id',
        message: `The lecture's id "${String(bodyId)}" does not match the id in the URL, "${pathId}".`,
        ...(where ? { line: where.line, col: where.col } : {}),
      },
    ]);
  }
  return doc;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
