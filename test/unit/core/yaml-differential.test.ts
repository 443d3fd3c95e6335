import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLecture } from '../../../lambdas/core/parse.js';
import { validateLecture } from '../../../lambdas/core/validate.js';
import { indexYaml } from '../../../lambdas/core/yaml-index.js';
import { BOUNDS, expectFastAsYaml, typedForm } from './yaml-compare.js';
import { generateYaml, seededRandom } from './yaml-generate.js';

const root = join(import.meta.dirname, '../../..');

function yamlFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ya?ml$/.test(file))
    .map((file) => join(folder, file))
    .sort();
}

const nested = (depth: number, leaf: string) =>
  Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') +
  `\n${'  '.repeat(depth)}${leaf}\n`;

// Documents that only the yaml package reads right, that it refuses, or that are easy to read wrong.
const HOSTILE: [string, string][] = [
  ['an anchor and an alias', 'id: &a x\ntitle: *a\n'],
  ['an alias to no anchor', 'id: *nothing\n'],
  ['a merge key', 'base: &b\n  x: 1\nother:\n  <<: *b\n'],
  ['a tag', 'id: !!str 1\n'],
  ['a local tag', 'id: !thing x\n'],
  ['a flow mapping', 'id: {a: 1}\n'],
  ['a flow mapping in a flow list', 'id: [a, {b: 1}]\n'],
  ['a nested flow list', 'id: [a, [b, c]]\n'],
  ['a flow list over two lines', 'id: [a,\n  b]\n'],
  ['a flow list with a trailing comma', 'id: [a, b,]\n'],
  ['an unclosed flow list', 'id: [a, b\n'],
  ['a second document', 'id: a\n---\nid: b\n'],
  ['a document end, then more', 'id: a\n...\nid: b\n'],
  ['a directive', '%YAML 1.2\n---\nid: a\n'],
  ['a duplicate key', 'id: a\nid: b\n'],
  ['a duplicate nested key', 'a:\n  x: 1\n  y: 2\n  x: 3\n'],
  ['a key with a colon in its value', 'title: a: b\n'],
  ['a list at the top', '- a\n'],
  ['a scalar at the top', 'just text\n'],
  ['an empty document', ''],
  ['only a comment', '# nothing\n'],
  ['only a marker', '---\n'],
  ['an unclosed double quote', 'title: "a\nid: b\n'],
  ['an unclosed single quote', "title: 'a\nid: b\n"],
  ['a quote closed on a line too little indented', 'a:\n  b: "x\n  y"\n'],
  ['text after a closing quote', 'title: "a" b\n'],
  ['a line indented too far', 'id: a\n  title: b\n'],
  ['a line indented too little', 'a:\n    b: 1\n  c: 2\n'],
  ['a list item indented too far', 'a:\n  - x\n   - y\n'],
  ['a tab as indentation', 'a:\n\tb: 1\n'],
  ['a tab after the colon', 'id:\tx\n'],
  ['a tab in a block scalar', 'a: |\n  x\n\t y\n'],
  ['a complex key', '? a\n: b\n'],
  ['a complex key in a list', 'a:\n  - ? x\n    : y\n'],
  ['a key in quotes', '"id": a\n'],
  ['a key that is a number', '1: a\n'],
  ['a key that is true', 'true: a\n'],
  ['a key with a space', 'a b: c\n'],
  ['__proto__ as a key', '__proto__: a\n'],
  ['a space before the colon', 'id : a\n'],
  ['a comment without a space before it', 'id: a#b\ntitle: x #c\n'],
  ['a comment right after the colon', 'id:# x\n'],
  ['a block scalar with an indentation indicator', 'a: |2\n   x\n  y\n'],
  ['a block scalar indicator of 0', 'a: |0\n  x\n'],
  ['a block scalar less indented than its first line', 'a: |\n    x\n  y\n'],
  ['a block scalar with leading blank lines wider than its text', 'a: |\n     \n  x\n'],
  ['a folded block with more indented lines', 'a: >\n  x\n    y\n  z\n'],
  ['a block scalar ending the file without a line break', 'a: |\n  x'],
  ['an empty block scalar', 'a: |\nb: 1\n'],
  ['an escaped line break', 'a: "x\\\n  y"\n'],
  ['escapes JSON lacks', 'a: "\\x41 \\e \\N \\_ \\L \\P \\0 \\a \\v \\ "\n'],
  ['an invalid escape', 'a: "\\q"\n'],
  ['a lone surrogate escape', 'a: "\\ud800"\n'],
  ['an eight-digit escape', 'a: "\\U0001F600"\n'],
  ['a single-quoted scalar over lines', "a: 'x\n  y'\n"],
  ['a plain scalar with ": " on its second line', 'a: x\n  y: z\n'],
  ['a plain scalar with " #" on its second line', 'a: x\n  y #z\n'],
  ['CRLF line ends', 'id: a\r\ntitle: b\r\n'],
  ['a lone CR', 'id: a\rtitle: b\n'],
  ['a BOM inside', 'id: a\n\ufefftitle: b\n'],
  ['a NUL', 'id: a\0b\n'],
  ['a form feed', 'id: a\fb\n'],
  ['a DEL', 'id: a\x7fb\n'],
  ['an empty list item', 'a:\n  -\n  - x\n'],
  ['an empty list item at the end', 'a:\n  - x\n  -\n'],
  ['an empty key', ': x\n'],
  ['a dash without a space', 'a:\n  -x\n  -y\n'],
  ['a list under a key at the same indentation, then a key', 'a:\n- x\nb: 1\n- y\n'],
  ['very deep nesting', nested(70, 'x')],
  ['deep nesting of lists', `${Array.from({ length: 70 }, (_, i) => `${'  '.repeat(i)}-`).join('\n')} x\n`],
  ['deep lists on one line', `a: ${'- '.repeat(70)}x\n`],
  ['deep flow lists', `a: ${'['.repeat(70)}x${']'.repeat(70)}\n`],
  ['too many values', `a:\n${'  - x\n'.repeat(25_001)}`],
  ['an anchor on a list', 'a: &l\n  - x\nb: *l\n'],
  ['a billion laughs', `a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n`],
  ['a reserved indicator', 'a: @x\nb: `y`\n'],
  ['a percent at a line start', 'a: 1\n%b: 2\n'],
  ['a question mark value', 'a: ? b\n'],
  ['a plain scalar over lines with a comment between', 'a: x\n  # c\n  y\n'],
  ['a quoted scalar over lines then more indented', 'a: "x\n  y"\n    b: 1\n'],
  ['text after a document end', 'a: 1\n... x\n'],
  ['a marker with text after it', '--- a: 1\n'],
  ['a marker in a block scalar', 'a: |\n  x\n---\n  y\n'],
  ['a document end in the middle', 'a: 1\n...\n'],
  ['a unicode line separator in a plain scalar', 'a: x\u2028y\n'],
  ['a next line character', 'a: x\u0085y\n'],
  ['a non-breaking space as indentation', 'a:\n\u00a0 b: 1\n'],
  ['only spaces', '   \n  \n'],
  ['an indented document marker', '  ---\nid: a\n'],
  ['a document marker with spaces after it', '--- \nid: a\n'],
  ['a quote closed on a line of its own', 'a: "x\n\n  y\n  "\nb: "x\n  "\n'],
  [
    'no-break and ideographic spaces at the ends of scalars',
    'a: x\u00a0\nb: "\u00a0x\n  y\u3000"\nc: x\n  y\u3000\n',
  ],
  ['a plain scalar starting with an em space', 'a: \u2003x\n'],
  ['a folded block that starts with empty lines', 'a: >\n\n\n  x\n  y\n'],
  ['a literal block that starts with an empty line', 'a: |\n\n  x\n'],
  ['a kept block ending in spaces without a line break', 'a: |+\n  x\n  '],
];

