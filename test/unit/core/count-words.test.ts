import { describe, expect, it } from 'vitest';
import { countWords } from '../../../lambdas/core/count-words.js';

describe('counting words of links', () => {
  it('drops a link target and keeps its label, and counts the words of unclosed links', () => {
    expect(countWords('see [the long telegram](https://en.wikipedia.org/wiki/X_(y)) now')).toBe(5);
    expect(countWords('[a](https://e.org/b) and [c](mailto:d@e.org)')).toBe(3);
    expect(countWords('[x]('.repeat(4))).toBe(4);
    expect(countWords(`[x](${'y'.repeat(50)}`)).toBe(2);
  });
});
