// Worst-case lectures for the bench: each stays under the API's 1 MiB body limit and within the
// parse bounds (64 levels, 25,000 values), and aims at one costly step of the pipeline. Most stay
// within the lecture bounds too (1,000 slides, 1,000 sources, 50 cites a slide, 20,000 characters a
// text, 500 formulas, 10,000 characters of TeX); two go past the formula bounds, and one defines a
// TeX macro, to show that refusing them is cheap.
import { LIMITS } from '../lambdas/core/limits.js';
import { checkStructure } from '../lambdas/core/structure-bounds.js';

export interface HostileLecture {
  name: string;
  /** What it aims at. */
  aim: string;
  format: 'yaml' | 'json';
  text: string;
}

const MIB = 1024 * 1024;

/** The largest `n` up to `max` for which `make(n)` is within the budget and the structure bounds. */
function largest(make: (n: number) => string, max: number, budget: number): string {
  let low = 1;
  let high = max;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    const text = make(mid);
    if (text.length <= budget && checkStructure(text) === undefined) low = mid;
    else high = mid - 1;
  }
  return make(low);
}

const json = (sections: string, extra = '') =>
  `{"id":"hostile","title":"T","duration":60${extra},"sections":[${sections}]}`;

/** A text of up to the length limit made of `unit` repeated. */
const longText = (unit: string) => unit.repeat(Math.floor((LIMITS.textLength - 10) / unit.length));

