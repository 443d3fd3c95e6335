import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoDeck, launchBrowser, openPage, recordContext, serveImagesLocally } from './support/browser.js';
import { allKindsLecture, contentLectures, imageSources } from './support/lectures.js';
import { type Site, startSite } from './support/site.js';

// Reveal's API as the tests call it in the page.
interface RevealApi {
  getTotalSlides(): number;
  getIndices(): { h: number; v: number; f?: number };
  isLastSlide(): boolean;
  isOverview(): boolean;
  availableFragments(): { prev: boolean; next: boolean };
  getSlides(): HTMLElement[];
  getCurrentSlide(): HTMLElement;
}
const reveal = <T>(page: Page, fn: (R: RevealApi) => T): Promise<T> =>
  page.evaluate(`(${fn.toString()})(window.Reveal)`) as Promise<T>;

const lectures = contentLectures();
const allKinds = allKindsLecture();
let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite([...lectures, allKinds]), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** The all-kinds deck, its https image answered locally, opened at `hash`. */
async function openAllKinds(hash = '') {
  const { context, page } = await openPage(browser);
  await serveImagesLocally(context, imageSources(allKinds));
  const record = recordContext(context, site.origin);
  await gotoDeck(page, `${site.decks.get('all-kinds')?.url}`, `transition=none${hash}`);
  return { context, page, record };
}

describe('presenting a deck', () => {
  it('finds the lectures in content/', () => {
    expect(lectures.length).toBeGreaterThanOrEqual(2);
  });

  for (const lecture of lectures) {
    it(`${lecture.file}: loads with no console error and no request off the site, then walks to the end by keyboard`, async () => {
      const deck = site.decks.get(lecture.id);
      if (!deck) throw new Error(`${lecture.id} was not published`);
      const { context, page } = await openPage(browser);
      // The format lets an image slide show an https image; that, and only that, may leave the site.
      const images = imageSources(lecture);
      await serveImagesLocally(context, images);
      const record = recordContext(context, site.origin, images);
      try {
        await gotoDeck(page, deck.url);
        const total = await reveal(page, (R) => R.getTotalSlides());
        expect(total).toBe(deck.manifest.slides);

        // ArrowRight steps fragments first, then slides: at most one press per slide and per fragment.
        const fragments = await page.locator('.reveal .slides .fragment').count();
        const visited = [await reveal(page, (R) => R.getIndices().h)];
        for (let press = 0; press < total + fragments + 2; press++) {
          const done = await reveal(page, (R) => R.isLastSlide() && !R.availableFragments().next);
          if (done) break;
          await page.keyboard.press('ArrowRight');
          const h = await reveal(page, (R) => R.getIndices().h);
          if (h !== visited.at(-1)) visited.push(h);
        }
        expect(visited).toEqual([...Array(total).keys()]);
        expect(await reveal(page, (R) => R.isLastSlide())).toBe(true);

        expect(record.errors).toEqual([]);
        expect(record.foreign()).toEqual([]);
        expect(record.requests.length).toBeGreaterThan(0);
      } finally {
        await context.close();
      }
    });
  }

  it('steps the points of a `fragments: true` slide one at a time', async () => {
    const { context, page, record } = await openAllKinds('#/autumn-1949');
    try {
      const slide = page.locator('section#autumn-1949');
      await expect.poll(() => slide.getAttribute('class')).toMatch(/\bpresent\b/);
      const points = slide.locator('ul.lectern-points > li.fragment');
      const total = await points.count();
      expect(total).toBe(2);
      const shown = () => slide.locator('li.fragment.visible').count();
      expect(await shown()).toBe(0);
      for (let step = 1; step <= total; step++) {
        await page.keyboard.press('ArrowRight');
        expect(await shown()).toBe(step);
        expect(await reveal(page, (R) => R.getCurrentSlide().id)).toBe('autumn-1949');
      }
      await page.keyboard.press('ArrowRight');
      expect(await reveal(page, (R) => R.getCurrentSlide().id)).not.toBe('autumn-1949');
      expect(record.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('opens and closes the overview with Esc', async () => {
    const { context, page, record } = await openAllKinds();
    try {
      await page.keyboard.press('Escape');
      await expect.poll(() => reveal(page, (R) => R.isOverview())).toBe(true);
      await page.keyboard.press('Escape');
      await expect.poll(() => reveal(page, (R) => R.isOverview())).toBe(false);
      expect(record.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('search (Ctrl+Shift+F) finds a word from a late slide and goes there', async () => {
    const word = 'hierarchy';
    const { context, page, record } = await openAllKinds();
    try {
      const [target, total] = (await page.evaluate(
        `[Reveal.getSlides().findIndex((s) => s.textContent.toLowerCase().includes(${JSON.stringify(word)})), Reveal.getTotalSlides()]`,
      )) as [number, number];
      expect(target).toBeGreaterThanOrEqual(total - 3);
      await page.keyboard.press('Control+Shift+F');
      const box = page.locator('.searchbox input');
      await expect.poll(() => box.isVisible()).toBe(true);
      await box.pressSequentially(word);
      await box.press('Enter');
      await expect.poll(() => reveal(page, (R) => R.getIndices().h)).toBe(target);
      expect(record.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
