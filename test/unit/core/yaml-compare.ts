import { expect } from 'vitest';
import type { ParsedDocument } from '../../../lambdas/core/deck.js';
import { ParseError } from '../../../lambdas/core/errors.js';
import { parseLecture } from '../../../lambdas/core/parse.js';
import type { DocPath } from '../../../lambdas/core/paths.js';
import { checkStructure, MAX_NESTING_DEPTH, MAX_VALUES } from '../../../lambdas/core/structure-bounds.js';
import { indexYaml } from '../../../lambdas/core/yaml-index.js';

/** How a document fares through the YAML fast path against the yaml package. */

export const BOUNDS = { depth: MAX_NESTING_DEPTH, values: MAX_VALUES };

type Outcome = { doc: ParsedDocument } | { error: ParseError };

function parseBothWays(text: string): { fast: Outcome; slow: Outcome } {
  const read = (yamlOnly: boolean): Outcome => {
    try {
      return { doc: parseLecture(text, { yamlOnly }) };
    } catch (error) {
      if (error instanceof ParseError) return { error };
      throw error;
    }
  };
  return { fast: read(false), slow: read(true) };
}

/**
 * A value written out with every type, number and key order showing, so that `1` and `"1"`, `-0`
 * and `0`, `{a, b}` and `{b, a}` differ.
 */
export function typedForm(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Object.is(value, -0) ? 'n:-0' : `n:${value}`;
  if (typeof value === 'string') return `s:${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `b:${value}`;
  if (Array.isArray(value)) return `[${value.map(typedForm).join(',')}]`;
  if (typeof value === 'object') {
    const own = Object.getPrototypeOf(value) === Object.prototype ? '' : 'proto!';
    const entries = Object.keys(value).map(
      (key) => `${JSON.stringify(key)}:${typedForm((value as Record<string, unknown>)[key])}`,
    );
    return `${own}{${entries.join(',')}}`;
  }
  return `${typeof value}:${String(value)}`;
}

/** Every path in `value`, and beside each a few that lead nowhere (a missing key, an index too far). */
export function pathsOf(value: unknown, path: DocPath = []): DocPath[] {
  const children = Array.isArray(value)
    ? value.flatMap((item, i) => pathsOf(item, [...path, i]))
    : value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))
      : [];
  return [path, [...path, 'missing'], [...path, 7], ...children];
}

/** The smallest bound of one kind under which the lexer check passes `text`. */
function lexerMinimum(text: string, kind: 'depth' | 'values'): number {
  let low = 0;
  let high = Math.max(text.length, 1);
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const bounds = kind === 'depth' ? { depth: mid, values: MAX_VALUES } : { depth: 1000, values: mid };
    if (checkStructure(text, bounds) === undefined) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * Either the fast path declines `text`, or it gives what the yaml path gives: the same value (types
 * and key order too), the same position and source text for every path, the same value count, and
 * no document the yaml path refuses. `parseLecture` both ways gives the same document or the same
 * diagnostics. Answers whether the fast path took the text.
 */
export function expectFastAsYaml(text: string, { counts = true } = {}): boolean {
  const where = JSON.stringify(text.length > 600 ? `${text.slice(0, 600)}…` : text);
  const source = text.replace(/^\uFEFF/, '');
  const index = indexYaml(source, BOUNDS);
  const { fast, slow } = parseBothWays(text);
  if ('error' in slow) {
    expect(index, `the fast path took a text the yaml path refuses: ${where}`).toBeUndefined();
    expect('error' in fast && fast.error.diagnostics, where).toEqual(slow.error.diagnostics);
    return false;
  }
  expect('doc' in fast, where).toBe(true);
  if (!('doc' in fast)) return false;
  expect(typedForm(fast.doc.value), where).toBe(typedForm(slow.doc.value));
  expect(fast.doc.format, where).toBe(slow.doc.format);
  // One comparison for all the paths: an expect for each costs more than the parsing.
  const placed = (doc: ParsedDocument) =>
    pathsOf(slow.doc.value).map((path) => ({
      path,
      at: doc.locate(path),
      text: doc.sourceText?.(path),
    }));
  expect(placed(fast.doc), where).toEqual(placed(slow.doc));
  if (index && counts) {
    const values = lexerMinimum(source, 'values');
    expect(
      indexYaml(source, { depth: MAX_NESTING_DEPTH, values }),
      `all ${values} values: ${where}`,
    ).toBeDefined();
    expect(
      indexYaml(source, { depth: MAX_NESTING_DEPTH, values: values - 1 }),
      `one value too many: ${where}`,
    ).toBeUndefined();
    const depth = lexerMinimum(source, 'depth');
    expect(
      indexYaml(source, { depth: depth - 1, values: MAX_VALUES }),
      `one level too deep: ${where}`,
    ).toBeUndefined();
  }
  return index !== undefined;
}
