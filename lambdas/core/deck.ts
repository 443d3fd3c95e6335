import type { Diagnostic } from './errors.js';
import type { DeckManifest } from './manifest.js';
import type { MathEngine } from './math/math-engine.js';
import type { MediaMap } from './media/media-entry.js';

/**
 * The shapes that pass between the pipeline's steps:
 * text → ParsedDocument → (validate) Lecture → (render) RenderedDeck → store/serve.
 */

/** The two notations a lecture file may be written in. */
export type LectureFormat = 'yaml' | 'json';

/** A parsed lecture file: the plain value plus a way back from a document path to its line and column. */
export interface ParsedDocument {
  value: unknown;
  format: LectureFormat;
  /** Line and column (1-based) of the node at `path`, or of its nearest existing ancestor. */
  locate(path: readonly (string | number)[]): { line: number; col: number } | undefined;
  /** The text of the scalar at `path` exactly as the file writes it (`1.10`, `007`), if there is one. */
  sourceText?(path: readonly (string | number)[]): string | undefined;
}

/** Template sources keyed by their path under templates/ (e.g. `deck.hbs`, `partials/quote.hbs`, `themes/lecture.css`). */
export interface TemplateSet {
  files: Readonly<Record<string, string>>;
  /** Handlebars templates the build precompiled, by path; each is used only while its source is unchanged. */
  precompiled?: Readonly<Record<string, PrecompiledTemplate>>;
  /**
   * The Handlebars compiler (its `precompile`), for templates with no matching precompiled form.
   * The loader supplies it lazily, so a bundle whose templates are all precompiled never loads it.
   */
  precompile?: (source: string, options: { strict: boolean; preventIndent: boolean }) => string;
}

/**
 * A template precompiled by Handlebars, and the sha256 (hex) of the source it was made from. The spec
 * is the JavaScript Handlebars wrote, as text (read from a file), or already run (built into a bundle).
 */
export interface PrecompiledTemplate {
  sha256: string;
  spec: string | object;
}

/** deck.json: its shape is inferred from its schema (manifest.ts). */
export type { DeckManifest };

export interface RenderOptions {
  /** Relative URL from the deck folder to the shared assets folder: `../assets/` (CLI) or `../../assets/` (site). */
  assetsBase: string;
  /** ISO timestamp written into deck.json (the only byte that differs between two renders of the same input). */
  generatedAt: string;
  /** Lint warnings to record in deck.json. */
  warnings: Diagnostic[];
  /** Draws the lecture's math; needed only when it has some. */
  math?: MathEngine;
  /** The lecture's local images, as the adapter found them (checked before rendering). */
  media?: MediaMap;
  /** Relative URL from the deck folder to the media folder; by default `media/` beside the assets folder. */
  mediaBase?: string;
}

/** A rendered deck: its manifest and its files, keyed by path inside the deck folder. */
export interface RenderedDeck {
  manifest: DeckManifest;
  files: Readonly<Record<string, string>>;
  /** The local images the deck refers to: each `src` and the file name it has under media/. */
  media: readonly { src: string; name: string }[];
}
