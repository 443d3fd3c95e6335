import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoDeck, launchBrowser, openPage, serveImagesLocally } from './support/browser.js';
import {
  allKindsLecture,
  contentLectures,
  imageSources,
  type LectureFile,
  longSourcesLecture,
  ROOT,
  themes,
  variantOf,
} from './support/lectures.js';
import { FIND_OVERFLOW } from './support/overflow.js';
import { type Site, startSite } from './support/site.js';

const SCREENSHOTS = join(ROOT, 'test-results', 'screenshots');
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
];
const allKinds = allKindsLecture();
const themed = themes().map((theme) => ({
  theme,
  lecture: variantOf(allKinds, `all-kinds-${theme}`, { theme }),
}));
const checked: LectureFile[] = [...contentLectures(), allKinds, longSourcesLecture()];

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([
    startSite([...checked, ...themed.map((t) => t.lecture)]),
    launchBrowser(),
  ]);
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function openDeck(lecture: LectureFile, viewport = SIZES[0]) {
  const deck = site.decks.get(lecture.id);
  if (!deck) throw new Error(`${lecture.id} was not published`);
  const { context, page } = await openPage(browser, { viewport });
  await serveImagesLocally(context, imageSources(lecture));
  await gotoDeck(page, deck.url);
  return { context, page };
}

describe('every slide fits its frame', () => {
  for (const lecture of checked) {
    it(`${lecture.file}, at ${SIZES.map((s) => `${s.width}x${s.height}`).join(' and ')}`, async () => {
      for (const size of SIZES) {
        const { context, page } = await openDeck(lecture, size);
        try {
          expect(await page.evaluate(FIND_OVERFLOW), `${size.width}x${size.height}`).toEqual([]);
        } finally {
          await context.close();
        }
      }
    });
  }

  it('splits a long list of sources over several slides', async () => {
    const deck = site.decks.get('long-sources');
    const { context, page } = await openDeck(longSourcesLecture());
    try {
      const pages = await page.locator('section.lectern-sources').count();
      expect(pages).toBeGreaterThan(1);
      expect(deck?.manifest.slides).toBe(await page.evaluate('Reveal.getTotalSlides()'));
    } finally {
      await context.close();
    }
  });
});

// The slides a screenshot shows, by the class of their <section>.
const SHOTS = {
  title: 'lectern-title-slide',
  bullets: 'lectern-bullets',
  timeline: 'lectern-timeline',
  compare: 'lectern-compare',
  sources: 'lectern-sources',
};

async function goToKind(page: Page, sectionClass: string, settle = true): Promise<void> {
  await page.evaluate(`(() => {
    const index = Reveal.getSlides().findIndex((s) => s.classList.contains(${JSON.stringify(sectionClass)}));
    if (index < 0) throw new Error('no slide of class ${sectionClass}');
    Reveal.slide(index, 0, 1e6);
  })()`);
  // Fragments fade in even with transition=none: let them finish before a screenshot.
  if (settle)
    await page.evaluate(
      'Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished))',
    );
}

/** WCAG 2 contrast ratio of an element's text against the background it is drawn on. */
const CONTRAST_OF = `(element) => {
  const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return { r: m[0], g: m[1], b: m[2], a: m.length > 3 ? m[3] : 1 }; };
  const over = (top, bottom) => ({ r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a), b: top.b * top.a + bottom.b * (1 - top.a), a: 1 });
  const layers = [];
  for (let node = element; node; node = node.parentElement) {
    const bg = parse(getComputedStyle(node).backgroundColor);
    if (bg.a > 0) layers.push(bg);
    if (bg.a === 1) break;
  }
  let background = { r: 255, g: 255, b: 255, a: 1 };
  for (const layer of layers.reverse()) background = over(layer, background);
  const text = over(parse(getComputedStyle(element).color), background);
  const lum = ({ r, g, b }) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const [hi, lo] = [lum(text), lum(background)].sort((a, b) => b - a);
  return (hi + 0.05) / (lo + 0.05);
}`;

// Body text of each kind: the text a student reads from the back of the room.
const BODY_TEXT = [
  'section.lectern-bullets ul.lectern-points > li',
  'section.lectern-quote blockquote p',
  'section.lectern-timeline .lectern-event',
  'section.lectern-compare .lectern-column li',
  'section.lectern-table td',
  'section.lectern-questions ol > li',
  'section.lectern-sources li',
];

describe('themes', () => {
  for (const { theme, lecture } of themed) {
    it(`${theme}: screenshots of the title, bullets, timeline, compare and sources slides`, async () => {
      const { context, page } = await openDeck(lecture);
      try {
        for (const [kind, sectionClass] of Object.entries(SHOTS)) {
          await goToKind(page, sectionClass);
          await page.screenshot({ path: join(SCREENSHOTS, `${theme}-${kind}.png`) });
        }
      } finally {
        await context.close();
      }
    });

    it(`${theme}: body text has a contrast ratio of at least 7:1 against the slide`, async () => {
      const { context, page } = await openDeck(lecture);
      try {
        const ratios: Record<string, number> = {};
        for (const selector of BODY_TEXT) {
          const sectionClass = /^section\.([\w-]+)/.exec(selector)?.[1] ?? '';
          await goToKind(page, sectionClass, false);
          const element = page.locator(selector).first();
          ratios[selector] = Math.round(((await element.evaluate(CONTRAST_OF)) as number) * 10) / 10;
        }
        const low = Object.entries(ratios).filter(([, ratio]) => ratio < 7);
        expect(low, JSON.stringify(ratios)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
