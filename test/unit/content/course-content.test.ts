import { readFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineCounter, Parser } from 'yaml';
import { type Diagnostic, ParseError } from '../../../lambdas/core/errors.js';
import type { MediaMap } from '../../../lambdas/core/media/media-entry.js';
import { parseLecture } from '../../../lambdas/core/parse.js';
import {
  type BuildResult,
  buildDeck,
  type CheckResult,
  checkLecture,
} from '../../../lambdas/core/pipeline.js';
import { themeNames } from '../../../lambdas/core/render/index.js';
import type { Lecture, Slide } from '../../../lambdas/core/schema.js';
import { collectFiles, formatOf } from '../../../lambdas/node/collect-files.js';
import { sortCourseFiles } from '../../../lambdas/node/course-files.js';
import { readLocalMedia } from '../../../lambdas/node/read-media.js';
import { loadTemplates } from '../../../lambdas/node/templates-fs.js';

/**
 * The course's own lectures, held to the standard the seeds README sets: every file under content/
 * checks and renders without errors, has no warnings unless a comment on its line keeps one with a
 * reason, cites a declared source on every slide that states a fact, and fits a 50-minute slot.
 *
 * LECTERN_CONTENT_DIR points the suite at another folder (e.g. a broken copy, to see it fail).
 */

const CONTENT_DIR = resolve(process.env.LECTERN_CONTENT_DIR ?? join(import.meta.dirname, '../../../content'));
const KEEP_WARNING = 'lectern: keep-warning';

const MIN_CONTENT_SLIDES = 18;
const MAX_CONTENT_SLIDES = 30;
const MIN_DURATION = 45;
const MAX_DURATION = 50;

/** The YAML comments of `text` by 1-based line, found through the parser (so `#` inside a string is not one). */
function commentsByLine(text: string): Map<number, string> {
  const lines = new LineCounter();
  const comments = new Map<number, string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) collect(item);
    } else if (typeof value === 'object' && value !== null) {
      const token = value as { type?: unknown; offset?: unknown; source?: unknown };
      if (token.type === 'comment' && typeof token.offset === 'number' && typeof token.source === 'string') {
        comments.set(lines.linePos(token.offset).line, token.source);
      }
      for (const child of Object.values(value)) collect(child);
    }
  };
  for (const token of new Parser(lines.addNewLine).parse(text)) collect(token);
  return comments;
}

/** Whether a comment keeps a warning: it says `lectern: keep-warning` and gives a reason after it. */
function keepsWarning(comment: string | undefined): boolean {
  if (comment === undefined) return false;
  const at = comment.indexOf(KEEP_WARNING);
  if (at < 0) return false;
  const reason = comment.slice(at + KEEP_WARNING.length).replace(/^[\s:;,.–—-]+/, '');
  return /[\p{L}\p{N}]/u.test(reason);
}

/** The warnings that no `lectern: keep-warning` comment on their line (or the line above) keeps. */
function unkeptWarnings(text: string, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const comments = commentsByLine(text);
  return diagnostics.filter(
    (d) =>
      d.severity === 'warning' &&
      (d.line === undefined ||
        !(keepsWarning(comments.get(d.line)) || keepsWarning(comments.get(d.line - 1)))),
  );
}

/** Slides that state facts: all but discussion questions and statements that ask a question. */
function isFactBearing(slide: Slide): boolean {
  if (slide.kind === 'questions') return false;
  if (slide.kind === 'statement') return !slide.text.trim().endsWith('?');
  return true;
}

/** `sections[s].slides[i]` of every fact-bearing slide without a cite naming a declared source. */
function uncitedFactSlides(lecture: Lecture): string[] {
  const declared = new Set(lecture.sources.map((source) => source.id));
  const missing: string[] = [];
  lecture.sections.forEach((section, s) => {
    section.slides.forEach((slide, i) => {
      if (!isFactBearing(slide)) return;
      const cite = slide.cite ?? [];
      if (cite.length === 0 || !cite.every((id) => declared.has(id))) {
        missing.push(`sections[${s}].slides[${i}]${slide.id ? ` (${slide.id})` : ''}`);
      }
    });
  });
  return missing;
}

function contentSlides(lecture: Lecture): number {
  return lecture.sections.reduce((sum, section) => sum + section.slides.length, 0);
}

