import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../lambdas/cli/io.js';
import { runCli } from '../../lambdas/cli/run.js';
import { readAssetBytes } from '../../lambdas/node/single-file-assets.js';
import { tempDir } from '../support/temp-dir.js';
import { riskyNodes, setTrap } from './hostile/trap.js';
import { launchBrowser, recordContext } from './support/browser.js';
import { ROOT } from './support/lectures.js';

/**
 * `lectern render --single-file`: each deck opened straight from disk (file://) in a browser whose
 * every other request is refused. It must present, with its notes, figures, math and speaker view.
 */

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

const FIGURES = `id: figures
title: "Figures and math"
language: en
sources:
  - id: tables
    text: "Statistical tables, 1950"
sections:
  - title: "Pictures"
    slides:
      - kind: image
        title: "A chart"
        src: figs/chart.svg
        alt: "A bar chart"
        notes: "NOTES-CHART: talk through the bars."
      - kind: image
        title: "A dot"
        src: figs/dot.png
        alt: "One dot"
        notes: "NOTES-DOT: a single pixel."
      - kind: math
        title: "Doubling time"
        tex: "t_{2} = \\\\frac{\\\\ln 2}{\\\\ln (1 + g)}"
        notes: "NOTES-MATH: the rule of seventy, \\\\(t_2 \\\\approx 70/g\\\\)."
        cite: [tables]
`;

type RevealApi = {
  isReady(): boolean;
  getTotalSlides(): number;
  getSlides(): HTMLElement[];
  slide(h: number): void;
  next(): void;
  isLastSlide(): boolean;
  availableFragments(): { next: boolean };
};

let browser: Browser;
let out: string;
const sizes = new Map<string, number>();

