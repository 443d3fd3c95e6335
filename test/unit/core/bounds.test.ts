import { describe, expect, it } from 'vitest';
import { capDiagnostics, MAX_DIAGNOSTICS } from '../../../lambdas/core/cap-diagnostics.js';
import { closeMatches, MAX_SUGGESTIONS } from '../../../lambdas/core/close-matches.js';
import type { Diagnostic } from '../../../lambdas/core/errors.js';
import { LIMITS } from '../../../lambdas/core/limits.js';
import { parseLecture } from '../../../lambdas/core/parse.js';
import { checkLecture } from '../../../lambdas/core/pipeline.js';
import { checkStructure, MAX_NESTING_DEPTH, MAX_VALUES } from '../../../lambdas/core/structure-bounds.js';
import { allKindsText, check, errorsOf, parseFailure } from './lecture-helpers.js';

const nestedJson = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
const nestedSeq = (depth: number) => `${'- '.repeat(depth)}x\n`;
const nestedMap = (depth: number) =>
  `${Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n')} x\n`;

describe('nesting depth, before any parser builds a tree', () => {
  it(`reads ${MAX_NESTING_DEPTH} levels and refuses one more, in JSON and YAML alike, at its line and column`, () => {
    expect(parseLecture(nestedJson(MAX_NESTING_DEPTH)).format).toBe('json');
    expect(parseLecture(nestedSeq(MAX_NESTING_DEPTH - 1)).value).toBeDefined();
    const json = parseFailure(nestedJson(1000));
    expect(json).toEqual([
      expect.objectContaining({ code: 'nesting-limit', line: 1, col: MAX_NESTING_DEPTH + 1 }),
    ]);
    expect(parseFailure(nestedJson(MAX_NESTING_DEPTH + 1))[0]?.code).toBe('nesting-limit');
    expect(parseFailure(nestedSeq(500))[0]).toMatchObject({ code: 'nesting-limit', line: 1 });
    const map = parseFailure(nestedMap(200))[0];
    expect(map).toMatchObject({
      code: 'nesting-limit',
      line: MAX_NESTING_DEPTH + 1,
      col: MAX_NESTING_DEPTH + 1,
    });
    expect(map?.message).toMatch(/more than 64 levels deep/);
  });

  it('counts flow collections inside block ones', () => {
    const text = `a:\n  b:\n    - ${nestedJson(MAX_NESTING_DEPTH)}\n`;
    expect(checkStructure(text)?.line).toBe(3);
    expect(checkStructure(`a:\n  b:\n    - ${nestedJson(MAX_NESTING_DEPTH - 4)}\n`)).toBeUndefined();
  });

  it('does not count brackets in quoted, plain and block text or in comments', () => {
    const brackets = '['.repeat(500);
    const texts = [
      `a: "${brackets}"\n`,
      `a: '${brackets}'\n`,
      `a: see ${brackets}\n`,
      `a: |\n  ${brackets}\n  more\nb: 1\n`,
      `a: >\n  ${brackets}\nb: 1\n`,
      `a: 1 # ${brackets}\n`,
      `{"a": "${brackets}"}`,
    ];
    for (const text of texts) expect(checkStructure(text), text.slice(0, 20)).toBeUndefined();
  });

  it('lets every real lecture through, with room to spare', () => {
    expect(checkStructure(allKindsText(), { depth: 10, values: 1000 })).toBeUndefined();
    const json = JSON.stringify(parseLecture(allKindsText()).value, null, 2);
    expect(checkStructure(json, { depth: 10, values: 1000 })).toBeUndefined();
  });
});

