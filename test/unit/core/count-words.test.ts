import { describe, expect, it } from 'vitest';
import { countPlainWords, countWords, PLAIN_PUNCTUATED } from '../../../lambdas/core/count-words.js';

describe('counting words of links', () => {
  it('drops a link target and keeps its label, and counts the words of unclosed links', () => {
    expect(countWords('see [the long telegram](https://en.wikipedia.org/wiki/X_(y)) now')).toBe(5);
    expect(countWords('[a](https://e.org/b) and [c](mailto:d@e.org)')).toBe(3);
    expect(countWords('[x]('.repeat(4))).toBe(4);
    expect(countWords(`[x](${'y'.repeat(50)}`)).toBe(2);
  });
});

describe('counting the words of ASCII texts, curly quotes and dashes allowed', () => {
  // The Unicode expression the count is defined by; ASCII texts are counted without it.
  const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*/gu;
  const byExpression = (text: string) => text.match(WORD)?.length ?? 0;
  /** 3,000 texts of up to 39 characters of `alphabet`, from a fixed seed: the same texts every run. */
  const generated = (seed: number, alphabet: string): string[] => {
    let state = seed;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state;
    };
    return Array.from({ length: 3000 }, () =>
      Array.from({ length: next() % 40 }, () => alphabet[next() % alphabet.length]).join(''),
    );
  };

  it('counts as the expression does, joiners and all', () => {
    for (const text of ["don't stop", 'U.S.-Soviet', 'a..b', '-a- b-', "'x' y'", 'a.b.c d', '1950-53.', '']) {
      expect(countPlainWords(text), text).toBe(byExpression(text));
    }
  });

  it('counts as the expression does on generated texts', () => {
    for (const text of generated(7, "ab9Z '.-_*,\n\t()[]`!")) {
      expect(countPlainWords(text), JSON.stringify(text)).toBe(byExpression(text));
    }
  });

  it('takes no letter, mark or digit for punctuation', () => {
    const letter = /[\p{L}\p{M}\p{N}]/u;
    let checked = 0;
    for (let code = 0x80; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (!PLAIN_PUNCTUATED.test(char)) continue;
      checked++;
      expect(letter.test(char), `U+${code.toString(16)}`).toBe(false);
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('counts as the expression does on generated texts with curly quotes, dashes and spaces', () => {
    let plain = 0;
    for (const text of generated(11, "ab9Z '.-’‘“”–—…·\u00a0\u2009«»,")) {
      if (PLAIN_PUNCTUATED.test(text)) plain++;
      expect(countWords(text), JSON.stringify(text)).toBe(byExpression(text));
    }
    expect(plain).toBe(3000);
  });

  it('takes the Unicode path for any other text', () => {
    expect(countWords('naïve café')).toBe(2);
    expect(countWords('don’t stop')).toBe(2);
  });
});