function show(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.line ?? '?'}:${d.col ?? '?'}  ${d.path}  ${d.severity}: ${d.message}`);
}

const BUILD_OPTIONS = {
  templates: loadTemplates(),
  assetsBase: '../assets/',
  generatedAt: '2026-11-27T00:00:00.000Z',
};

interface Loaded {
  checked: CheckResult;
  built: BuildResult;
}

/** Check and render a lecture's text; a ParseError becomes a failed result with its diagnostics. */
function load(text: string, file: string, media?: MediaMap): Loaded {
  const format = formatOf(file);
  try {
    return {
      checked: checkLecture(text, {
        themes: themeNames(BUILD_OPTIONS.templates),
        format,
        ...(media && { media }),
      }),
      built: buildDeck(text, { ...BUILD_OPTIONS, format, ...(media && { media }) }),
    };
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    const failed = { ok: false as const, diagnostics: error.diagnostics };
    return { checked: failed, built: failed };
  }
}

/** The lecture's own images, read from beside its file as the CLI reads them. */
async function localMedia(text: string, file: string): Promise<MediaMap | undefined> {
  try {
    return (await readLocalMedia(file, parseLecture(text, { format: formatOf(file) }).value)).entries;
  } catch {
    return undefined;
  }
}

function lectureOf({ checked }: Loaded, name: string): Lecture {
  if (!checked.ok) throw new Error(`${name} does not check: ${show(checked.diagnostics).join('; ')}`);
  return checked.lecture;
}

/** Every file under the content folder, and the lectures among them, found as the CLI and the server find them. */
const found = collectFiles([CONTENT_DIR], CONTENT_DIR);
const files = sortCourseFiles(found, CONTENT_DIR).lectures;

/** Every lecture, loaded with its own images (read before the tests are collected). */
const lectures = await Promise.all(
  files.map(async (file) => {
    const text = readFileSync(file, 'utf8');
    return {
      name: relative(CONTENT_DIR, file),
      text,
      loaded: load(text, file, await localMedia(text, file)),
    };
  }),
);

describe('course content', () => {
  it('has lecture files to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  /** Lecture id → the files that use it (a deck's folder is named by its id). */
  const filesById = new Map<string, string[]>();
  for (const { name, loaded } of lectures) {
    if (loaded.checked.ok) {
      const id = loaded.checked.lecture.id;
      filesById.set(id, [...(filesById.get(id) ?? []), name]);
    }
  }

  for (const { name, text, loaded } of lectures) {
    const { built } = loaded;

    describe(name, () => {
      it('checks and renders with no errors', () => {
        const errors = show(built.diagnostics.filter((d) => d.severity === 'error'));
        expect(errors, errors.join('\n')).toEqual([]);
        expect(built.ok).toBe(true);
        if (!built.ok) return;
        for (const path of ['index.html', 'handout.html', 'deck.json']) {
          expect(built.deck.files[path], path).toBeTruthy();
        }
        expect(built.manifest.id).toBe(lectureOf(loaded, name).id);
      });

      it('has no warnings but those a "lectern: keep-warning" comment keeps, with a reason', () => {
        const unkept = show(unkeptWarnings(text, built.diagnostics));
        expect(unkept, unkept.join('\n')).toEqual([]);
      });

      it('cites a declared source on every slide that states a fact', () => {
        const uncited = uncitedFactSlides(lectureOf(loaded, name));
        expect(uncited, `no cite of a declared source: ${uncited.join(', ')}`).toEqual([]);
      });

      it(`has ${MIN_CONTENT_SLIDES}–${MAX_CONTENT_SLIDES} content slides and a planned duration of ${MIN_DURATION}–${MAX_DURATION} minutes`, () => {
        const lecture = lectureOf(loaded, name);
        const slides = contentSlides(lecture);
        expect(slides, 'content slides').toBeGreaterThanOrEqual(MIN_CONTENT_SLIDES);
        expect(slides, 'content slides').toBeLessThanOrEqual(MAX_CONTENT_SLIDES);
        expect(lecture.duration, 'duration').toBeDefined();
        expect(lecture.duration ?? 0, 'duration').toBeGreaterThanOrEqual(MIN_DURATION);
        expect(lecture.duration ?? 0, 'duration').toBeLessThanOrEqual(MAX_DURATION);
      });

      it('has an id no other lecture uses', () => {
        const { id } = lectureOf(loaded, name);
        expect(filesById.get(id), `files with the lecture id "${id}"`).toEqual([name]);
      });
    });
  }
});

/** The checks above must be able to fail: each is tried here on a small lecture that breaks it. */
describe('the content checks themselves', () => {
  const LECTURE = [
    'id: probe',
    'title: "Probe"',
    'duration: 50',
    'sources:',
    '  - id: src',
    '    text: "A source"',
    'sections:',
    '  - title: "One"',
    '    slides:',
    '      - title: "Too many points"',
    '        points: ["a", "b", "c", "d", "e", "f", "g"]',
    '        notes: "Notes."',
    '        cite: [src]',
    '      - kind: statement',
    '        text: "A claim with no source."',
    '        notes: "Notes."',
    '      - kind: statement',
    '        text: "A question with no source?"',
    '        notes: "Notes."',
    '      - kind: questions',
    '        items: ["Why?"]',
    '        notes: "Notes."',
  ].join('\n');

  function tooManyPoints(text: string): Diagnostic[] {
    const { built } = load(text, 'probe.yaml');
    return unkeptWarnings(text, built.diagnostics).filter((d) => d.code === 'too-many-points');
  }

  it('reports a warning that no comment keeps', () => {
    expect(tooManyPoints(LECTURE)).toHaveLength(1);
  });

  it('lets a keep-warning comment with a reason, on the line or the line above, keep it', () => {
    const onLine = LECTURE.replace(
      '      - title: "Too many points"',
      '      - title: "Too many points" # lectern: keep-warning: a checklist students copy',
    );
    const above = LECTURE.replace(
      '      - title: "Too many points"',
      '      # lectern: keep-warning — the seven stages must be seen together\n      - title: "Too many points"',
    );
    expect(tooManyPoints(onLine)).toEqual([]);
    expect(tooManyPoints(above)).toEqual([]);
  });

  it('does not let a comment without a reason, or the marker inside a string, keep it', () => {
    const bare = LECTURE.replace(
      '      - title: "Too many points"',
      '      - title: "Too many points" # lectern: keep-warning',
    );
    const inString = LECTURE.replace(
      '      - title: "Too many points"',
      '      - title: "Too many points # lectern: keep-warning because"',
    );
    expect(tooManyPoints(bare)).toHaveLength(1);
    expect(tooManyPoints(inString)).toHaveLength(1);
  });

  it('finds the fact-bearing slide without a cite, and only that one', () => {
    const loaded = load(LECTURE, 'probe.yaml');
    expect(uncitedFactSlides(lectureOf(loaded, 'probe.yaml'))).toEqual(['sections[0].slides[1]']);
  });

  it('does not take a course file for a lecture', () => {
    expect(found.some((file) => basename(file) === 'course.yaml')).toBe(true);
    expect(files.some((file) => basename(file) === 'course.yaml')).toBe(false);
  });
});
