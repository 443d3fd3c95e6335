import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIEW } from '../../../lambdas/site/layout.js';
import { gotoDeck, launchBrowser, openPage, recordContext } from '../support/browser.js';
import { type PreviewRun, startPreviewWith } from '../support/preview.js';

/** `lectern preview` in Chromium, under the site's CSP: a lecture's figure and math shown, and an edited figure followed. */

const svg = (width: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="30" viewBox="0 0 ${width} 30"><rect width="${width}" height="30" fill="#36c"/></svg>`;

const LECTURE = `id: figures
title: "Figures"
sections:
  - title: "One"
    slides:
      - title: "Before"
        points: ["A point."]
        notes: "N."
      - kind: image
        id: the-chart
        title: "A chart"
        src: figs/chart.svg
        alt: "A chart"
        notes: "N."
      - kind: math
        id: the-formula
        title: "A formula"
        tex: "e^{i\\\\pi} + 1 = 0"
        notes: "N."
`;

interface RevealApi {
  isReady(): boolean;
  slide(h: number): void;
  getSlides(): HTMLElement[];
  getCurrentSlide(): HTMLElement;
}
type PageWindow = { Reveal?: RevealApi; __sameLoad?: boolean };

let run: PreviewRun;
let browser: Browser;

beforeAll(async () => {
  [run, browser] = await Promise.all([
    // Named as a file, so the figure's folder is watched for the lecture's sake.
    startPreviewWith({ 'deck.yaml': LECTURE, 'figs/chart.svg': svg(40) }, ['deck.yaml']),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

describe('lectern preview: figures and math in the browser', () => {
  it('shows the figure and the math (KaTeX fonts), and takes an edited figure in place, on the same slide', async () => {
    const { context, page } = await openPage(browser);
    const record = recordContext(context, run.preview.url);
    await gotoDeck(page, `${run.preview.url}/figures/`);
    const formula = await page.evaluate(async () => {
      const reveal = (window as unknown as PageWindow).Reveal as RevealApi;
      reveal.slide(reveal.getSlides().findIndex((s) => s.id === 'the-formula'));
      await document.fonts.ready;
      return {
        fonts: [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded')
          .length,
        family: getComputedStyle(document.querySelector('.katex') as Element).fontFamily,
      };
    });
    expect(formula.fonts).toBeGreaterThan(0);
    expect(formula.family).toMatch(/KaTeX_Main/);

    const figure = () =>
      page.evaluate(async () => {
        const img = document.querySelector<HTMLImageElement>('#the-chart img');
        await img?.decode().catch(() => undefined);
        return { src: img?.getAttribute('src'), width: img?.naturalWidth ?? 0 };
      });
    await page.evaluate(() => {
      const w = window as unknown as PageWindow;
      const reveal = w.Reveal as RevealApi;
      reveal.slide(reveal.getSlides().findIndex((s) => s.id === 'the-chart'));
      w.__sameLoad = true;
    });
    await page.waitForFunction(() => window.location.hash.includes('the-chart'));
    const before = await figure();
    expect(before.width).toBe(40);

    writeFileSync(join(run.dir, 'figs/chart.svg'), svg(90));
    // The image's new name (its content's hash) comes with the new slides, into this same page.
    await page.waitForFunction(
      (old) => document.querySelector('#the-chart img')?.getAttribute('src') !== old,
      before.src,
      { timeout: 15_000 },
    );
    const after = await figure();
    expect(after.width).toBe(90);
    expect(await page.evaluate(() => (window as unknown as PageWindow).__sameLoad)).toBe(true);
    // The formulas are still drawn with their own style sheet, now adopted from the change event.
    expect(
      await page.evaluate(() => ({
        family: getComputedStyle(document.querySelector('.katex') as Element).fontFamily,
        linked: document.querySelectorAll('link[href="math.css"]').length,
        adopted: document.adoptedStyleSheets.length,
      })),
    ).toEqual({ family: expect.stringMatching(/KaTeX_Main/), linked: 0, adopted: 1 });
    expect(await page.evaluate(() => (window as unknown as PageWindow).Reveal?.getCurrentSlide().id)).toBe(
      'the-chart',
    );
    expect(record.errors.filter((e) => !e.includes(PREVIEW.events))).toEqual([]);
    expect(record.foreign()).toEqual([]);
    await context.close();
  });
});