describe('how many values a file may hold', () => {
  it(`reads ${MAX_VALUES} values and refuses more before parsing, at the first one over`, () => {
    const items = (n: number) => `[${Array.from({ length: n }, () => '1').join(',')}]`;
    expect(checkStructure(items(MAX_VALUES - 1))).toBeUndefined();
    const over = parseFailure(`a:\n  - 1\nb: ${items(MAX_VALUES)}\n`);
    expect(over).toEqual([expect.objectContaining({ code: 'size-limit', line: 3 })]);
    expect(over[0]?.message).toMatch(/more than 25000 values/);
  });

  it('finds a repeated key among thousands, in YAML and JSON', () => {
    const keys = Array.from({ length: 10_000 }, (_, i) => `k${i}`);
    const yaml = `${keys.map((k) => `${k}: 1`).join('\n')}\nk5: 2\n`;
    expect(parseFailure(yaml)).toEqual([
      expect.objectContaining({
        code: 'duplicate-key',
        line: 10_001,
        col: 1,
        message: expect.stringMatching(/"k5"/),
      }),
    ]);
    const json = `{${keys.map((k) => `"${k}": 1`).join(',')}, "k7": 2}`;
    expect(parseFailure(json)[0]).toMatchObject({ code: 'duplicate-key', line: 1 });
  });
});

describe('diagnostics are capped', () => {
  const diagnostic = (severity: Diagnostic['severity'], n: number): Diagnostic => ({
    severity,
    code: 'x',
    path: `p${n}`,
    message: `m${n}`,
  });

  it('keeps the first errors and warnings and counts the rest', () => {
    const many = [
      ...Array.from({ length: 250 }, (_, n) => diagnostic('error', n)),
      ...Array.from({ length: 101 }, (_, n) => diagnostic('warning', n)),
    ];
    const capped = capDiagnostics(many);
    expect(capped).toHaveLength(2 * MAX_DIAGNOSTICS + 2);
    expect(capped[MAX_DIAGNOSTICS - 1]?.path).toBe(`p${MAX_DIAGNOSTICS - 1}`);
    expect(capped[MAX_DIAGNOSTICS]).toMatchObject({
      code: 'more-errors',
      message: /^150 more errors not listed/,
    });
    expect(capped.at(-1)).toMatchObject({ code: 'more-warnings', message: /^1 more warning not listed/ });
    const few = many.slice(0, 3);
    expect(capDiagnostics(few)).toEqual(few);
  });

  it('a lecture with thousands of unknown cites gets a short answer', () => {
    const sources = Array.from(
      { length: LIMITS.sources },
      (_, i) => `  - {id: source-${i}, text: "S${i}"}`,
    ).join('\n');
    const slides = Array.from(
      { length: 200 },
      (_, i) =>
        `      - points: [p]\n        cite: [${Array.from({ length: 50 }, (_, c) => `nope-${i}-${c}`).join(', ')}]`,
    ).join('\n');
    const text = `id: a\ntitle: T\nsources:\n${sources}\nsections:\n  - title: A\n    slides:\n${slides}\n`;
    const errors = errorsOf(text);
    expect(errors).toHaveLength(MAX_DIAGNOSTICS + 1);
    expect(errors.at(-1)).toMatchObject({ code: 'more-errors', message: /^9900 more errors/ });
    expect(JSON.stringify(errors).length).toBeLessThan(40_000);
    expect(errors[0]?.message).toMatch(/^cites "nope-0-0", which names no source/);
  });
});

