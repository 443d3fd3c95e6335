import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { indexJson } from '../../../lambdas/core/json-index.js';
import { parseLecture } from '../../../lambdas/core/parse.js';
import type { DocPath } from '../../../lambdas/core/paths.js';
import { checkStructure, MAX_NESTING_DEPTH, MAX_VALUES } from '../../../lambdas/core/structure-bounds.js';
import { allKindsText } from './lecture-helpers.js';

const BOUNDS = { depth: MAX_NESTING_DEPTH, values: MAX_VALUES };

/** Every path in a plain value, containers and scalars alike. */
function pathsOf(value: unknown, path: DocPath = []): DocPath[] {
  const children = Array.isArray(value)
    ? value.flatMap((item, i) => pathsOf(item, [...path, i]))
    : value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))
      : [];
  return [path, ...children];
}

const allKindsJson = JSON.stringify(parse(allKindsText()), null, 2);
const compact = JSON.stringify(parse(allKindsText()));
const tricky = `{ "id" : "t\\u00e9", "title":"a \\"quoted\\" \\\\ title","n":[1.10, -0, 2e3, true, false, null, {}, []],
\t"sections":[{"title":"A","slides":[{"points":["x"],"__proto__":{"admin":true}}]}], "empty": "" }`;

describe('the JSON fast path', () => {
  it.each([
    ['a lecture of every kind, indented', allKindsJson],
    ['the same on one line', compact],
    ['escapes, numbers as written, tabs and empty containers', tricky],
    // Some 3,000 nodes: more than the position arrays first hold (node-table.ts), so they grow.
    [
      'a lecture of 500 slides',
      JSON.stringify({
        id: 'long',
        title: 'Long',
        sections: [
          {
            title: 'All',
            slides: Array.from({ length: 500 }, (_, i) => ({ kind: 'bullets', points: [`a ${i}`, i] })),
          },
        ],
      }),
    ],
  ])('gives the value, positions and source text the yaml path gives: %s', (_, text) => {
    expect(indexJson(text, BOUNDS)).toBeDefined();
    const fast = parseLecture(text, { format: 'json' });
    const slow = parseLecture(text, { format: 'yaml' });
    expect(fast.value).toEqual(slow.value);
    for (const path of pathsOf(slow.value)) {
      expect(fast.locate(path), path.join('.')).toEqual(slow.locate(path));
      expect(fast.sourceText?.(path), path.join('.')).toEqual(slow.sourceText?.(path));
    }
    // A path that goes further than the document is placed at its nearest ancestor.
    expect(fast.locate(['sections', 0, 'slides', 0, 'nothing', 3])).toEqual(
      slow.locate(['sections', 0, 'slides', 0, 'nothing', 3]),
    );
  });

  it.each([
    ['a duplicate key', '{"id":"a","id":"b"}'],
    ['a trailing comma', '{"id":"a",}'],
    ['a comment', '{"id":"a" // no\n}'],
    ['an array at the top', '[1]'],
    ['text after the end', '{"id":"a"} x'],
    ['nesting past the bound', `{"a":${'['.repeat(MAX_NESTING_DEPTH)}${']'.repeat(MAX_NESTING_DEPTH)}}`],
    ['more values than the bound', `{"a":[${Array.from({ length: MAX_VALUES }, () => '1').join(',')}]}`],
    ['a control character in a string', '{"id":"a\tb"}'],
    ['an unclosed string', '{"id":"a}'],
    ['a key that is a list index, which JSON.parse puts first', '{"id":"a","7":1}'],
  ])('leaves %s to the yaml path, which reports it', (_, text) => {
    expect(indexJson(text, BOUNDS)).toBeUndefined();
  });

  it('places a key that is a list index where it is written', () => {
    const text = '{\n"id": "a",\n"title": "t",\n"12": "x"\n}';
    const doc = parseLecture(text, { format: 'json' });
    expect(Object.keys(doc.value as object)).toEqual(['12', 'id', 'title']);
    expect(doc.locate(['title'])).toEqual({ line: 3, col: 1 });
    expect(doc.locate(['12'])).toEqual({ line: 4, col: 1 });
  });

  it('accepts exactly as many values and levels as the yaml check', () => {
    const values = (n: number) => `{"a":[${Array.from({ length: n }, () => '{"b":1}').join(',')}]}`;
    const deep = (n: number) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;
    const texts = [
      ...[8330, 8331, 8332, 8333, 8334].map(values),
      ...[MAX_NESTING_DEPTH - 2, MAX_NESTING_DEPTH - 1, MAX_NESTING_DEPTH].map(deep),
    ];
    const accepted = texts.map((text) => indexJson(text, BOUNDS) !== undefined);
    expect(accepted).toEqual(texts.map((text) => checkStructure(text) === undefined));
    expect(accepted).toContain(true);
    expect(accepted).toContain(false);
  });
});
