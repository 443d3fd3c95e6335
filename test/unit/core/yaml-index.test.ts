import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseLecture } from '../../../lambdas/core/parse.js';
import type { DocPath } from '../../../lambdas/core/paths.js';
import { checkStructure, MAX_NESTING_DEPTH, MAX_VALUES } from '../../../lambdas/core/structure-bounds.js';
import { indexYaml } from '../../../lambdas/core/yaml-index.js';
import { allKindsText } from './lecture-helpers.js';

const BOUNDS = { depth: MAX_NESTING_DEPTH, values: MAX_VALUES };

function pathsOf(value: unknown, path: DocPath = []): DocPath[] {
  const children = Array.isArray(value)
    ? value.flatMap((item, i) => pathsOf(item, [...path, i]))
    : value !== null && typeof value === 'object'
      ? Object.entries(value).flatMap(([key, item]) => pathsOf(item, [...path, key]))
      : [];
  return [path, ...children];
}

/** The fast path gives what the yaml path gives: value, every position and every scalar's source. */
function expectSameAsYaml(text: string): void {
  const slow = parseLecture(text, { format: 'yaml', yamlOnly: true });
  const fast = parseLecture(text, { format: 'yaml' });
  expect(fast.value).toEqual(slow.value);
  for (const path of pathsOf(slow.value)) {
    const where = `${path.join('.')} in ${JSON.stringify(text.slice(0, 300))}`;
    expect(fast.locate(path), where).toEqual(slow.locate(path));
    expect(fast.sourceText?.(path), where).toEqual(slow.sourceText?.(path));
  }
  expect(fast.locate(['sections', 0, 'nothing', 2])).toEqual(slow.locate(['sections', 0, 'nothing', 2]));
}

/** How many values the lexer check counts in `text`. */
function countedValues(text: string): number {
  let low = 0;
  let high = MAX_VALUES;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (checkStructure(text, { depth: 1000, values: mid }) === undefined) high = mid;
    else low = mid + 1;
  }
  return low;
}

const lectures = join(import.meta.dirname, '../../../content/cold-war');
const handWritten = `# yaml-language-server: $schema=x
---
id: t-1   # an id
title: 'It''s a "title"'
duration: 45
subtitle:
date: 1950-02-14
sources:
- id: a
  text: "A \\"book\\" \\u00e9 \\\\ (2020)"
  url: https://e.org/?a=1&b=2#c
sections:
  - title: One
    slides:
      - points: [a, "b, c", 'd', 3, 1.10, true, null, ~]
        cite: []
        notes: |
          First line
            indented

          After a blank line
      - kind: statement
        text: >-
          folded
          into one

          and another
        notes: >
          a folded

          note
      - kind: table
        header: [Year, Event]
        rows:
          - [1950, '007']
          - - 1.10
            - -3
            - 0x1F
            - .inf
            - 2e3
        notes: |+
          kept

      - kind: code
        text: |-
          x = 1

          # not a comment
# a comment
      - title: wrapped
        points:
          - a plain point
            over two lines


            and a paragraph
          - "a quoted \\"point\\"
             over lines

            too"   # c
        notes: "x
          y"
      - title: C# and F#
        points:
          -   spaced
          - text: nested
            points:
              - x
`;

describe('the YAML fast path', () => {
  const texts: [string, string][] = [
    ['a lecture of every kind', allKindsText()],
    ['hand-written edge cases', handWritten],
    // Some 3,000 nodes: more than the position arrays first hold (node-table.ts), so they grow.
    [
      'a lecture of 500 slides',
      stringify({
        id: 'long',
        title: 'Long',
        sections: [
          {
            title: 'All',
            slides: Array.from({ length: 500 }, (_, i) => ({
              kind: 'bullets',
              title: `Slide ${i}`,
              points: [`a ${i}`, `b: ${i}`],
            })),
          },
        ],
      }),
    ],
    ...readdirSync(lectures)
      .filter((file) => file.endsWith('.yaml'))
      .map((file): [string, string] => [file, readFileSync(join(lectures, file), 'utf8')]),
  ];

  it.each(texts)(
    'gives the value, positions, source texts and value count the yaml path gives: %s',
    (_, text) => {
      expectSameAsYaml(text);
    },
  );

  it('takes a document start marker with a comment after it', () => {
    const text = '# a lecture\n--- # starts here\nid: a\ntitle: T\nsections: []\n';
    expect(indexYaml(text, BOUNDS)).toBeDefined();
    expectSameAsYaml(text);
    expect(indexYaml('---# not a marker\nid: a\n', BOUNDS)).toBeUndefined();
  });

  it('takes the plain kind of YAML, and counts its values as the lexer check does', () => {
    for (const [name, text] of [texts[0], texts[1]] as [string, string][]) {
      const index = indexYaml(text, BOUNDS);
      expect(index, name).toBeDefined();
      expect(indexYaml(text, { depth: MAX_NESTING_DEPTH, values: countedValues(text) }), name).toBeDefined();
      expect(
        indexYaml(text, { depth: MAX_NESTING_DEPTH, values: countedValues(text) - 1 }),
        name,
      ).toBeUndefined();
    }
  });

  it('gives what the yaml path gives for lectures written out by the yaml package', () => {
    let seed = 5;
    const pick = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const words = [
      'a',
      'Word',
      '1950',
      '1.10',
      'true',
      'null',
      '- x',
      'a: b',
      'C#',
      '#x',
      "it's",
      '"q"',
      '[x]',
      '*y*',
      'é',
    ];
    const text = () =>
      Array.from({ length: 1 + pick(4) }, () => words[pick(words.length)]).join(pick(3) ? ' ' : '\n');
    let taken = 0;
    for (let i = 0; i < 200; i++) {
      const lecture = {
        id: `l-${i}`,
        title: text(),
        sections: Array.from({ length: 1 + pick(3) }, () => ({
          title: text(),
          slides: Array.from({ length: 1 + pick(3) }, () => ({
            title: text(),
            points: Array.from({ length: pick(4) }, () =>
              pick(4) ? text() : { text: text(), points: [text()] },
            ),
            notes: pick(2) ? `${text()}\n\n${text()}\n` : text(),
          })),
        })),
      };
      const written = stringify(lecture, { lineWidth: pick(2) ? 0 : 40 });
      if (indexYaml(written, BOUNDS)) {
        taken++;
        if (i % 5 === 0) {
          const values = countedValues(written);
          expect(indexYaml(written, { depth: MAX_NESTING_DEPTH, values })).toBeDefined();
          expect(indexYaml(written, { depth: MAX_NESTING_DEPTH, values: values - 1 })).toBeUndefined();
        }
      }
      expectSameAsYaml(written);
    }
    expect(taken).toBeGreaterThan(150);
  });

  it.each([
    ['an anchor', 'id: &a x\ntitle: *a\n'],
    ['a tag', 'id: !!str 1\n'],
    ['a flow mapping', 'id: {a: 1}\n'],
    ['a tab', 'id:\tx\n'],
    ['a duplicate key', 'id: a\nid: b\n'],
    ['a second document', 'id: a\n---\nid: b\n'],
    ['a key with a colon in its value', 'title: a: b\n'],
    ['a list at the top', '- a\n'],
    ['an unclosed quote', 'title: "a\n'],
    ['a line indented too far', 'id: a\n  title: b\n'],
  ])('leaves %s to the yaml path', (_, text) => {
    expect(indexYaml(text, BOUNDS)).toBeUndefined();
  });
});
