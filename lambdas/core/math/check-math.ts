import { LIMITS } from '../limits.js';
import { mathIn } from '../markdown.js';
import type { DocPath, Finding } from '../paths.js';
import type { Lecture } from '../schema.js';
import type { MathEngine } from './math-engine.js';

/**
 * The math check: every formula in the lecture must parse, or the lecture has an error at the
 * field that holds it, with the TeX renderer's own message.
 */

// Fields that are not inline-Markdown text: no math is looked for in them.
const NOT_TEXT = new Set([
  'id',
  'kind',
  'cite',
  'date',
  'language',
  'theme',
  'src',
  'url',
  'alt',
  'labels',
  'label',
]);

/**
 * Each formula of the text fields under `value`, in document order (code slides' text and `tex` are
 * not text). One path array is reused down the tree and copied only for a text that has a formula:
 * copying it for each of 25,000 values cost more than finding the formulas.
 */
function collectFormulas(value: unknown, path: (string | number)[], found: Formula[]): void {
  if (typeof value === 'string') {
    if (!value.includes('\\')) return;
    for (const formula of mathIn(value, path.at(-1) === 'notes')) found.push({ path: [...path], ...formula });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      collectFormulas(value[i], path, found);
      path.pop();
    }
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (NOT_TEXT.has(key)) continue;
      if ((record.kind === 'code' && key === 'text') || (record.kind === 'math' && key === 'tex')) continue;
      path.push(key);
      collectFormulas(record[key], path, found);
      path.pop();
    }
  }
}

interface Formula {
  path: DocPath;
  tex: string;
  display: boolean;
}

/** Every formula of the lecture, with where it is written; `display` for `\[…\]` and math slides. */
export function formulas(lecture: Lecture): Formula[] {
  const found: Formula[] = [];
  collectFormulas(lecture, [], found);
  for (const [s, section] of lecture.sections.entries()) {
    for (const [i, slide] of section.slides.entries()) {
      if (slide.kind === 'math')
        found.push({ path: ['sections', s, 'slides', i, 'tex'], tex: slide.tex, display: true });
    }
  }
  return found;
}

/**
 * Errors for formulas that do not parse; `math-unavailable` when there is math and no engine; one
 * `over-limit` where the lecture passes the bounds on formulas, before any of them is drawn (drawing
 * is the costliest step of a lecture with math: its work is bounded by these limits).
 */
export function checkMath(lecture: Lecture, engine: MathEngine | undefined): Finding[] {
  const all = formulas(lecture);
  const over = overLimit(all);
  if (over) return [over];
  const findings: Finding[] = [];
  for (const { path, tex, display } of all) {
    if (!engine) {
      const message = 'has math, and math cannot be rendered here (no TeX renderer is installed)';
      return [{ severity: 'error', code: 'math-unavailable', path, message }];
    }
    try {
      engine.render(tex, display);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      findings.push({ severity: 'error', code: 'tex-error', path, message: `TeX does not parse: ${reason}` });
    }
  }
  return findings;
}

function overLimit(all: readonly { path: DocPath; tex: string }[]): Finding | undefined {
  const extra = all[LIMITS.formulas];
  if (extra) {
    const message = `${all.length} formulas; a lecture may have at most ${LIMITS.formulas}: split it`;
    return { severity: 'error', code: 'over-limit', path: extra.path, message };
  }
  let characters = 0;
  for (const { path, tex } of all) {
    characters += tex.length;
    if (characters > LIMITS.texCharacters) {
      const message = `the formulas hold more than ${LIMITS.texCharacters} characters of TeX in all (a lecture may have at most that): split it`;
      return { severity: 'error', code: 'over-limit', path, message };
    }
  }
  return undefined;
}
