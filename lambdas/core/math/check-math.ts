import { LIMITS } from '../limits.js';
import { mathIn } from '../markdown.js';
import type { DocPath, Finding } from '../paths.js';
import type { Lecture } from '../schema.js';
import { macroDefinition } from './macro-definitions.js';
import type { MathEngine } from './math-engine.js';

/**
 * The math check: every formula in the lecture must parse and define no macro, or the lecture has
 * an error at the field that holds it, with the TeX renderer's own message. Checking parses a
 * formula without drawing it when the engine can (see MathEngine.check).
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
 * not text), until they pass the bounds: past them the lecture is refused at the first formula over,
 * so the rest need not be found (finding one parses its text's Markdown; 25,000 texts of a formula
 * each cost more than half a second). One path array is reused down the tree and copied only for a
 * text that has a formula: copying it for each of 25,000 values cost more than finding the formulas.
 * Answers false once over the bounds.
 */
function collectFormulas(value: unknown, path: (string | number)[], found: Found): boolean {
  if (typeof value === 'string') {
    if (!value.includes('\\')) return true;
    for (const formula of mathIn(value, path.at(-1) === 'notes')) {
      found.list.push({ path: [...path], ...formula });
      found.characters += formula.tex.length;
      if (isOver(found)) return false;
    }
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      path.push(i);
      const more = collectFormulas(value[i], path, found);
      path.pop();
      if (!more) return false;
    }
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (NOT_TEXT.has(key)) continue;
      if ((record.kind === 'code' && key === 'text') || (record.kind === 'math' && key === 'tex')) continue;
      path.push(key);
      const more = collectFormulas(record[key], path, found);
      path.pop();
      if (!more) return false;
    }
  }
  return true;
}

interface Found {
  list: Formula[];
  characters: number;
}

const isOver = (found: Found) =>
  found.list.length > LIMITS.formulas || found.characters > LIMITS.texCharacters;

interface Formula {
  path: DocPath;
  tex: string;
  display: boolean;
}

/**
 * Every formula of the lecture, with where it is written; `display` for `\[…\]` and math slides.
 * Past the bounds on formulas the list ends at the first formula over them.
 */
export function formulas(lecture: Lecture): Formula[] {
  const found: Found = { list: [], characters: 0 };
  if (!collectFormulas(lecture, [], found)) return found.list;
  for (const [s, section] of lecture.sections.entries()) {
    for (const [i, slide] of section.slides.entries()) {
      if (slide.kind !== 'math') continue;
      found.list.push({ path: ['sections', s, 'slides', i, 'tex'], tex: slide.tex, display: true });
      found.characters += slide.tex.length;
      if (isOver(found)) return found.list;
    }
  }
  return found.list;
}

/**
 * Errors for formulas that do not parse or that define a macro; `math-unavailable` when there is
 * math and no engine; one `over-limit` where the lecture passes the bounds on formulas (their number
 * and characters before any is read, the parts they read as while they are checked), before any of
 * them is drawn (drawing is the costliest step of a lecture with math: its work is bounded by these
 * limits).
 */
export function checkMath(lecture: Lecture, engine: MathEngine | undefined): Finding[] {
  const all = formulas(lecture);
  const over = overLimit(all);
  if (over) return [over];
  const findings: Finding[] = [];
  let parts = 0;
  for (const { path, tex, display } of all) {
    if (!engine) {
      const message = 'has math, and math cannot be rendered here (no TeX renderer is installed)';
      return [{ severity: 'error', code: 'math-unavailable', path, message }];
    }
    const definer = macroDefinition(tex);
    if (definer) {
      const message = `TeX defines a macro (${definer}), which a formula may not do: write out what it stands for`;
      findings.push({ severity: 'error', code: 'tex-error', path, message });
      continue;
    }
    try {
      if (engine.check) parts += engine.check(tex, display) ?? 0;
      else engine.render(tex, display);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      findings.push({ severity: 'error', code: 'tex-error', path, message: `TeX does not parse: ${reason}` });
    }
    if (parts > LIMITS.texParts) {
      const message = `the formulas read as more than ${LIMITS.texParts} parts of TeX in all (a command such as \\LaTeX counts each part it stands for; a lecture may have at most that): split it`;
      findings.push({ severity: 'error', code: 'over-limit', path, message });
      break;
    }
  }
  return findings;
}

function overLimit(all: readonly { path: DocPath; tex: string }[]): Finding | undefined {
  const extra = all[LIMITS.formulas];
  if (extra) {
    const message = `more than ${LIMITS.formulas} formulas; a lecture may have at most ${LIMITS.formulas}: split it`;
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