beforeAll(async () => {
  const dir = tempDir('single-file');
  writeFileSync(join(dir, 'figures.yaml'), FIGURES);
  const figs = join(dir, 'figs');
  mkdirSync(figs);
  copyFileSync(join(ROOT, 'test/fixtures/svg/safe/chart.svg'), join(figs, 'chart.svg'));
  writeFileSync(join(figs, 'dot.png'), PNG);
  copyFileSync(join(ROOT, 'test/fixtures/lectures/hostile.yaml'), join(dir, 'hostile.yaml'));
  out = join(dir, 'out');
  const lines: string[] = [];
  const io: CliIo = { out: (t) => lines.push(t), err: (t) => lines.push(t), interactive: false, cwd: dir };
  const code = await runCli(
    ['render', 'figures.yaml', 'hostile.yaml', join(ROOT, 'content/cold-war'), '--single-file', '--out', out],
    io,
  );
  expect(code, lines.join('\n')).toBe(0);
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

const fileUrl = (id: string) => {
  const path = join(out, `${id}.html`);
  sizes.set(id, statSync(path).size);
  return pathToFileURL(path).href;
};

/** A context where anything but a file: URL is refused, and noted. */
async function offline(): Promise<{ context: BrowserContext; refused: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const refused: string[] = [];
  await context.route(
    (url) => url.protocol !== 'file:',
    (route) => {
      refused.push(route.request().url());
      void route.abort();
    },
  );
  return { context, refused };
}

async function openDeck(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady());
}

describe('a single-file deck opened from disk, offline', () => {
  it('is one file with nothing beside it', () => {
    const html = readFileSync(join(out, 'figures.html'), 'utf8');
    // Checked by count, not by matching the whole page: a failure should not print a megabyte.
    const count = (pattern: RegExp) => [...html.matchAll(pattern)].length;
    expect(count(/(href|src)="\.\.\//g)).toBe(0);
    expect(count(/<link rel="stylesheet"/g)).toBe(0);
    expect(count(/<script src="(?!data:)/g)).toBe(0);
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1] ?? '');
    expect(styles.length).toBeGreaterThan(3);
    expect(
      styles.flatMap((css) => [...css.matchAll(/url\((?!data:|#)[^)]{0,60}/g)].map((m) => m[0])),
    ).toEqual([]);
    expect(styles.flatMap((css) => [...css.matchAll(/@import[^;]{0,60}/g)].map((m) => m[0]))).toEqual([]);
  });

  it('presents with its notes, figures and math (KaTeX fonts loaded), and asks for nothing', async () => {
    const { context, refused } = await offline();
    const record = recordContext(context, 'null');
    const page = await context.newPage();
    await openDeck(page, fileUrl('figures'));
    const state = await page.evaluate(async () => {
      const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
      // A font loads when text on screen uses it: show the formula's slide.
      reveal.slide(reveal.getSlides().findIndex((slide) => slide.classList.contains('lectern-math')));
      await document.fonts.ready;
      const images = [...document.querySelectorAll<HTMLImageElement>('.lectern-image img')];
      await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
      return {
        slides: reveal.getTotalSlides(),
        notes: [...document.querySelectorAll('aside.notes')].map((n) => n.textContent?.slice(0, 11)),
        widths: images.map((img) => img.naturalWidth),
        formulas: document.querySelectorAll('.katex').length,
        katexFonts: [...document.fonts]
          .filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded')
          .map((f) => f.family),
        mathFont: getComputedStyle(document.querySelector('.katex') as Element).fontFamily,
      };
    });
    // Title, the section divider, three slides, the sources slide.
    expect(state.slides).toBe(6);
    expect(state.notes).toEqual(['NOTES-CHART', 'NOTES-DOT: ', 'NOTES-MATH:']);
    expect(state.widths).toHaveLength(2);
    for (const width of state.widths) expect(width).toBeGreaterThan(0);
    expect(state.formulas).toBeGreaterThan(0);
    expect(state.katexFonts).toContain('KaTeX_Main');
    expect(state.mathFont).toMatch(/KaTeX_Main/);
    expect(refused).toEqual([]);
    expect(record.errors).toEqual([]);
    await context.close();
  });

  it('opens its speaker view on S, with the notes and both slide frames', async () => {
    const { context, refused } = await offline();
    const record = recordContext(context, 'null');
    const page = await context.newPage();
    await openDeck(page, fileUrl('figures'));
    await page.evaluate(() => (window as unknown as { Reveal: RevealApi }).Reveal.slide(2));
    const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
    await speaker.waitForLoadState('load');
    await expect
      .poll(() => speaker.locator('.speaker-controls-notes .value').textContent(), { timeout: 15_000 })
      .toContain('NOTES-CHART');
    const frameIndex = async (selector: string) => {
      const frame = await (await speaker.waitForSelector(selector)).contentFrame();
      return frame?.evaluate(() => {
        const reveal = (window as unknown as { Reveal?: RevealApi & { getIndices(): { h: number } } }).Reveal;
        return reveal?.isReady() ? reveal.getIndices().h : -1;
      });
    };
    await expect.poll(() => frameIndex('#current-slide iframe'), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => frameIndex('#upcoming-slide iframe'), { timeout: 15_000 }).toBe(3);
    expect(await speaker.locator('#connection-status').textContent()).not.toMatch(/error/i);
    // The math slide: the formula in its notes is set with the deck's inlined KaTeX styles.
    await page.evaluate(() => (window as unknown as { Reveal: RevealApi }).Reveal.slide(4));
    const notesFont = () =>
      speaker.evaluate(() => {
        const formula = document.querySelector('.speaker-controls-notes .value .katex');
        return formula ? getComputedStyle(formula).fontFamily : '';
      });
    await expect.poll(notesFont, { timeout: 15_000 }).toContain('KaTeX_Main');
    expect(refused).toEqual([]);
    expect(record.errors).toEqual([]);
    await context.close();
  });

  it('prints (?print-pdf) one page per slide, its figures and math drawn', async () => {
    const { context, refused } = await offline();
    const page = await context.newPage();
    await page.goto(`${fileUrl('figures')}?print-pdf`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
    expect(await page.locator('.pdf-page').count()).toBe(6);
    const widths = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLImageElement>('.lectern-image img')].map((img) => img.naturalWidth),
    );
    expect(widths.every((width) => width > 0)).toBe(true);
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(refused).toEqual([]);
    await context.close();
  });

  it('presents each lecture of the course, with its notes', async () => {
    const { context, refused } = await offline();
    const page = await context.newPage();
    for (const id of ['giant-new-ally', 'uncertain-partners', 'friendship-to-rivalry']) {
      await openDeck(page, fileUrl(id));
      const { slides, notes } = await page.evaluate(() => ({
        slides: (window as unknown as { Reveal: RevealApi }).Reveal.getTotalSlides(),
        notes: document.querySelectorAll('aside.notes').length,
      }));
      expect(slides).toBeGreaterThan(20);
      expect(notes).toBeGreaterThan(10);
    }
    expect(refused).toEqual([]);
    await context.close();
  });

  it('runs nothing from the hostile lecture: not in the deck, the speaker view or the print view', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const url = fileUrl('hostile');
    const trap = await setTrap(context, url);
    const assets = [...readAssetBytes().values()].map((bytes) => Buffer.from(bytes));
    const ownScript = (script: { src: string; text: string }) => {
      if (script.src) {
        const match = /^data:text\/javascript;base64,(.*)$/.exec(script.src);
        return match?.[1] !== undefined && assets.some((bytes) => bytes.toString('base64') === match[1]);
      }
      return assets.some((bytes) => bytes.toString('utf8').trim() === script.text.trim());
    };
    const scripts = (target: Page) =>
      target.evaluate(() =>
        [...document.scripts].map((s) => ({ src: s.getAttribute('src') ?? '', text: s.text })),
      );
    const risky = async (target: Page) =>
      (await riskyNodes(target, true)).filter(
        (found) => !/^(script: |src=data:text\/javascript;base64,)/.test(found),
      );

    const page = await context.newPage();
    await openDeck(page, url);
    const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
    await speaker.waitForLoadState('load');
    await speaker.waitForFunction(() => document.querySelectorAll('iframe').length >= 2);
    for (let step = 0; step < 200; step += 1) {
      const last = await page.evaluate(() => {
        const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
        const done = reveal.isLastSlide() && !reveal.availableFragments().next;
        if (!done) reveal.next();
        return done;
      });
      if (last) break;
    }
    await expect
      .poll(() => speaker.locator('.speaker-controls-notes .value').textContent(), { timeout: 15_000 })
      .toMatch(/NOTES-|^\s*$/);
    const found = await scripts(page);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((script) => !ownScript(script))).toEqual([]);
    expect(await risky(page)).toEqual([]);
    expect(await risky(speaker)).toEqual([]);
    for (const frame of speaker.frames().slice(1)) {
      expect(
        (await riskyNodes(frame, true)).filter((f) => !/^(script: |src=data:text\/javascript)/.test(f)),
      ).toEqual([]);
    }

    await page.goto(`${url}?print-pdf&showNotes=true`, { waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
    expect(await risky(page)).toEqual([]);
    expect(trap.fired).toEqual([]);
    // The image slide's picture is on the internet: the one request that tried to leave, refused.
    expect(new Set(trap.external)).toEqual(
      new Set(['https://example.invalid/image.png?a=%22%3E%3Cscript%3E']),
    );
    await context.close();
  });

  afterAll(() => {
    const list = [...sizes].map(([id, bytes]) => `${id} ${(bytes / 1024).toFixed(0)} KB`).join(', ');
    console.log(`single-file sizes: ${list}`);
  });
});
