import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoDeck, launchBrowser, openPage, serveImagesLocally } from './support/browser.js';
import { allKindsLecture, imageSources, ROOT, variantOf } from './support/lectures.js';
import { type Site, startSite } from './support/site.js';

const AXE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const allKinds = allKindsLecture();
const russian = variantOf(allKinds, 'all-kinds-ru', { language: 'ru' });
let site: Site;
let browser: Browser;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite([allKinds, russian]), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const deckUrl = (id: string) => `${site.decks.get(id)?.url}`;
const handoutUrl = (id: string) => `${site.decks.get(id)?.handoutUrl}`;

/** Serious and critical axe findings on the page as it is now, as readable lines. */
async function seriousViolations(page: Page, context: string): Promise<string[]> {
  const violations = (await page.evaluate(`(async () => {
    const result = await axe.run(${context}, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })()`)) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A page with axe injected. Chromium is told to ignore the site's CSP here only: axe is our script, not the site's. */
async function openForAxe() {
  const { context, page } = await openPage(browser, { bypassCSP: true });
  await serveImagesLocally(context, imageSources(allKinds));
  return { context, page, inject: () => page.addScriptTag({ content: AXE }) };
}

describe('accessibility', () => {
  it('the deck has no serious or critical axe violation on any slide', async () => {
    const { context, page, inject } = await openForAxe();
    try {
      await gotoDeck(page, deckUrl('all-kinds'));
      await inject();
      const total = (await page.evaluate('Reveal.getTotalSlides()')) as number;
      const found: string[] = [];
      for (let i = 0; i < total; i++) {
        await page.evaluate(`Reveal.slide(${i})`);
        for (const line of await seriousViolations(page, 'document')) found.push(`slide ${i + 1}: ${line}`);
      }
      expect(found).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the handout has no serious or critical axe violation', async () => {
    const { context, page, inject } = await openForAxe();
    try {
      await page.goto(handoutUrl('all-kinds'), { waitUntil: 'load' });
      await inject();
      expect(await seriousViolations(page, 'document')).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('gives every image an alt text, in the deck and the handout', async () => {
    const { context, page } = await openPage(browser);
    await serveImagesLocally(context, imageSources(allKinds));
    try {
      for (const url of [deckUrl('all-kinds'), handoutUrl('all-kinds')]) {
        await page.goto(url, { waitUntil: 'load' });
        const images = (await page.evaluate(
          '[...document.querySelectorAll("img")].map((img) => img.getAttribute("alt"))',
        )) as (string | null)[];
        expect(images.length, url).toBeGreaterThan(0);
        for (const alt of images) expect(alt?.trim(), url).toBeTruthy();
      }
    } finally {
      await context.close();
    }
  });

  it("sets <html lang> from the lecture's language, in the deck and the handout", async () => {
    const { context, page } = await openPage(browser);
    await serveImagesLocally(context, imageSources(allKinds));
    try {
      for (const lecture of [allKinds, russian]) {
        for (const url of [deckUrl(lecture.id), handoutUrl(lecture.id)]) {
          await page.goto(url, { waitUntil: 'domcontentloaded' });
          expect(await page.getAttribute('html', 'lang'), url).toBe(lecture.language);
        }
      }
      expect(russian.language).toBe('ru');
    } finally {
      await context.close();
    }
  });

  it('announces each new slide to screen readers through a polite live region', async () => {
    const { context, page } = await openPage(browser);
    await serveImagesLocally(context, imageSources(allKinds));
    try {
      await gotoDeck(page, deckUrl('all-kinds'));
      const region = page.locator('.reveal [aria-live="polite"]');
      expect(await region.count()).toBe(1);
      // Through a divider, onto a slide with fragments, then its first fragment: each step is announced.
      for (let step = 0; step < 3; step++) {
        const before = await region.textContent();
        await page.keyboard.press('ArrowRight');
        await expect.poll(() => region.textContent()).not.toBe(before);
        const expected = (await page.evaluate(`(() => {
          const slide = Reveal.getCurrentSlide();
          const fragment = [...slide.querySelectorAll('.fragment.visible')].at(-1);
          return (fragment ?? slide.querySelector('h1, h2')).textContent.trim();
        })()`)) as string;
        expect(await region.textContent()).toContain(expected);
      }
    } finally {
      await context.close();
    }
  });
});
