import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREVIEW } from '../../../lambdas/site/layout.js';
import { gotoDeck, launchBrowser, openPage, recordContext } from '../support/browser.js';
import { ROOT } from '../support/lectures.js';
import { type PreviewRun, startPreviewOf } from '../support/preview.js';

const SOURCE = join(ROOT, 'content/cold-war/02-uncertain-partners.yaml');
const ORIGINAL = readFileSync(SOURCE, 'utf8');

interface RevealApi {
  isReady(): boolean;
  slide(h: number, v?: number, f?: number): void;
  getIndices(): { h: number; v: number; f?: number };
  getCurrentSlide(): HTMLElement;
  getSlides(): HTMLElement[];
}
type PageWindow = { Reveal?: RevealApi; __sameLoad?: boolean };

let run: PreviewRun;
let browser: Browser;
let file: string;
let deckUrl: string;

beforeAll(async () => {
  [run, browser] = await Promise.all([startPreviewOf([SOURCE]), launchBrowser()]);
  file = join(run.dir, '02-uncertain-partners.yaml');
  deckUrl = `${run.preview.url}/uncertain-partners/`;
});

afterAll(async () => {
  await browser?.close();
  await run?.close();
});

function save(text: string): void {
  writeFileSync(file, text);
}

/** Open the deck on the slide with this id, at fragment `f`, and mark the page so a reload shows. */
async function openOn(page: Page, id: string, f?: number) {
  await gotoDeck(page, deckUrl);
  const indices = await page.evaluate(
    ([slideId, fragment]) => {
      const w = window as unknown as PageWindow;
      const reveal = w.Reveal as RevealApi;
      const h = reveal.getSlides().findIndex((s) => s.id === slideId);
      reveal.slide(h, 0, fragment as number | undefined);
      w.__sameLoad = true;
      return reveal.getIndices();
    },
    [id, f] as const,
  );
  // reveal.js writes the slide into the URL's hash, which is what a reload lands on.
  await page.waitForFunction((slideId) => window.location.hash.includes(slideId), id);
  return indices;
}

/**
 * Wait until a new load of the page (not the one marked) shows the deck, and, when `heading` is
 * given, the heading matching `heading.selector` contains `heading.text`. A plain check, not a
 * string evaluated in the page: the deck's CSP refuses eval.
 */
async function waitForReloadedDeck(page: Page, heading?: { selector: string; text: string }): Promise<void> {
  await page.waitForFunction(
    (want) => {
      const w = window as unknown as PageWindow;
      if (w.__sameLoad || w.Reveal?.isReady() !== true) return false;
      return (
        want === null || Boolean(document.querySelector(want.selector)?.textContent?.includes(want.text))
      );
    },
    heading ?? null,
    { timeout: 15_000 },
  );
}

/** Wait until the marked page itself (no reload) shows `heading.text` in `heading.selector`. */
async function waitForEditInPlace(page: Page, heading: { selector: string; text: string }): Promise<void> {
  await page.waitForFunction(
    (want) => Boolean(document.querySelector(want.selector)?.textContent?.includes(want.text)),
    heading,
    { timeout: 15_000 },
  );
  // The edit came to this very page: the mark set before it is still there.
  expect(await page.evaluate(() => (window as unknown as PageWindow).__sameLoad)).toBe(true);
}

const currentPlace = (page: Page) =>
  page.evaluate(() => {
    const reveal = (window as unknown as PageWindow).Reveal as RevealApi;
    return { id: reveal.getCurrentSlide().id, ...reveal.getIndices() };
  });

