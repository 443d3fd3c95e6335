import type { RenderedDeck, TemplateSet } from '../core/deck.js';
import { type Diagnostic, LecternError, ValidationError } from '../core/errors.js';
import type { MathEngine } from '../core/math/math-engine.js';
import type { MediaMap } from '../core/media/media-entry.js';
import { buildDeckAt, checkLecture } from '../core/pipeline.js';
import { mediaBaseFor } from '../core/render/index.js';
import { MATH_STYLESHEET } from '../core/render/render-deck.js';
import { inlineDeck } from '../core/single-file/inline-deck.js';
import type { PptxImage } from '../pptx/write-pptx.js';
import { ASSETS_BASE, DECK_FILES } from '../site/layout.js';
import type { DeckPublication } from '../store/deck-store.js';
import { toDetail } from './error-result.js';
import type { LectureBody } from './read-body.js';

/**
 * The API's two uses of the pipeline. A deck is rendered once, for the one place its files are
 * served from: its immutable version folder (`/decks/{id}/v/{version}/`); `/decks/{id}/` redirects there.
 */

/**
 * Everything the store needs to publish a lecture, the deck's PowerPoint file and (given the
 * assets) its single-file page included; throws ParseError, or ValidationError listing every
 * error. Those two files are made (and pptxgenjs loaded) only when the store writes a new version,
 * not for a deck that already stands at it.
 */
export async function preparePublication(
  body: LectureBody,
  options: {
    templates: TemplateSet;
    generatedAt: string;
    id?: string;
    math?: MathEngine;
    media?: MediaMap;
    /** The shared assets' bytes, by their path under the assets folder: given, the single-file page is made. */
    loadAssets?: () => Promise<ReadonlyMap<string, Uint8Array>>;
    /** The stored images' bytes, asked for only once the lecture has passed its checks. */
    readImages?: () => Promise<ReadonlyMap<string, PptxImage>>;
  },
): Promise<{ publication: DeckPublication; warnings: Diagnostic[] }> {
  const built = buildDeckAt(
    body.text,
    { ...options, ...(body.format ? { format: body.format } : {}) },
    { versioned: ASSETS_BASE.version },
  );
  if (!built.ok) throw new ValidationError(built.diagnostics);
  const { manifest, decks, lecture } = built;
  // Made only when the store writes this version: an unchanged publish never pays for them.
  const laterFiles = async () => {
    const { writePptx } = await import('../pptx/write-pptx.js');
    // The deck's own images are embedded from the media store; an https image is never fetched: the
    // PowerPoint file shows it as a framed box with its description and address.
    const images = (await options.readImages?.()) ?? new Map<string, PptxImage>();
    const files: Record<string, string | Uint8Array> = {
      [DECK_FILES.pptx]: await writePptx({ lecture, templates: options.templates, images }),
    };
    if (options.loadAssets)
      files[DECK_FILES.singleFile] = singleFilePage(decks.versioned, await options.loadAssets(), images);
    return files;
  };
  return {
    publication: { manifest, files: decks.versioned.files, laterFiles },
    warnings: built.diagnostics,
  };
}

/**
 * The version's page made whole, as `lectern render --single-file` makes it: assets and images
 * inlined, the images those the PowerPoint file was given (read from the store once, by `src`).
 */
function singleFilePage(
  deck: RenderedDeck,
  assets: ReadonlyMap<string, Uint8Array>,
  images: ReadonlyMap<string, PptxImage>,
): string {
  const media = new Map<string, Uint8Array>();
  for (const { src, name } of deck.media) {
    const bytes = images.get(src)?.bytes;
    // Checked as stored before the deck was built; gone since would be a broken store.
    if (!bytes)
      throw new LecternError('media-unreadable', `media/${name} is named by the deck but could not be read`);
    media.set(name, bytes);
  }
  const { [DECK_FILES.deck]: html = '', ...deckFiles } = deck.files;
  return inlineDeck({
    html,
    deckFiles,
    assetsBase: ASSETS_BASE.version,
    assets,
    mediaBase: mediaBaseFor(ASSETS_BASE.version),
    media,
  });
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
