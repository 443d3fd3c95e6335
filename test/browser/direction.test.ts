import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoDeck, launchBrowser, openPage, recordContext, serveImagesLocally } from './support/browser.js';
import { allKindsLecture, imageSources, type LectureFile, ROOT, variantOf } from './support/lectures.js';
import { FIND_OVERFLOW } from './support/overflow.js';
import { type Site, startSite } from './support/site.js';

/**
 * A right-to-left deck (language: ar) in Chromium, under the site's real CSP: reveal.js gets its
 * `rtl` option from lectern-deck.js, the slides are set right to left and mirrored, nothing overflows.
 */

const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');

/** The all-kinds fixture in Arabic: language ar, and the bullets slide and a heading in Arabic script. */
function arabicLecture(): LectureFile {
  const base = variantOf(allKindsLecture(), 'all-kinds-ar', { language: 'ar' });
  const replacements: [string, string][] = [
    ['"Two events of autumn 1949"', '"حدثان في خريف عام 1949"'],
    [
      '"The end of the US **atomic monopoly** (Truman, 23 Sept 1949)"',
      '"نهاية **الاحتكار الذري** الأمريكي (ترومان، 23 سبتمبر 1949)"',
    ],
    ['"Communist victory in China"', '"انتصار الشيوعيين في الصين"'],
    ['["Mao proclaims the PRC, 1 Oct 1949"]', '["ماو يعلن قيام جمهورية الصين الشعبية، 1 أكتوبر 1949"]'],
    ['"A giant new ally in the East"', '"حليف جديد عملاق في الشرق"'],
    ['"Mao arrives in Moscow"', '"ماو يصل إلى موسكو"'],
  ];
  let text = base.text;
  for (const [from, to] of replacements) {
    if (!text.includes(from)) throw new Error(`all-kinds.yaml no longer has ${from}`);
    text = text.replace(from, to);
  }
  return { ...base, text };
}

const arabic = arabicLecture();
let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite([arabic]), launchBrowser()]);
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function openArabic(size = { width: 1280, height: 720 }) {
  const deck = site.decks.get(arabic.id);
  if (!deck) throw new Error(`${arabic.id} was not published`);
  const { context, page } = await openPage(browser, { viewport: size });
  const images = imageSources(arabic);
  await serveImagesLocally(context, images);
  const record = recordContext(context, site.origin, images);
  await gotoDeck(page, deck.url);
  return { context, page, record };
}

const indices = (page: Page) =>
  page.evaluate('Reveal.getIndices()') as Promise<{ h: number; v: number; f?: number }>;

async function goToKind(page: Page, sectionClass: string): Promise<void> {
  await page.evaluate(`(() => {
    const index = Reveal.getSlides().findIndex((s) => s.classList.contains(${JSON.stringify(sectionClass)}));
    if (index < 0) throw new Error('no slide of class ${sectionClass}');
    Reveal.slide(index, 0, 1e6);
  })()`);
  await page.evaluate(
    'Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished))',
  );
}

