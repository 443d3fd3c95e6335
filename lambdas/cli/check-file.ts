import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ParsedDocument, TemplateSet } from '../core/deck.js';
import { type Diagnostic, ParseError } from '../core/errors.js';
import { type MathEngine, mayHaveMath } from '../core/math/math-engine.js';
import type { MediaMap } from '../core/media/media-entry.js';
import { imageSources, mayHaveImages, mediaSource } from '../core/media/media-path.js';
import { parseLecture } from '../core/parse.js';
import { type BuildResult, buildDeck, type CheckResult, checkParsedLecture } from '../core/pipeline.js';
import { themeNames } from '../core/render/index.js';
import { formatOf } from '../node/collect-files.js';
import { loadMathEngine } from '../node/math-katex.js';
import { type LocalMedia, type MediaReadCache, readLocalMedia } from '../node/read-media.js';

export interface FileResult {
  file: string;
  result: BuildResult;
  /** The local images read for it: `src` → absolute path (to copy into the output's media/). */
  mediaFiles?: ReadonlyMap<string, string>;
  /** Every local image path the lecture names, found or not (absolute): what a watcher follows. */
  mediaPaths?: readonly string[];
  /** What each local image was found to be (type, size in pixels), by `src`. */
  media?: MediaMap;
}

/**
 * Read one lecture file and run the pipeline on it; unreadable files become diagnostics, not exceptions.
 * KaTeX is loaded only for a file that may hold math.
 */
export async function buildFile(
  file: string,
  cwd: string,
  templates: TemplateSet,
  assetsBase: string,
  generatedAt: string,
): Promise<FileResult> {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (cause) {
    return { file, result: { ok: false, diagnostics: [readError(cause)] } };
  }
  return buildReadText(file, resolve(cwd, file), text, templates, assetsBase, generatedAt);
}

/**
 * Run the pipeline on a lecture's text already read from `path`, with what it needs from beside
 * it: its local images, and KaTeX when it may hold math.
 */
export async function buildReadText(
  file: string,
  path: string,
  text: string,
  templates: TemplateSet,
  assetsBase: string,
  generatedAt: string,
): Promise<FileResult> {
  const math = mayHaveMath(text) ? await loadMathEngine() : undefined;
  const { local, parsed } = await readMediaOf(path, text);
  const extras = { ...(math && { math }), ...(local && { media: local.entries }), ...(parsed && { parsed }) };
  const built = buildText(file, text, templates, assetsBase, generatedAt, extras);
  return local ? { ...built, mediaFiles: local.files, mediaPaths: local.paths, media: local.entries } : built;
}

/** A lecture file checked as `validate` checks it, without rendering it: what `publish` sends first. */
export interface CheckedFile {
  file: string;
  /** The text read, sent as it is when the lecture checks. */
  text?: string;
  result: CheckResult;
  /** Its local images: `src` → absolute path. */
  mediaFiles?: ReadonlyMap<string, string>;
  /** What each local image was found to be, hash included, by `src`. */
  media?: MediaMap;
}

/**
 * Parse and check one lecture file, with its local images (read through `cache`, so a figure shared
 * by several lectures is hashed once) and KaTeX when it may hold math; rendering is left to whoever
 * renders it (the site, for `publish`; nobody, for `validate`: rendering a valid lecture finds
 * nothing more, and it is the costliest step of a long one). Unreadable files and parse errors
 * become diagnostics.
 */
export async function checkFile(
  file: string,
  cwd: string,
  templates: TemplateSet,
  cache?: MediaReadCache,
): Promise<CheckedFile> {
  const path = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    return { file, result: { ok: false, diagnostics: [readError(cause)] } };
  }
  // Parsed once: its images are read from the document the check then runs on.
  let parsed: ParsedDocument;
  try {
    parsed = parseLecture(text, { format: formatOf(file) });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    return { file, text, result: { ok: false, diagnostics: error.diagnostics } };
  }
  const math = mayHaveMath(text) ? await loadMathEngine() : undefined;
  const local =
    mayHaveImages(text) && imageSources(parsed.value).some((src) => mediaSource(src).kind === 'local')
      ? await readLocalMedia(path, parsed.value, cache)
      : undefined;
  const options = {
    format: formatOf(file),
    themes: themeNames(templates),
    ...(math && { math }),
    ...(local && { media: local.entries }),
  };
  const result = checkParsedLecture(parsed, options);
  return { file, text, result, ...(local && { mediaFiles: local.files, media: local.entries }) };
}

/**
 * The local images a lecture's text names, read from beside it; none when it names none (or does not
 * parse). The text parsed to find them goes on to the pipeline, which then does not parse it again.
 */
async function readMediaOf(
  path: string,
  text: string,
): Promise<{ local?: LocalMedia | undefined; parsed?: ParsedDocument }> {
  if (!mayHaveImages(text)) return {};
  let parsed: ParsedDocument;
  try {
    parsed = parseLecture(text, { format: formatOf(path) });
  } catch {
    return {}; // the pipeline reports the parse error
  }
  const root = parsed.value;
  if (!imageSources(root).some((src) => mediaSource(src).kind === 'local')) return { parsed };
  return { local: await readLocalMedia(path, root), parsed };
}

/** What a lecture may need beyond its text: the engine that draws its math. */
export interface BuildExtras {
  math?: MathEngine;
  media?: MediaMap;
  /** The text already parsed (to find its images). */
  parsed?: ParsedDocument;
}

/** Run the pipeline on a lecture file's text, already read; parse errors become diagnostics. */
export function buildText(
  file: string,
  text: string,
  templates: TemplateSet,
  assetsBase: string,
  generatedAt: string,
  extras: BuildExtras = {},
): FileResult {
  try {
    const options = { format: formatOf(file), templates, assetsBase, generatedAt, ...extras };
    return { file, result: buildDeck(text, options) };
  } catch (error) {
    if (error instanceof ParseError) return { file, result: { ok: false, diagnostics: error.diagnostics } };
    throw error;
  }
}

/** A file that cannot be read, as a diagnostic at the document. */
export function readError(cause: unknown): Diagnostic {
  const code = (cause as NodeJS.ErrnoException).code;
  const message =
    code === 'EISDIR'
      ? 'is a folder, not a lecture file'
      : code === 'ENOENT'
        ? 'does not exist (deleted or renamed?)'
        : `cannot be read (${code ?? String(cause)})`;
  return { severity: 'error', code: 'read-error', path: '', message };
}