// Those of them that are plain YAML after all, which the fast path may read; it must decline the rest.
const PLAIN_ENOUGH = new Set([
  'a comment without a space before it',
  'a block scalar ending the file without a line break',
  'a lone surrogate escape',
  'a unicode line separator in a plain scalar',
  'a next line character',
  'a document marker with spaces after it',
  'a quote closed on a line of its own',
  'no-break and ideographic spaces at the ends of scalars',
  'a plain scalar starting with an em space',
  'a folded block that starts with empty lines',
  'a literal block that starts with an empty line',
  'a kept block ending in spaces without a line break',
]);

describe('the YAML fast path against the yaml package', () => {
  // A third of the documents are all of the plain kind, a third have a rare odd shape, a third many.
  it.each([
    ['no', 0, 1],
    ['a few', 0.01, 2],
    ['many', 0.08, 3],
  ] as const)(
    'gives what the yaml package gives, or declines, for 1,000 generated documents with %s odd shapes',
    (_, hostile, seed) => {
      const random = seededRandom(20261202 + seed);
      let taken = 0;
      let declined = 0;
      const documents = 1000;
      for (let i = 0; i < documents; i++) {
        const text = generateYaml(random, { hostile });
        if (expectFastAsYaml(text, { counts: i % 3 === 0 })) taken++;
        else declined++;
      }
      // The test means something only if the fast path takes many of the documents and declines many.
      expect(taken).toBeGreaterThan(documents / 10);
      expect(declined).toBeGreaterThan(documents / 10);
    },
    60_000,
  );

  it.each(HOSTILE)('declines %s, or reads it as the yaml package does', (_, text) => {
    expectFastAsYaml(text, { counts: text.length < 2000 });
  });

  it.each(HOSTILE.filter(([name]) => !PLAIN_ENOUGH.has(name)))('leaves %s to the yaml package', (_, text) => {
    expect(indexYaml(text, BOUNDS)).toBeUndefined();
  });

  // Nesting around the depth bound, where the fast path must decline before the lexer check would refuse.
  const deep: Record<string, (depth: number) => string> = {
    mappings: (depth) => `${nested(depth, '').trimEnd()} x\n`,
    'mappings ending in a flow list': (depth) => `${nested(depth, '').trimEnd()} [x, y]\n`,
    'lists on one line': (depth) => `a:\n  ${'- '.repeat(depth)}x\n`,
    'lists on one line ending in a flow list': (depth) => `a:\n  ${'- '.repeat(depth)}[x]\n`,
    'list items on lines of their own': (depth) =>
      `a:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}-`).join('\n')} x\n`,
  };
  it.each(Object.keys(deep))('reads %s nested near the depth bound as the yaml package does', (shape) => {
    const make = deep[shape] as (depth: number) => string;
    const taken = [];
    for (let depth = 56; depth <= 66; depth++) if (expectFastAsYaml(make(depth))) taken.push(depth);
    expect(taken).toContain(56);
  });

  const lectures = [...yamlFiles(join(root, 'content')), ...yamlFiles(join(root, 'test/fixtures'))];
  it.each(lectures.map((file) => [relative(root, file), file]))(
    'reads %s as the yaml package does, with the same diagnostics',
    (_, file) => {
      const text = readFileSync(file, 'utf8');
      expectFastAsYaml(text);
      const fast = parseLecture(text);
      const slow = parseLecture(text, { yamlOnly: true });
      expect(typedForm(fast.value)).toBe(typedForm(slow.value));
      const options = { themes: ['white', 'black'] };
      expect(validateLecture(fast, options)).toEqual(validateLecture(slow, options));
    },
  );

  it('takes the course lectures by the fast path', () => {
    for (const file of yamlFiles(join(root, 'content'))) {
      expect(indexYaml(readFileSync(file, 'utf8'), BOUNDS), file).toBeDefined();
    }
  });
});
