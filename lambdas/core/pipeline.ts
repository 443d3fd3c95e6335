import { capDiagnostics } from './cap-diagnostics.js';
import type { DeckManifest, LectureFormat, ParsedDocument, RenderedDeck, TemplateSet } from './deck.js';
import type { Diagnostic } from './errors.js';
import { adoptExpectedId } from './expected-id.js';
import { lintLecture } from './lint.js';
import { checkMath } from './math/check-math.js';
import type { MathEngine } from './math/math-engine.js';
import { checkMedia } from './media/check-media.js';
import type { MediaMap } from './media/media-entry.js';
import { keepNumbersAsWritten } from './numbers-as-written.js';
import { parseLecture } from './parse.js';
import { placeFinding, sortDiagnostics } from './paths.js';
import { renderDeck, themeNames } from './render/index.js';
import type { Lecture } from './schema.js';
import { validateLecture } from './validate.js';

/**
 * The lecture pipeline, assembled here and nowhere else: the CLI, the API, the local server and the
 * bench all call it. Its steps, in order:
 *   1. parse: text → document with line and column of every node (ParseError when unreadable);
 *   2. check: the schema and the references (cites, themes, ids) → every error at once; then
 *      the formulas (each must parse) and the local images (found, an accepted type, safe);
 *   3. keep numbers as written: a table's `1.10` stays `1.10`;
 *   4. lint: warnings about a valid lecture (never a reason to refuse it);
 * errors and warnings are each capped at the first hundred, with a count of the rest;
 *   5. render: the deck's files and deck.json, once per place the deck is served from.
 * Pure: it takes strings and templates and returns values; callers decide where bytes go.
 */

export interface CheckOptions {
  /** Read the text as this format; by default JSON when it starts with `{` or `[`, else YAML. */
  format?: LectureFormat;
  /** Theme names the template set ships. */
  themes: readonly string[];
  /** The id the deck must have (a PUT's path id): taken when the lecture has none, an error when it differs. */
  id?: string;
  /** Draws TeX; a lecture with math and no engine has an error at its first formula. */
  math?: MathEngine;
  /** The lecture's local images as the adapter found them, by `src`; a local image not in it is an error. */
  media?: MediaMap;
  /** The text as parseLecture read it, when the adapter already parsed it (to find its images): not parsed again. */
  parsed?: ParsedDocument;
}

/** A lecture that checks has only warnings; one that does not has its errors, in document order. */
export type CheckResult =
  | { ok: true; lecture: Lecture; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Steps 1–4: parse, check, keep numbers as written, lint. Throws ParseError when the text is not YAML or JSON. */
export function checkLecture(text: string, options: CheckOptions): CheckResult {
  const parsed = options.parsed ?? parseLecture(text, options.format ? { format: options.format } : {});
  return checkParsedLecture(parsed, options);
}

/** Steps 2–4 on a document already parsed (by an adapter that read its images from it first). */
export function checkParsedLecture(parsed: ParsedDocument, options: CheckOptions): CheckResult {
  const { doc, errors: idErrors } = adoptExpectedId(parsed, options.id);
  const checked = validateLecture(doc, { themes: options.themes });
  if (!checked.lecture || idErrors.length > 0) {
    return { ok: false, diagnostics: capDiagnostics(sortDiagnostics([...idErrors, ...checked.diagnostics])) };
  }
  const found = [
    ...checkMath(checked.lecture, options.math),
    ...checkMedia(checked.lecture, options.media),
  ].map((f) => placeFinding(f, doc.locate));
  const contentErrors = found.filter((d) => d.severity === 'error');
  if (contentErrors.length > 0)
    return { ok: false, diagnostics: capDiagnostics(sortDiagnostics(contentErrors)) };
  const lecture = keepNumbersAsWritten(checked.lecture, doc);
  return {
    ok: true,
    lecture,
    diagnostics: capDiagnostics(sortDiagnostics([...found, ...lintLecture(lecture, doc.locate)])),
  };
}

export interface BuildOptions extends Omit<CheckOptions, 'themes'> {
  templates: TemplateSet;
  /** ISO timestamp written into deck.json. */
  generatedAt: string;
}

export type BuildResult =
  | { ok: true; lecture: Lecture; deck: RenderedDeck; manifest: DeckManifest; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** The whole pipeline for one place: a deck whose links reach the shared assets at `assetsBase`. */
export function buildDeck(text: string, options: BuildOptions & { assetsBase: string }): BuildResult {
  const built = buildDeckAt(text, options, { deck: options.assetsBase });
  return built.ok ? { ...built, deck: built.decks.deck } : built;
}

export type PlacedBuildResult<P extends string> =
  | {
      ok: true;
      lecture: Lecture;
      decks: Record<P, RenderedDeck>;
      manifest: DeckManifest;
      diagnostics: Diagnostic[];
    }
  | { ok: false; diagnostics: Diagnostic[] };

/**
 * The whole pipeline, rendering the deck once per place it is served from (place → assets base).
 * Rendering is pure and the version hashes content and templates only, so every rendering carries
 * the same version and manifest; only the relative links to the assets differ.
 */
export function buildDeckAt<P extends string>(
  text: string,
  options: BuildOptions,
  assetsBases: Readonly<Record<P, string>>,
): PlacedBuildResult<P> {
  const checked = checkLecture(text, { ...options, themes: themeNames(options.templates) });
  if (!checked.ok) return checked;
  const render = (assetsBase: string) =>
    renderDeck(checked.lecture, options.templates, {
      assetsBase,
      generatedAt: options.generatedAt,
      warnings: checked.diagnostics,
      ...(options.math && { math: options.math }),
      ...(options.media && { media: options.media }),
    });
  const places = Object.keys(assetsBases) as P[];
  const decks = Object.fromEntries(places.map((place) => [place, render(assetsBases[place])])) as Record<
    P,
    RenderedDeck
  >;
  const first = places[0];
  if (first === undefined) throw new TypeError('buildDeckAt needs at least one place to render for');
  return { ...checked, decks, manifest: decks[first].manifest };
}