describe('did you mean', () => {
  it('suggests a handful of close ids, closest first, never every source', () => {
    const ids = ['kennan-1947', 'kennan-1946', 'kennen-1947', 'truman-1947', 'acheson-1950'];
    expect(closeMatches('kenan-1947', ids)).toEqual(['kennan-1947', 'kennan-1946', 'kennen-1947']);
    expect(closeMatches('zhou', ids)).toEqual([]);
    const many = Array.from({ length: 1000 }, (_, i) => `s${i}`);
    expect(closeMatches('s5', many)).toHaveLength(MAX_SUGGESTIONS);
  });

  it('finds exactly the ids a plain edit distance finds, long and short alike', () => {
    const distance = (a: string, b: string): number => {
      let row = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const next = [i];
        for (let j = 1; j <= b.length; j++) {
          next.push(
            Math.min(
              (row[j] ?? 0) + 1,
              (next[j - 1] ?? 0) + 1,
              (row[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
            ),
          );
        }
        row = next;
      }
      return row[b.length] ?? 0;
    };
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    const word = () =>
      Array.from({ length: 1 + Math.floor(random() * 14) }, () => 'abcx'[Math.floor(random() * 4)]).join('');
    const candidates = Array.from({ length: 400 }, word);
    candidates.push('a'.repeat(90), `${'a'.repeat(88)}b`);
    for (const wanted of [...Array.from({ length: 60 }, word), 'a'.repeat(89)]) {
      const threshold = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
      const expected = [...new Set(candidates)]
        .map((candidate) => ({ candidate, d: distance(wanted, candidate) }))
        .filter(({ d }) => d <= threshold)
        .sort((x, y) => x.d - y.d || x.candidate.localeCompare(y.candidate))
        .slice(0, MAX_SUGGESTIONS)
        .map(({ candidate }) => candidate);
      expect(closeMatches(wanted, new Set(candidates)), wanted).toEqual(expected);
    }
  });
});

describe('limits on what a lecture holds', () => {
  const lecture = (body: string) => `id: a\ntitle: T\n${body}`;

  it('refuses too many slides, sources and cites, and over-long text, each at its path', () => {
    const slides = Array.from({ length: LIMITS.slides + 1 }, () => '      - points: [p]').join('\n');
    const tooManySlides = errorsOf(lecture(`sections:\n  - title: A\n    slides:\n${slides}\n`));
    expect(tooManySlides).toEqual([
      expect.objectContaining({ code: 'over-limit', path: `sections[0].slides[${LIMITS.slides}]` }),
    ]);
    const sources = Array.from({ length: LIMITS.sources + 1 }, (_, i) => `  - {id: s${i}, text: t}`).join(
      '\n',
    );
    const cites = Array.from({ length: LIMITS.citesPerSlide + 1 }, () => 's0').join(', ');
    const long = 'x'.repeat(LIMITS.textLength + 1);
    const errors = errorsOf(
      lecture(
        `sources:\n${sources}\nsections:\n  - title: A\n    slides:\n      - points: [${long}]\n        cite: [${cites}]\n`,
      ),
    );
    expect(errors.map((e) => `${e.code} ${e.path}`)).toEqual([
      'over-limit sources',
      'over-limit sections[0].slides[0].points[0]',
      'over-limit sections[0].slides[0].cite',
    ]);
  });

  it('lets a lecture at every limit through', () => {
    const sources = Array.from({ length: LIMITS.sources }, (_, i) => `  - {id: s${i}, text: t}`).join('\n');
    const cites = Array.from({ length: LIMITS.citesPerSlide }, (_, i) => `s${i}`).join(', ');
    const text = `id: a\ntitle: T\nsources:\n${sources}\nsections:\n  - title: A\n    slides:\n      - points: [${'x'.repeat(LIMITS.textLength)}]\n        cite: [${cites}]\n`;
    expect(check(text).lecture).toBeDefined();
  });
});

describe('limits on formulas, checked before any is drawn', () => {
  const withPoints = (points: string[]) =>
    JSON.stringify({ id: 'm', title: 'T', sections: [{ title: 'A', slides: [{ points }] }] });
  const never = {
    render(): string {
      throw new Error('drawn');
    },
  };
  const mathErrors = (text: string) =>
    checkLecture(text, { themes: ['white'], math: never }).diagnostics.filter((d) => d.severity === 'error');

  it(`allows ${LIMITS.formulas} formulas and refuses one more at its path`, () => {
    const points = Array.from({ length: LIMITS.formulas + 1 }, (_, i) => `\\(x_{${i}}\\)`);
    expect(mathErrors(withPoints(points))).toEqual([
      expect.objectContaining({
        code: 'over-limit',
        path: `sections[0].slides[0].points[${LIMITS.formulas}]`,
        message: expect.stringMatching(/at most 500/),
      }),
    ]);
    // Within the bound, each formula is drawn (and here each fails to).
    const within = mathErrors(withPoints(points.slice(0, LIMITS.formulas)));
    expect(within[0]?.code).toBe('tex-error');
    expect(within.some((d) => d.code === 'over-limit')).toBe(false);
  });

  it(`refuses more than ${LIMITS.texCharacters} characters of TeX in all, however few formulas`, () => {
    // Two fit within the bound, the third passes it.
    const long = `\\(${'a+'.repeat(Math.ceil(LIMITS.texCharacters / 5))}b\\)`;
    const errors = mathErrors(withPoints([long, long, long]));
    expect(errors).toEqual([
      expect.objectContaining({ code: 'over-limit', path: 'sections[0].slides[0].points[2]' }),
    ]);
  });
});
