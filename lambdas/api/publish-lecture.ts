import type { TemplateSet } from '../core/deck.js';
import { type Diagnostic, ValidationError } from '../core/errors.js';
import type { MathEngine } from '../core/math/math-engine.js';
import { isMediaFile, type MediaFile, type MediaMap } from '../core/media/media-entry.js';
import { buildDeckAt, checkLecture } from '../core/pipeline.js';
import { MATH_STYLESHEET } from '../core/render/render-deck.js';
import { ASSETS_BASE, DECK_FILES } from '../site/layout.js';
import type { DeckPublication } from '../store/deck-store.js';
import type { ExportSource } from './deck-exports.js';
import { toDetail } from './error-result.js';
import type { LectureBody } from './read-body.js';

/**
 * The API's two uses of the pipeline. A deck is rendered once, for the one place its files are
 * served from: its immutable version folder (`/decks/{id}/v/{version}/`); `/decks/{id}/` redirects there.
 */

/**
 * Everything the store needs to publish a lecture; throws ParseError, or ValidationError listing every
 * error. With it comes what the version's exports (its PowerPoint file and single-file page) are
 * made from, used only when the store writes a new version.
 */
export async function preparePublication(
  body: LectureBody,
  options: {
    templates: TemplateSet;
    generatedAt: string;
    id?: string;
    math?: MathEngine;
    media?: MediaMap;
  },
): Promise<{ publication: DeckPublication; warnings: Diagnostic[]; exportSource: ExportSource }> {
  const built = buildDeckAt(
    body.text,
    { ...options, ...(body.format ? { format: body.format } : {}) },
    { versioned: ASSETS_BASE.version },
  );
  if (!built.ok) throw new ValidationError(built.diagnostics);
  const { manifest, decks, lecture } = built;
  // Which stored file each local image is, without its bytes (an SVG's were read for its check).
  const media: [string, MediaFile][] = [];
  for (const [src, entry] of options.media ?? []) {
    if (!isMediaFile(entry)) continue;
    const { bytes: _bytes, ...file } = entry;
    media.push([src, file]);
  }
  const exportSource: ExportSource = {
    id: manifest.id,
    version: manifest.version,
    lecture,
    deck: { files: decks.versioned.files, media: decks.versioned.media },
    media,
  };
  return {
    publication: { manifest, files: decks.versioned.files },
    warnings: built.diagnostics,
    exportSource,
  };
}

/**
 * POST /api/validate?preview's answer: the validation report, and when the lecture is valid the deck's
 * page as the instructors' page shows it in its preview frame (links to the assets from the site's
 * root), with its math style sheet when it has math. Nothing is stored.
 */
export function previewReport(
  body: LectureBody,
  options: { templates: TemplateSet; generatedAt: string; math?: MathEngine; media?: MediaMap },
) {
  const built = buildDeckAt(
    body.text,
    { ...options, ...(body.format ? { format: body.format } : {}) },
    { preview: ASSETS_BASE.preview },
  );
  const bySeverity = (severity: Diagnostic['severity']) =>
    built.diagnostics.filter((d) => d.severity === severity).map(toDetail);
  const report = { valid: built.ok, errors: bySeverity('error'), warnings: bySeverity('warning') };
  if (!built.ok) return report;
  const files = built.decks.preview.files;
  const html = files[DECK_FILES.deck] ?? '';
  // A deck with math links its own math.css, which a frame's srcdoc has no folder to fetch from: the
  // style sheet travels in the answer instead, and the page hands it to the deck in its frame.
  const css = files[MATH_STYLESHEET];
  return {
    ...report,
    preview: {
      id: built.manifest.id,
      slides: built.manifest.slides,
      html:
        css === undefined
          ? html
          : html.replace(new RegExp(`<link rel="stylesheet" href="${MATH_STYLESHEET}"[^>]*>\n`), ''),
      ...(css !== undefined && { css }),
    },
  };
}

/** POST /api/validate's answer: a lecture that breaks the format is this route's normal answer, not a failure. */
export function validationReport(
  body: LectureBody,
  themes: readonly string[],
  extra: { math?: MathEngine; media?: MediaMap } = {},
) {
  const checked = checkLecture(body.text, {
    themes,
    ...extra,
    ...(body.format ? { format: body.format } : {}),
  });
  const bySeverity = (severity: Diagnostic['severity']) =>
    checked.diagnostics.filter((d) => d.severity === severity).map(toDetail);
  return { valid: checked.ok, errors: bySeverity('error'), warnings: bySeverity('warning') };
}