export function hostileLectures(): HostileLecture[] {
  const budget = MIB - 4096;
  const lectures: HostileLecture[] = [];
  const add = (
    name: string,
    aim: string,
    format: 'yaml' | 'json',
    make: (n: number) => string,
    max: number,
  ) => lectures.push({ name, aim, format, text: largest(make, max, budget) });

  // As many slides and points as the value bound allows, every one rendered.
  const point = (s: number, p: number) =>
    `"point ${p} of slide ${s}, some **bold** words and a [link](https://e.org)"`;
  add(
    'max slides and values',
    'render: 1,000 slides, as many points as the value bound allows',
    'json',
    (n) =>
      json(
        `{"title":"A","slides":[${Array.from({ length: LIMITS.slides }, (_, s) => `{"title":"S${s}","points":[${Array.from({ length: n }, (_, p) => point(s, p)).join(',')}]}`).join(',')}]}`,
      ),
    40,
  );

  // Texts at the length limit full of markdown that makes a parser backtrack: unclosed emphasis,
  // brackets, backticks, autolinks.
  const units = ['*a _b ', '[x](', '`a ``b ', '**x __y ', '<a ', '![', '~~a '];
  add(
    'long unclosed markdown',
    'markdown-it: 20,000-character texts of unclosed delimiters',
    'json',
    (n) =>
      json(
        `{"title":"A","slides":[{"title":"M","points":[${Array.from({ length: n }, (_, i) => JSON.stringify(longText(units[i % units.length] ?? '*'))).join(',')}]}]}`,
      ),
    200,
  );

  // Distinct formulas, one a value: each must be checked and drawn by KaTeX.
  add(
    'many formulas',
    'KaTeX: a distinct inline formula in every point',
    'json',
    (n) =>
      json(
        `{"title":"A","slides":[{"title":"F","points":[${Array.from({ length: n }, (_, i) => `"\\\\(x_{${i}}^{${i % 97}}\\\\)"`).join(',')}]}]}`,
      ),
    25_000,
  );

  // Formulas packed into long texts: the value bound does not limit them.
  add(
    'formulas in long texts',
    'KaTeX: distinct formulas packed into 20,000-character texts',
    'json',
    (n) =>
      json(
        `{"title":"A","slides":[{"title":"F","points":[${Array.from({ length: n }, (_, i) => JSON.stringify(Array.from({ length: 900 }, (_, f) => `\\(y_{${i * 900 + f}}\\)`).join(' '))).join(',')}]}]}`,
      ),
    200,
  );

  // Costly TeX, a part a character (`a+a+…`), up to the bound on the parts formulas read as, beside as
  // many slides of points as fit.
  const perFormula = Math.floor((LIMITS.texParts / 20 - 4) / 2);
  const heavy = Array.from({ length: 20 }, (_, i) => `"\\\\(${i}${'a+'.repeat(perFormula)}b\\\\)"`).join(',');
  add(
    'formulas at the bounds, and slides',
    `KaTeX at ${LIMITS.texParts} parts of TeX, then rendering 1,000 slides`,
    'json',
    (n) =>
      json(
        `{"title":"A","slides":[{"title":"F","points":[${heavy}]},${Array.from({ length: LIMITS.slides - 1 }, (_, s) => `{"title":"S${s}","points":[${Array.from({ length: n }, (_, p) => point(s, p)).join(',')}]}`).join(',')}]}`,
      ),
    40,
  );

  // The slowest TeX a character found (\LaTeX: six characters, 28 parts, about 75 µs a character in a
  // fresh process), distinct formulas up to the bound on parts.
  const latex = (i: number) => `\\(${i}${'\\LaTeX'.repeat(Math.floor(LIMITS.texParts / 20 / 28) - 1)}\\)`;
  add(
    'slowest TeX at the bound',
    `KaTeX: its slowest TeX a character, up to ${LIMITS.texParts} parts`,
    'json',
    () =>
      json(
        `{"title":"A","slides":[{"title":"F","points":${JSON.stringify(Array.from({ length: 20 }, (_, i) => latex(i)))}}]}`,
      ),
    1,
  );

  // A macro with a long body used as often as KaTeX expands (1,000 times): refused before drawing
  // (drawn, it would be three million characters of TeX).
  const macro = `\\(\\def\\x{${'a+'.repeat(1500)}b}${'\\x'.repeat(999)}\\)`;
  add(
    'a macro used a thousand times',
    'the check on formulas: a \\def is refused, not drawn',
    'json',
    () => json(`{"title":"A","slides":[{"title":"F","points":[${JSON.stringify(macro)}]}]}`),
    1,
  );

  // 1,000 sources and every cite unknown but close to one of them: "did you mean" work.
  const sources = Array.from(
    { length: LIMITS.sources },
    (_, i) => `{"id":"source-${String(i).padStart(4, '0')}","text":"S"}`,
  ).join(',');
  add(
    'unknown cites near 1,000 sources',
    'cross-references: every cite unknown and close to a source id',
    'json',
    (n) =>
      json(
        `{"title":"A","slides":[${Array.from({ length: n }, (_, s) => `{"title":"C","points":["p"],"cite":[${Array.from({ length: LIMITS.citesPerSlide }, (_, c) => `"sourse-${String((s * 50 + c) % 1000).padStart(4, '0')}"`).join(',')}]}`).join(',')}]}`,
        `,"sources":[${sources}]`,
      ),
    LIMITS.slides,
  );

  // Every slide a schema error of several kinds.
  add(
    'every slide wrong',
    'schema: thousands of errors, reported up to 100',
    'json',
    (n) =>
      json(
        `{"title":"A","slides":[${Array.from({ length: n }, () => `{"kind":"nope","title":7,"points":{"a":1}}`).join(',')}]}`,
      ),
    LIMITS.slides,
  );

  // Unknown keys up to the value bound.
  add(
    'unknown keys',
    'schema: as many unknown keys on one object as the value bound allows',
    'json',
    (n) =>
      `{"id":"hostile","title":"T","sections":[{"title":"A","slides":[{"points":["a"]}]}],${Array.from({ length: n }, (_, i) => `"unknown-key-${i}":"${'v'.repeat(20)}"`).join(',')}}`,
    25_000,
  );

  // The first case as block YAML, the slowest syntax to lex.
  add(
    'max slides as YAML',
    'YAML lexer and parser: 1,000 block slides of points',
    'yaml',
    (n) =>
      `id: hostile\ntitle: T\nduration: 60\nsections:\n  - title: A\n    slides:\n${Array.from({ length: LIMITS.slides }, (_, s) => `      - title: "Slide ${s}"\n        points:\n${Array.from({ length: n }, (_, p) => `          - point ${p} of slide ${s}, some **bold** words and a [link](https://e.org)`).join('\n')}`).join('\n')}\n`,
    40,
  );

  // Tables: 1,000 slides of markdown cells.
  add(
    'table cells',
    'tables: 1,000 slides of markdown cells',
    'json',
    (n) =>
      json(
        `{"title":"A","slides":[${Array.from({ length: LIMITS.slides }, (_, s) => `{"kind":"table","title":"T${s}","header":["a","b","c","d"],"rows":[${Array.from({ length: n }, () => '["*x*","`y`","[z](https://e.org)","1.10"]').join(',')}]}`).join(',')}]}`,
      ),
    40,
  );

  return lectures;
}