describe('lectern preview in the browser', () => {
  it('a tab takes an edit in place, without reloading, under the site CSP, on its slide and fragment', async () => {
    const { context, page } = await openPage(browser);
    const record = recordContext(context, run.preview.url);
    const before = await openOn(page, 'soviet-interest', 1);
    expect(before.f).toBe(1);
    save(
      ORIGINAL.replace(`title: "Moscow's interest in Korea"`, `title: "Moscow's interest in Korea, edited"`),
    );
    await waitForEditInPlace(page, { selector: '#soviet-interest h2', text: 'edited' });
    expect(await currentPlace(page)).toEqual({ id: 'soviet-interest', ...before });
    // The fragment shown is the one the tab showed, drawn as such.
    expect(
      await page.evaluate(
        () => document.querySelectorAll('.reveal .slides section.present .fragment.visible').length,
      ),
    ).toBe(2);
    expect(await page.evaluate(() => document.title)).toBe('Uncertain Partners');
    // The stream is cut at each reload; anything else (a CSP refusal above all) is a failure.
    expect(record.errors.filter((e) => !e.includes(PREVIEW.events))).toEqual([]);
    expect(record.foreign()).toEqual([]);
    await context.close();
  });

  it('two tabs both follow, each on its own slide', async () => {
    const one = await openPage(browser);
    const two = await openPage(browser);
    const placeOne = await openOn(one.page, 'the-book');
    const placeTwo = await openOn(two.page, 'restraint');
    save(
      ORIGINAL.replace(
        `title: "The book behind today's title"`,
        `title: "The book behind the title, edited"`,
      ),
    );
    const edited = { selector: '#the-book h2', text: 'edited' };
    await Promise.all([waitForEditInPlace(one.page, edited), waitForEditInPlace(two.page, edited)]);
    expect(await currentPlace(one.page)).toEqual({ id: 'the-book', ...placeOne });
    expect(await currentPlace(two.page)).toEqual({ id: 'restraint', ...placeTwo });
    await Promise.all([one.context.close(), two.context.close()]);
  });

  it('shows an error with its line in place of the deck, and the deck again once fixed', async () => {
    save(ORIGINAL);
    const { context, page } = await openPage(browser);
    const record = recordContext(context, run.preview.url);
    const place = await openOn(page, 'restraint');
    save(ORIGINAL.replace('title: "Uncertain Partners"', 'title: "Uncertain Partners'));
    await page.waitForSelector('.preview-error', { timeout: 15_000 });
    const shown = await page.evaluate(() => ({
      where: document.querySelector('.preview-where')?.textContent,
      source: document.querySelector('.preview-source')?.textContent,
      message: document.querySelector('.preview-message')?.textContent,
    }));
    expect(shown.where).toBe('02-uncertain-partners.yaml:3:8');
    expect(shown.source).toBe('3 | title: "Uncertain Partners');
    expect(shown.message).toMatch(/never closed/);
    // The terminal says the same, with the line quoted.
    expect(run.lines.join('\n')).toContain('02-uncertain-partners.yaml:3:8  (document)  YAML syntax error');
    expect(run.lines.join('\n')).toContain('  3 | title: "Uncertain Partners');
    await page.evaluate(() => {
      (window as unknown as PageWindow).__sameLoad = true;
    });
    save(ORIGINAL);
    await waitForReloadedDeck(page);
    expect(await page.$('.preview-error')).toBeNull();
    expect(await currentPlace(page)).toEqual({ id: 'restraint', ...place });
    expect(record.errors.filter((e) => !e.includes(PREVIEW.events))).toEqual([]);
    await context.close();
  });

  it('a new theme reloads the tab (the page around the slides changed), on its slide', async () => {
    save(ORIGINAL);
    const { context, page } = await openPage(browser);
    const record = recordContext(context, run.preview.url);
    const place = await openOn(page, 'restraint');
    save(ORIGINAL.replace('theme: lecture', 'theme: dark'));
    await waitForReloadedDeck(page);
    expect(
      await page.evaluate(() =>
        [...document.querySelectorAll('link[rel="stylesheet"]')].some((link) =>
          link.getAttribute('href')?.endsWith('/themes/dark.css'),
        ),
      ),
    ).toBe(true);
    expect(await currentPlace(page)).toEqual({ id: 'restraint', ...place });
    expect(record.errors.filter((e) => !e.includes(PREVIEW.events))).toEqual([]);
    await context.close();
  });

  it('the speaker view shows the edited notes of the slide the tab is on', async () => {
    save(ORIGINAL);
    const { context, page } = await openPage(browser);
    const record = recordContext(context, run.preview.url);
    await openOn(page, 'soviet-interest');
    const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
    await speaker.waitForLoadState('load');
    const shownNotes = async () =>
      (await speaker.locator('.speaker-controls-notes .value').textContent())?.replace(/\s+/g, ' ') ?? '';
    // The speaker view receives the notes once both of its deck frames have loaded: seconds on a busy machine.
    await expect.poll(shownNotes, { timeout: 15_000 }).toContain('What did Moscow want in Korea?');
    save(ORIGINAL.replace('What did Moscow want in Korea?', 'What did Moscow want in Korea, edited?'));
    await waitForEditInPlace(page, { selector: '#soviet-interest aside.notes', text: 'Korea, edited?' });
    await expect.poll(shownNotes, { timeout: 15_000 }).toContain('What did Moscow want in Korea, edited?');
    expect(record.errors.filter((e) => !e.includes(PREVIEW.events))).toEqual([]);
    await context.close();
  });
});
