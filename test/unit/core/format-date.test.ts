import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../lambdas/core/render/format-date.js';
import { allKinds, deckDom, render } from './render-helpers.js';

describe('formatDate', () => {
  it('writes months and days as a reader says them, in the lecture language', () => {
    expect(formatDate('1950', 'en')).toBe('1950');
    expect(formatDate('1949-10', 'en')).toBe('October 1949');
    expect(formatDate('1950-02-14', 'en')).toBe('February 14, 1950');
    expect(formatDate('1950-02-14', 'en-GB')).toBe('14 February 1950');
    expect(formatDate('1950-02-14', 'ru')).toBe('14 февраля 1950 г.');
    expect(formatDate('1969-03', 'zh')).toBe('1969年3月');
  });

  it('spells US English as Intl does, for every month and day, from the first years on', () => {
    const intl = (lang: string, y: number, m: number, d?: number) => {
      const when = new Date(0);
      when.setUTCFullYear(y, m - 1, d ?? 1);
      const options = { year: 'numeric', month: 'long', timeZone: 'UTC' } as const;
      return new Intl.DateTimeFormat(lang, d === undefined ? options : { ...options, day: 'numeric' }).format(
        when,
      );
    };
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    for (const lang of ['en', 'en-US', 'EN-us']) {
      for (const year of [1, 44, 999, 1949, 2026, 9999]) {
        for (let month = 1; month <= 12; month++) {
          expect(formatDate(`${pad(year, 4)}-${pad(month, 2)}`, lang)).toBe(intl(lang, year, month));
          for (const day of [1, 9, 14, 28, 31]) {
            if (new Date(Date.UTC(2000, month - 1, day)).getUTCMonth() !== month - 1) continue;
            const date = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
            expect(formatDate(date, lang), date).toBe(intl(lang, year, month, day));
          }
        }
      }
    }
  });

  it('keeps early years and survives a language tag Intl does not know', () => {
    expect(formatDate('0044-03-15', 'en')).toBe('March 15, 44');
    expect(formatDate('1950-02-14', 'qq-Zzzz-x-nonsense')).toMatch(/1950/);
  });

  it('shows the readable date on the title slide and timeline, the exact one in datetime', () => {
    const doc = deckDom(render({ ...allKinds(), language: 'ru' }));
    const title = doc.querySelector('.lectern-title-slide time');
    expect(title?.getAttribute('datetime')).toBe('2026-11-22');
    expect(title?.textContent).toBe('22 ноября 2026 г.');
    expect(doc.querySelector('.lectern-timeline time')?.textContent).toBe('октябрь 1949 г.');
  });
});
