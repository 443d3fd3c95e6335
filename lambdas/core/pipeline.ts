import type { DeckManifest, RenderedDeck, TemplateSet } from './deck.js';
import type { Diagnostic } from './errors.js';
import { parseLecture } from './parse.js';
import { renderDeck, themeNames } from './render/index.js';
import type { Lecture } from './schema.js';
import { validateLecture } from './validate.js';

/**
 * The whole pipeline in one place, in order: text → parse → validate (+ lint) → render.
 * Pure: it takes strings and templates and returns values; callers decide where bytes go.
 */

export interface CheckOptions {
  format?: 'yaml' | 'json';
  templates: TemplateSet;
}

export type CheckResult =
  | { ok: true; lecture: Lecture; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Parse and validate a lecture's text. Throws ParseError when it is not YAML or JSON. */
export function checkLecture(text: string, options: CheckOptions): CheckResult {
  const doc = parseLecture(text, options.format ? { format: options.format } : {});
  const { lecture, diagnostics } = validateLecture(doc, { themes: themeNames(options.templates) });
  return lecture ? { ok: true, lecture, diagnostics } : { ok: false, diagnostics };
}

export interface BuildOptions extends CheckOptions {
  assetsBase: string;
  generatedAt: string;
}

export type BuildResult =
  | { ok: true; deck: RenderedDeck; manifest: DeckManifest; diagnostics: Diagnostic[] }
  | { ok: false; diagnostics: Diagnostic[] };

/** Check a lecture and, when it has no error, render it into a deck. Throws ParseError on unreadable text. */
export function buildDeck(text: string, options: BuildOptions): BuildResult {
  const checked = checkLecture(text, options);
  if (!checked.ok) return checked;
  const warnings = checked.diagnostics.filter((d) => d.severity === 'warning');
  const deck = renderDeck(checked.lecture, options.templates, {
    assetsBase: options.assetsBase,
    generatedAt: options.generatedAt,
    warnings,
  });
  return { ok: true, deck, manifest: deck.manifest, diagnostics: checked.diagnostics };
}
