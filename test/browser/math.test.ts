import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoDeck, launchBrowser, openPage, recordContext } from './support/browser.js';
import { type LectureFile, ROOT } from './support/lectures.js';
import { type Site, startSite } from './support/site.js';

/**
 * A deck with math, published through the site's API and opened under its real CSP: the formulas
 * are MathML plus KaTeX's HTML, KaTeX's fonts load from the site's assets, no script draws them,
 * and nothing is refused or logged as an error (style attributes included).
 */

const file = 'test/fixtures/lectures/math.yaml';
const lecture: LectureFile = {
  file,
  id: 'math-deck',
  language: 'en',
  text: readFileSync(join(ROOT, file), 'utf8'),
};
let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite([lecture]), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('a deck with math, under the site CSP', () => {
  for (const page of ['deck', 'handout'] as const) {
    it(`${page}: MathML present, KaTeX fonts loaded from the site, no console error`, async () => {
      const deck = site.decks.get(lecture.id);
      if (!deck) throw new Error('deck not published');
      const { context, page: tab } = await openPage(browser);
      const record = recordContext(context, site.origin);
      try {
        if (page === 'deck') {
          await gotoDeck(tab, deck.url);
          await tab.evaluate(
            "Reveal.slide(Reveal.getSlides().findIndex((s) => s.classList.contains('lectern-math')))",
          );
        } else {
          await tab.goto(deck.handoutUrl, { waitUntil: 'load' });
        }
        await tab.evaluate('document.fonts.ready');
        const result = (await tab.evaluate(`(() => {
          const formula = document.querySelector('.lectern-math .katex-display');
          const box = formula.querySelector('.katex-html').getBoundingClientRect();
          const fonts = [...document.fonts].filter((f) => f.family.startsWith('KaTeX')).filter((f) => f.status === 'loaded');
          return {
            mathml: document.querySelectorAll('math').length,
            fontsLoaded: fonts.map((f) => f.family),
            mainFont: getComputedStyle(formula.querySelector('.katex')).fontFamily,
            width: box.width,
            height: box.height,
            inlineStyles: document.querySelectorAll('.katex [style]').length,
          };
        })()`)) as {
          mathml: number;
          fontsLoaded: string[];
          mainFont: string;
          width: number;
          height: number;
          inlineStyles: number;
        };
        expect(result.mathml).toBeGreaterThanOrEqual(5);
        expect(result.fontsLoaded).toContain('KaTeX_Main');
        expect(result.mainFont).toContain('KaTeX_Main');
        // A fraction set by KaTeX's rules stands taller than a line: the moved styles apply.
        expect(result.height).toBeGreaterThan(40);
        expect(result.width).toBeGreaterThan(100);
        expect(result.inlineStyles).toBe(0);
        const fontRequests = record.requests.filter((url) =>
          /\/assets\/katex\/fonts\/KaTeX_.*\.woff2$/.test(url),
        );
        expect(fontRequests.length).toBeGreaterThan(0);
        expect(record.errors).toEqual([]);
        expect(record.foreign()).toEqual([]);
        // No script of KaTeX's is loaded: the math was drawn when the deck was built.
        expect(record.requests.filter((url) => /katex.*\.js/.test(url))).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it('speaker view: formulas in the notes are set with KaTeX’s styles, each shown once', async () => {
    const deck = site.decks.get(lecture.id);
    if (!deck) throw new Error('deck not published');
    const { context, page: tab } = await openPage(browser);
    const record = recordContext(context, site.origin);
    try {
      await gotoDeck(tab, deck.url);
      // The first slide whose notes hold a formula.
      const index = await tab.evaluate(
        "Reveal.getSlides().findIndex((s) => s.querySelector('aside.notes .katex'))",
      );
      expect(index).toBeGreaterThan(0);
      await tab.evaluate(`Reveal.slide(${index})`);
      const [speaker] = await Promise.all([context.waitForEvent('page'), tab.keyboard.press('s')]);
      await speaker.waitForLoadState('load');
      const notes = speaker.locator('.speaker-controls-notes .value .katex').first();
      await expect.poll(() => notes.count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await speaker.evaluate('document.fonts.ready');
      const shown = async () =>
        (await speaker.evaluate(`(() => {
          const formula = document.querySelector('.speaker-controls-notes .value .katex');
          const mathml = formula.querySelector('.katex-mathml').getBoundingClientRect();
          return {
            font: getComputedStyle(formula).fontFamily,
            // KaTeX's style sheet hides the MathML copy from sight (it stays for screen readers).
            mathmlArea: Math.round(mathml.width * mathml.height),
          };
        })()`)) as { font: string; mathmlArea: number };
      await expect.poll(async () => (await shown()).font, { timeout: 10_000 }).toContain('KaTeX_Main');
      expect((await shown()).mathmlArea).toBeLessThanOrEqual(1);
      expect(record.errors).toEqual([]);
      expect(record.foreign()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
