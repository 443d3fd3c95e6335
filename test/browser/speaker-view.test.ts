import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gotoDeck, launchBrowser, openPage, recordContext, serveImagesLocally } from './support/browser.js';
import { contentLectures, imageSources } from './support/lectures.js';
import { type Site, startSite } from './support/site.js';

// A lecture from content/; only its own image slides' https images (if any) may come from elsewhere.
const lecture = contentLectures()[0];
let site: Site;
let browser: Browser;

beforeAll(async () => {
  if (!lecture) throw new Error('no lecture in content/');
  [site, browser] = await Promise.all([startSite([lecture]), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the speaker view', () => {
  it('opens on S with the current notes, the next slide and a running timer, all from the site, under the CSP', async () => {
    const deck = site.decks.get(lecture?.id ?? '');
    if (!deck) throw new Error('deck not published');
    const { context, page } = await openPage(browser);
    const images = imageSources(lecture ?? { text: '' });
    await serveImagesLocally(context, images);
    const record = recordContext(context, site.origin, images);
    try {
      await gotoDeck(page, deck.url);
      // The first content slide with notes and no fragments, so "next" is plainly the following slide.
      const { index, notes } = (await page.evaluate(`(() => {
        const slides = Reveal.getSlides();
        const index = slides.findIndex((s) => s.querySelector('aside.notes') && !s.querySelector('.fragment'));
        return { index, notes: slides[index].querySelector('aside.notes').textContent };
      })()`)) as { index: number; notes: string };
      expect(index).toBeGreaterThan(0);
      await page.evaluate(`Reveal.slide(${index})`);

      const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
      await speaker.waitForLoadState('load');

      const shownNotes = speaker.locator('.speaker-controls-notes .value');
      const opening = notes.trim().split(/\s+/).slice(0, 8).join(' ');
      // The speaker view receives the notes once both of its deck frames have loaded: seconds on a busy machine.
      await expect
        .poll(async () => (await shownNotes.textContent())?.replace(/\s+/g, ' ') ?? '', { timeout: 15_000 })
        .toContain(opening);

      // The two iframes are the current and the upcoming slide, both decks from the site.
      const frameIndex = async (selector: string) => {
        const frame = await (await speaker.waitForSelector(selector)).contentFrame();
        if (!frame) throw new Error(`${selector} has no frame`);
        return frame.evaluate('window.Reveal && Reveal.isReady() ? Reveal.getIndices().h : -1');
      };
      await expect.poll(() => frameIndex('#current-slide iframe')).toBe(index);
      await expect.poll(() => frameIndex('#upcoming-slide iframe')).toBe(index + 1);

      const timer = speaker.locator('.speaker-controls-time .timer');
      await expect.poll(() => timer.isVisible()).toBe(true);
      await expect
        .poll(async () => (await timer.textContent())?.replace(/\s+/g, ''), { timeout: 5_000 })
        .toMatch(/^00:00:0[1-9]$/);

      const cspViolations = record.errors.filter((e) => /Content Security Policy/i.test(e));
      expect(cspViolations).toEqual([]);
      expect(record.errors).toEqual([]);
      expect(record.foreign()).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
