import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Browser,
  type BrowserContext,
  enterToken,
  launchChromium,
  type Page,
  type Site,
  startSite,
} from '../site/support.js';
import { riskyNodes, setTrap, type Trap } from './trap.js';

const HOSTILE = readFileSync(join(import.meta.dirname, '../../fixtures/lectures/hostile.yaml'), 'utf8');
/** The first two payloads of every field, as they must read on screen: text, not markup. */
const SHOWN = '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=1">';
const IMAGE = 'https://example.invalid/image.png?a=%22%3E%3Cscript%3E';

let site: Site;
let browser: Browser;
let context: BrowserContext;
let trap: Trap;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite('hostile-token'), launchChromium()]);
  const published = await site.api('POST', '/api/decks', HOSTILE);
  expect(published.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function freshContext(): Promise<void> {
  await context?.close();
  context = await browser.newContext();
  trap = await setTrap(context, site.url);
}

type RevealApi = {
  isReady(): boolean;
  configure(options: object): void;
  next(): void;
  isLastSlide(): boolean;
  availableFragments(): { next: boolean };
  getCurrentSlide(): HTMLElement;
};

async function openDeck(page: Page, path = '/decks/hostile/'): Promise<void> {
  await page.goto(`${site.url}${path}`);
  await page.waitForFunction(() => (window as unknown as { Reveal?: RevealApi }).Reveal?.isReady());
  await page.evaluate(() =>
    (window as unknown as { Reveal: RevealApi }).Reveal.configure({ transition: 'none' }),
  );
}

/** Steps through every slide and fragment; answers each slide's visible text (notes excluded). */
async function walkDeck(page: Page, onSlide?: (index: number) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  for (let step = 0; step < 200; step += 1) {
    const { text, last } = await page.evaluate(() => {
      const reveal = (window as unknown as { Reveal: RevealApi }).Reveal;
      const slide = reveal.getCurrentSlide().cloneNode(true) as HTMLElement;
      for (const notes of slide.querySelectorAll('aside.notes')) notes.remove();
      return {
        text: slide.textContent ?? '',
        last: reveal.isLastSlide() && !reveal.availableFragments().next,
      };
    });
    seen.push(text);
    await onSlide?.(step);
    if (last) return seen;
    await page.evaluate(() => (window as unknown as { Reveal: RevealApi }).Reveal.next());
  }
  throw new Error('the deck never reached its last slide');
}

const LABELS = {
  deck: [
    'TITLE',
    'SUBTITLE',
    'COURSE',
    'AUTHOR',
    'SOURCE',
    'SECTION-ONE',
    'SLIDE-BULLETS',
    'POINT',
    'POINT-PARENT',
    'NESTED-POINT',
    'SLIDE-QUOTE',
    'QUOTE',
    'QUOTE-BY',
    'SLIDE-TIMELINE',
    'EVENT-ONE',
    'EVENT-TWO',
    'SECTION-TWO',
    'SLIDE-COMPARE',
    'HEADING-ONE',
    'COLUMN-POINT-ONE',
    'HEADING-TWO',
    'COLUMN-POINT-TWO',
    'SLIDE-TABLE',
    'HEADER-ONE',
    'HEADER-TWO',
    'CELL-ONE',
    'CELL-TWO',
    'SLIDE-IMAGE',
    'CAPTION',
    'CREDIT',
    'SLIDE-STATEMENT',
    'STATEMENT',
    'SLIDE-QUESTIONS',
    'QUESTION-ONE',
    'QUESTION-TWO',
    'SLIDE-CODE',
  ],
  notes: [
    'NOTES-BULLETS',
    'NOTES-QUOTE',
    'NOTES-TIMELINE',
    'NOTES-COMPARE',
    'NOTES-TABLE',
    'NOTES-IMAGE',
    'NOTES-STATEMENT',
    'NOTES-QUESTIONS',
  ],
};

function missing(text: string, labels: string[]): string[] {
  return labels.filter((label) => !text.includes(`${label} ${SHOWN}`));
}

describe('a lecture whose every field is a script payload', () => {
  it('runs nothing in the deck, slide after slide, and shows every payload as text', async () => {
    await freshContext();
    const page = await context.newPage();
    await openDeck(page);
    expect(await page.title()).toContain(`TITLE ${SHOWN}`);
    const slides = await walkDeck(page);
    const text = slides.join('\n');
    expect(missing(text, LABELS.deck)).toEqual([]);
    const code = (await page.locator('pre.lectern-code code').textContent()) ?? '';
    for (const line of HOSTILE.split('language: html\n        text: |\n')[1]?.split('\n').slice(0, 20) ??
      []) {
      if (line.includes('CODE-END')) break;
      expect(code).toContain(line.trim());
    }
    expect(await page.locator('.lectern-image img').getAttribute('alt')).toContain(`ALT ${SHOWN}`);
    expect(await page.locator('.lectern-slide h2').first().textContent()).toContain('<script>');
    expect(await riskyNodes(page)).toEqual([]);
    expect(trap.fired).toEqual([]);
    expect(new Set(trap.external)).toEqual(new Set([IMAGE]));
  });

  it('runs nothing in the speaker view, and shows each slide’s notes there as text', async () => {
    await freshContext();
    const page = await context.newPage();
    await openDeck(page);
    const [speaker] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('s')]);
    await speaker.waitForLoadState();
    await speaker.waitForFunction(() => document.querySelectorAll('iframe').length >= 2);
    const notesSeen: string[] = [];
    await walkDeck(page, async () => {
      const current = await page.evaluate(() =>
        Boolean(
          (window as unknown as { Reveal: RevealApi }).Reveal.getCurrentSlide().querySelector('aside.notes'),
        ),
      );
      if (!current) return;
      const label = await page.evaluate(
        () =>
          /NOTES-[A-Z]+/.exec(
            (window as unknown as { Reveal: RevealApi }).Reveal.getCurrentSlide().querySelector('aside.notes')
              ?.textContent ?? '',
          )?.[0],
      );
      await expect
        .poll(() => speaker.locator('.speaker-controls-notes .value').textContent(), { timeout: 15_000 })
        .toContain(`${label} `);
      notesSeen.push((await speaker.locator('.speaker-controls-notes .value').textContent()) ?? '');
    });
    const notes = notesSeen.join('\n');
    expect(missing(notes, [...LABELS.notes, 'NOTES-CODE first paragraph'])).toEqual([]);
    expect(notes).toContain('</p></aside></section><script>window.__pwned=1</script>');
    expect(await riskyNodes(speaker, true)).toEqual([]);
    for (const frame of speaker.frames().slice(1)) expect(await riskyNodes(frame)).toEqual([]);
    expect(await riskyNodes(page)).toEqual([]);
    expect(trap.fired).toEqual([]);
    expect(trap.external.filter((url) => url !== IMAGE)).toEqual([]);
  });

  it('runs nothing with the notes shown on the slides, nor in the print view', async () => {
    await freshContext();
    const page = await context.newPage();
    await openDeck(page, '/decks/hostile/?showNotes=true');
    const notesSeen: string[] = [];
    await walkDeck(page, async () => {
      notesSeen.push((await page.locator('.reveal .speaker-notes').textContent()) ?? '');
    });
    expect(missing(notesSeen.join('\n'), LABELS.notes)).toEqual([]);
    expect(await riskyNodes(page)).toEqual([]);

    await page.goto(`${site.url}/decks/hostile/?print-pdf&showNotes=true`);
    await page.waitForFunction(() => document.querySelectorAll('.pdf-page').length > 0);
    const printed = (await page.locator('.reveal').textContent()) ?? '';
    expect(missing(printed, ['TITLE', 'SLIDE-BULLETS', 'QUOTE', 'CELL-TWO', ...LABELS.notes])).toEqual([]);
    expect(await riskyNodes(page)).toEqual([]);
    // reveal.js's print view adds two <style> elements of its own (page size, media limits); the site's CSP
    // allows exactly those by hash, so nothing at all may fire here.
    expect(trap.fired).toEqual([]);
    expect(trap.external.filter((url) => url !== IMAGE)).toEqual([]);
  });

  it('runs nothing in the handout, which shows every field and every note as text', async () => {
    await freshContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/decks/hostile/handout.html`);
    expect(await page.title()).toContain(`TITLE ${SHOWN}`);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(missing(text, [...LABELS.deck, ...LABELS.notes, 'NOTES-CODE first paragraph'])).toEqual([]);
    expect(await riskyNodes(page)).toEqual([]);
    expect(trap.fired).toEqual([]);
    expect(trap.external.filter((url) => url !== IMAGE)).toEqual([]);
  });

  it('runs nothing on the instructor page: the deck list, validation of it, and errors that quote it', async () => {
    await freshContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    await enterToken(page, site.token);
    const row = page.getByRole('row', { name: /TITLE/ });
    await row.waitFor();
    await page.waitForLoadState('networkidle');
    expect(trap.fired).toEqual([]);
    expect(await riskyNodes(page)).toEqual([]);
    expect(await row.textContent()).toContain(`TITLE ${SHOWN}`);
    expect(await row.getByRole('button', { name: /^Delete TITLE/ }).getAttribute('aria-label')).toContain(
      SHOWN,
    );

    // Validate the hostile lecture in the page: its warnings quote the lines, as text.
    const text = page.getByLabel('Lecture text');
    await text.fill(HOSTILE);
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText(/^No errors, \d+ warnings/).waitFor();
    const problems = page.getByRole('list', { name: 'Problems found' });
    expect(await problems.textContent()).toContain(
      'SLIDE-BULLETS <script>window.__pwned=1</script> <img src=x',
    );
    // The live preview renders the same lecture in its sandboxed frame: as text there too.
    const preview = page.frameLocator('#preview-frame');
    await preview.locator('.reveal.ready').waitFor();
    expect(await preview.locator('.slides').textContent()).toContain('<script>window.__pwned=1</script>');
    const previewFrame = await (await page.locator('#preview-frame').elementHandle())?.contentFrame();
    expect(previewFrame && (await riskyNodes(previewFrame))).toEqual([]);
    expect(trap.fired).toEqual([]);

    // Errors whose messages and excerpts echo payloads: an unknown kind, an unknown field, a bad id.
    const broken = HOSTILE.replace('kind: quote', 'kind: "<img src=x onerror=window.__pwned=1>"')
      .replace('id: hostile\n', 'id: "</textarea><script>window.__pwned=1</script>"\n')
      .replace(
        'language: html',
        'language: "<svg onload=window.__pwned=1>"\n        "<script>window.__pwned=1</script>": 1',
      );
    await text.fill(broken);
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText(/^\d+ errors: fix them/).waitFor();
    const errors = (await problems.textContent()) ?? '';
    expect(errors).toContain('<img src=x onerror=window.__pwned=1>');
    expect(errors).toContain('</textarea><script>window.__pwned=1</script>');

    // A syntax error on a line full of payloads.
    await text.fill(
      `id: x\ntitle: "<script>window.__pwned=1</script>\n  - [<img src=x onerror=window.__pwned=1>`,
    );
    await page.getByRole('button', { name: 'Validate' }).click();
    await page
      .locator('#result')
      .getByText(/could not be read/)
      .waitFor();

    // And publishing it from the page, then listing it again.
    await text.fill(HOSTILE.replace('id: hostile\n', 'id: hostile-again\n'));
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/^Published: hostile-again/).waitFor();
    await page.getByText('2 decks.').waitFor();

    expect(await riskyNodes(page)).toEqual([]);
    expect(trap.fired).toEqual([]);
    // The preview shows the deck, whose image slide names an https picture, as the deck itself does.
    expect(trap.external.filter((url) => url !== IMAGE)).toEqual([]);
  });

  it('answers the API with JSON only: validating the hostile lecture returns its text as data', async () => {
    await freshContext();
    const page = await context.newPage();
    const answer = await page.request.post(`${site.url}/api/validate`, {
      headers: { authorization: `Bearer ${site.token}`, 'content-type': 'application/yaml' },
      data: HOSTILE,
    });
    expect(answer.status()).toBe(200);
    expect(answer.headers()['content-type']).toMatch(/^application\/json/);
    expect(answer.headers()['x-content-type-options']).toBe('nosniff');
    const body = (await answer.json()) as { valid: boolean };
    expect(body.valid).toBe(true);
    // Opened in a browser tab, deck.json is shown as JSON text, never as a page.
    const shown = await page.goto(`${site.url}/decks/hostile/deck.json`);
    expect(shown?.headers()['content-type']).toMatch(/^application\/json/);
    expect(await riskyNodes(page)).toEqual([]);
    expect(trap.fired).toEqual([]);
  });
});
