import { describe, expect, it } from 'vitest';
import { lectureSchema } from '../../../lambdas/core/schema.js';
import {
  DIVIDER_SLIDE_MINUTES,
  estimateMinutes,
  MIN_MINUTES_PER_SLIDE,
  SOURCES_SLIDE_MINUTES,
  TITLE_SLIDE_MINUTES,
  WORDS_PER_MINUTE,
} from '../../../lambdas/core/speaking-time.js';
import { allKinds } from './render-helpers.js';

const words = (n: number, word = 'word') => Array(n).fill(word).join(' ');

describe('estimateMinutes', () => {
  const lecture = (notes: readonly (string | undefined)[], extra: object = {}) =>
    lectureSchema.parse({
      id: 'a',
      title: 'T',
      ...extra,
      sections: [{ title: 'A', slides: notes.map((n) => ({ points: ['x'], ...(n ? { notes: n } : {}) })) }],
    });

  // Every lecture here has a title slide (0.5 min) and one divider (0.25); the estimate has one decimal.
  it('reads notes at 130 words a minute, with a minimum per slide', () => {
    expect([WORDS_PER_MINUTE, TITLE_SLIDE_MINUTES, DIVIDER_SLIDE_MINUTES]).toEqual([130, 0.5, 0.25]);
    expect([MIN_MINUTES_PER_SLIDE, SOURCES_SLIDE_MINUTES]).toEqual([0.5, 0.25]);
    expect(estimateMinutes(lecture([words(260)]))).toBe(2.8); // 0.75 + 2
    expect(estimateMinutes(lecture([words(10), undefined]))).toBe(1.8); // 0.75 + 0.5 + 0.5
    expect(estimateMinutes(lecture([words(130 * 4)], { sources: [{ id: 's', text: 'S' }] }))).toBe(5); // + sources slide
  });

  it('counts Chinese notes at two characters a word', () => {
    expect(estimateMinutes(lecture(['毛泽'.repeat(130 * 3)]))).toBe(3.8); // 0.75 + 3
  });

  it('matches the all-kinds fixture, whose duration is planned to fit', () => {
    const value = allKinds();
    expect(Math.abs(estimateMinutes(value) - (value.duration ?? 0))).toBeLessThanOrEqual(
      0.25 * (value.duration ?? 0),
    );
  });
});
