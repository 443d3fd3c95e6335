import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { canonicalJson } from '../../../lambdas/core/render/version.js';

// The text a deck's version is hashed from, as it has always been defined: JSON.stringify with every
// object rebuilt with its keys sorted. Stored versions were named by it, so the one-pass writer must
// give the same text for every value, or an unchanged lecture would publish as a new version.
const byReplacer = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const record = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((k) => [k, record[k]]),
    );
  });

const root = resolve(import.meta.dirname, '../../..');

function lectureFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? lectureFiles(join(dir, entry.name))
      : /\.ya?ml$/.test(entry.name)
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('canonical JSON', () => {
  it('writes the course and the fixtures as the sorted-replacer definition does', () => {
    const files = [...lectureFiles(join(root, 'content')), ...lectureFiles(join(root, 'test', 'fixtures'))];
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      const value: unknown = parse(readFileSync(file, 'utf8'));
      expect(canonicalJson(value), file).toBe(byReplacer(value));
    }
  });

  it('orders keys as an object built sorted does: index-like keys first, by number', () => {
    const value = {
      b: 1,
      a: { z: [3, { y: 1, x: 2 }], '10': 'ten', '9': 'nine', '01': 'lead', '-1': 'minus' },
    };
    expect(canonicalJson(value)).toBe(byReplacer(value));
    expect(canonicalJson(value)).toBe(
      '{"a":{"9":"nine","10":"ten","-1":"minus","01":"lead","z":[3,{"x":2,"y":1}]},"b":1}',
    );
  });

  it('writes what JSON leaves out or changes as JSON.stringify does', () => {
    const when = new Date(Date.UTC(1950, 1, 14));
    const value = {
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Symbol('s'), Number.NaN, -0, Number.POSITIVE_INFINITY, null],
      when,
      custom: { toJSON: (key: string) => ({ key, b: 2, a: 1 }) },
      text: 'quote " backslash \\ line\n tab\t lone \ud800 emoji 😀 \u2028',
      boxed: [Object('ab'), Object(3), Object(true)],
      [Symbol('hidden')]: 1,
    };
    expect(canonicalJson(value)).toBe(byReplacer(value));
    const proto = JSON.parse('{"b": 1, "__proto__": {"y": 1, "x": 2}, "a": [{"__proto__": null}]}');
    expect(canonicalJson(proto)).toBe(byReplacer(proto));
    expect(canonicalJson(proto)).toBe('{"__proto__":{"x":2,"y":1},"a":[{"__proto__":null}],"b":1}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(undefined)).toBe(byReplacer(undefined));
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });

  it('agrees with the definition on generated values', () => {
    // A fixed seed: the same values every run.
    let seed = 11;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const keys = [
      'a',
      'b',
      'B',
      '_',
      '0',
      '1',
      '2',
      '10',
      '007',
      'é',
      'z z',
      '4294967294',
      '4294967295',
      '__proto__',
    ];
    const make = (depth: number): unknown => {
      switch (next(depth > 3 ? 5 : 8)) {
        case 0:
          return 'text'.slice(next(4));
        case 1:
          return next(2000) - 1000 + next(100) / 7;
        case 2:
          return next(2) === 0;
        case 3:
          return null;
        case 4:
          return undefined;
        case 5:
          return Array.from({ length: next(4) }, () => make(depth + 1));
        default:
          return Object.fromEntries(
            Array.from({ length: next(6) }, () => [keys[next(keys.length)] as string, make(depth + 1)]),
          );
      }
    };
    for (let n = 0; n < 2000; n++) {
      const value = make(0);
      expect(canonicalJson(value), JSON.stringify(value)).toBe(byReplacer(value));
    }
  });
});