describe('a right-to-left deck (language: ar)', () => {
  it('loads under the CSP with no console error, with reveal.js in rtl mode and the text set right to left', async () => {
    const { context, page, record } = await openArabic();
    try {
      expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
      expect(await page.evaluate('Reveal.getConfig().rtl')).toBe(true);
      expect(await page.locator('.reveal').getAttribute('class')).toMatch(/\brtl\b/);
      await goToKind(page, 'lectern-bullets');
      const slide = page.locator('section.lectern-bullets');
      for (const selector of ['h2', 'ul.lectern-points > li']) {
        expect(
          await slide
            .locator(selector)
            .first()
            .evaluate((el) => getComputedStyle(el).direction),
        ).toBe('rtl');
      }
      // Code stays left to right inside a right-to-left deck.
      expect(await page.locator('pre.lectern-code').evaluate((el) => getComputedStyle(el).direction)).toBe(
        'ltr',
      );
      expect(record.errors).toEqual([]);
      expect(record.foreign()).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('moves forward with ArrowLeft and back with ArrowRight, fragments included, as reveal.js does in rtl', async () => {
    const { context, page, record } = await openArabic();
    try {
      expect((await indices(page)).h).toBe(0);
      await page.keyboard.press('ArrowLeft');
      expect((await indices(page)).h).toBe(1);
      await page.keyboard.press('ArrowRight');
      expect((await indices(page)).h).toBe(0);

      // On the `fragments: true` slide ArrowLeft shows the next point before it leaves the slide.
      await page.evaluate(`location.hash = '#/autumn-1949'`);
      await expect.poll(() => page.evaluate('Reveal.getCurrentSlide().id')).toBe('autumn-1949');
      const shown = () => page.locator('section#autumn-1949 li.fragment.visible').count();
      expect(await shown()).toBe(0);
      await page.keyboard.press('ArrowLeft');
      expect(await shown()).toBe(1);
      await page.keyboard.press('ArrowLeft');
      expect(await shown()).toBe(2);
      await page.keyboard.press('ArrowRight');
      expect(await shown()).toBe(1);
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      expect(await page.evaluate('Reveal.getCurrentSlide().id')).not.toBe('autumn-1949');
      expect(record.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('mirrors the layout: list indent, timeline rule and quote rule on the right, source numbers on the left', async () => {
    const { context, page } = await openArabic();
    try {
      await goToKind(page, 'lectern-bullets');
      const bullets = await page.locator('section.lectern-bullets').evaluate((section) => {
        const frame = section.getBoundingClientRect();
        const list = section.querySelector('ul.lectern-points') as Element;
        const box = list.getBoundingClientRect();
        const style = getComputedStyle(list);
        return {
          marginRight: Number.parseFloat(style.marginRight),
          marginLeft: Number.parseFloat(style.marginLeft),
          rightGap: frame.right - box.right,
          textAlign: style.textAlign,
        };
      });
      expect(bullets.marginRight).toBeGreaterThan(0);
      expect(bullets.marginLeft).toBe(0);
      expect(bullets.rightGap).toBeGreaterThan(0);
      expect(bullets.textAlign).toBe('right');

      const cite = await page.locator('section.lectern-bullets').evaluate((section) => {
        const frame = section.getBoundingClientRect();
        const box = (section.querySelector('.lectern-cite') as Element).getBoundingClientRect();
        return { left: box.left - frame.left, right: frame.right - box.right };
      });
      expect(cite.left).toBeLessThan(1);
      expect(cite.right).toBeGreaterThan(100);

      const rules = await page.evaluate(() => {
        const style = (selector: string) => getComputedStyle(document.querySelector(selector) as Element);
        const timeline = style('ol.lectern-timeline');
        const quote = style('figure.lectern-quote blockquote');
        return {
          timeline: [timeline.borderLeftWidth, Number.parseFloat(timeline.borderRightWidth) > 0],
          quote: [quote.borderLeftWidth, Number.parseFloat(quote.borderRightWidth) > 0],
        };
      });
      expect(rules).toEqual({ timeline: ['0px', true], quote: ['0px', true] });

      await page.screenshot({ path: join(SCREENSHOTS, 'direction-ar-bullets.png') });
      await goToKind(page, 'lectern-timeline');
      await page.screenshot({ path: join(SCREENSHOTS, 'direction-ar-timeline.png') });
    } finally {
      await context.close();
    }
  });

  it('fits every slide in its frame at 1280x720 and 1920x1080', async () => {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 1920, height: 1080 },
    ]) {
      const { context, page } = await openArabic(size);
      try {
        expect(await page.evaluate(FIND_OVERFLOW), `${size.width}x${size.height}`).toEqual([]);
      } finally {
        await context.close();
      }
    }
  });

  it('sets the handout right to left', async () => {
    const deck = site.decks.get(arabic.id);
    const { context, page } = await openPage(browser);
    try {
      await serveImagesLocally(context, imageSources(arabic));
      await page.goto(`${deck?.handoutUrl}`);
      const notes = await page
        .locator('.lectern-handout-notes')
        .first()
        .evaluate((el) => {
          const style = getComputedStyle(el);
          return { direction: style.direction, left: style.borderLeftWidth, right: style.borderRightWidth };
        });
      expect(notes).toEqual({ direction: 'rtl', left: '0px', right: '3px' });
      expect(
        await page
          .locator('pre')
          .first()
          .evaluate((el) => getComputedStyle(el).direction),
      ).toBe('ltr');
    } finally {
      await context.close();
    }
  });
});
