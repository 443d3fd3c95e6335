import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LectureFormat } from '../../../lambdas/core/deck.js';
import type { Diagnostic } from '../../../lambdas/core/errors.js';
import { ParseError } from '../../../lambdas/core/errors.js';
import { parseLecture } from '../../../lambdas/core/parse.js';
import { checkLecture } from '../../../lambdas/core/pipeline.js';
import type { Lecture } from '../../../lambdas/core/schema.js';

/** Shared set-up for the parse, validate and lint tests: lecture text in, diagnostics out. */

/** The themes the validator is told about (templates/themes ships these). */
export const THEMES = ['dark', 'high-contrast', 'lecture'] as const;

/** Marks the line a diagnostic must point at, in test documents: `colour: red # <-`. */
export const MARK = '# <-';

export function allKindsText(): string {
  return readFileSync(join(import.meta.dirname, '../../fixtures/lectures/all-kinds.yaml'), 'utf8');
}

/** Lecture text through the pipeline's checks (parse, schema and references, lint): the lecture when valid, and its diagnostics. */
export function check(
  text: string,
  format?: LectureFormat,
): { lecture?: Lecture; diagnostics: Diagnostic[] } {
  const checked = checkLecture(text, { themes: THEMES, ...(format ? { format } : {}) });
  return checked.ok ? { lecture: checked.lecture, diagnostics: checked.diagnostics } : checked;
}

export function errorsOf(text: string): Diagnostic[] {
  return check(text).diagnostics.filter((d) => d.severity === 'error');
}

export function warningsOf(text: string): Diagnostic[] {
  return check(text).diagnostics.filter((d) => d.severity === 'warning');
}

/** The diagnostics of the ParseError that parsing `text` must throw. */
export function parseFailure(text: string, format?: LectureFormat): Diagnostic[] {
  try {
    parseLecture(text, format ? { format } : {});
  } catch (error) {
    if (error instanceof ParseError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected a ParseError, but the text parsed');
}

/** 1-based line of the first line containing `needle` (MARK by default); throws when there is none. */
export function lineOf(text: string, needle: string = MARK): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`no line contains ${JSON.stringify(needle)}`);
  return index + 1;
}

/** 1-based column of `needle` on the line `lineOf(text, marker)`. */
export function colOf(text: string, needle: string, marker: string = MARK): number {
  const line = text.split('\n')[lineOf(text, marker) - 1] ?? '';
  const index = line.indexOf(needle);
  if (index < 0) throw new Error(`line ${lineOf(text, marker)} does not contain ${JSON.stringify(needle)}`);
  return index + 1;
}

function indent(block: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return block
    .trim()
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : pad + line))
    .join('\n');
}

export interface DeckParts {
  /** One slide, written from column 0 (`- kind: quote\n  text: …`); it becomes sections[1].slides[3]. */
  slide?: string;
  /** Lecture fields written after id and title (`date: …`, `theme: …`). */
  top?: string;
  /** The lecture id line's value. */
  id?: string;
  /** The items of `sources`, from column 0; the default declares `s1`, cited by sections[0].slides[0]. */
  sources?: string;
}

/**
 * A small lecture, valid unless a part says otherwise. Its second section holds three slides before
 * the one under test, so the slide's path is `sections[1].slides[3]`, as in the spec's example.
 */
export function deck(parts: DeckParts = {}): string {
  const sources = parts.sources ?? '- id: s1\n  text: "A source"';
  const slide = parts.slide ?? '- points: [e]\n  notes: "Notes."';
  return [
    `id: ${parts.id ?? 'test-deck'}`,
    'title: Test deck',
    ...(parts.top ? [parts.top.trim()] : []),
    'sources:',
    indent(sources, 2),
    'sections:',
    '  - title: One',
    '    slides:',
    '      - id: first',
    '        points: [a]',
    '        notes: "Notes."',
    '        cite: [s1]',
    '  - title: Two',
    '    slides:',
    '      - points: [b]',
    '        notes: "Notes."',
    '      - points: [c]',
    '        notes: "Notes."',
    '      - points: [d]',
    '        notes: "Notes."',
    indent(slide, 6),
    '',
  ].join('\n');
}

/** The path of the slide that `deck({ slide })` puts under test. */
export const SLIDE = 'sections[1].slides[3]';
