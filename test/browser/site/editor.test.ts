import { existsSync, readFileSync } from 'node:fs';
import type { Frame } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_LINE, lectureWithError } from './lectures.js';
import {
  type Browser,
  type BrowserContext,
  enterToken,
  launchChromium,
  type Page,
  type Site,
  seriousViolations,
  startSite,
  watchPage,
} from './support.js';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  // The page loads the bundled editor: without `npm run build` there is nothing to test.
  if (!existsSync(new URL('../../../templates/site/code-editor.js', import.meta.url))) {
    throw new Error('templates/site/code-editor.js is missing: run `npm run build` first');
  }
  [site, browser] = await Promise.all([startSite('editor-token'), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

/** A lecture of four slides after its title slide; `second` is the second slide's title. */
function fourSlides(id: string, second = 'Second slide'): string {
  return `id: ${id}
title: "Preview lecture ${id}"
sections:
  - title: "Opening"
    slides:
      - title: "First slide"
        points: ["One", "Two"]
      - title: "${second}"
        points: ["Three"]
      - kind: quote
        text: "A quotation."
        by: "Someone"
`;
}

async function openPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(`${site.url}/`);
  await enterToken(page, site.token);
  await page.getByText('No decks yet: publish one below.').waitFor();
  return { page, problems };
}

const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Lecture text' });

/** The preview frame's document, once it holds a ready deck whose slides contain `text`. */
async function previewShowing(page: Page, text: string): Promise<Frame> {
  await expect
    .poll(
      async () => {
        const frame = await (await page.locator('#preview-frame').elementHandle())?.contentFrame();
        return frame
          ?.locator('.reveal.ready .slides')
          .textContent({ timeout: 500 })
          .catch(() => '');
      },
      { timeout: 10_000 },
    )
    .toContain(text);
  const frame = await (await page.locator('#preview-frame').elementHandle())?.contentFrame();
  if (!frame) throw new Error('no preview frame');
  return frame;
}

/** reveal.js's indices in the preview frame (evaluated through the debugger, not under the deck's CSP). */
function indices(frame: Frame) {
  return frame.evaluate(() =>
    (window as unknown as { Reveal: { getIndices(): object } }).Reveal.getIndices(),
  );
}

describe('the instructors’ page editor and its live preview', () => {
  it('previews what is typed without publishing, and keeps the slide shown across an edit', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context);
    await editorOf(page).fill(fourSlides('live-one'));

    const first = await previewShowing(page, 'Preview lecture live-one');
    expect(await page.locator('#preview-status').textContent()).toMatch(/^Preview: \d+ slides/);
    // Go to the third slide inside the preview, as a person would: click into it and press the arrow keys.
    await page.locator('#preview-frame').click();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => indices(first)).toMatchObject({ h: 2, v: 0 });
    await first.evaluate(() => {
      (window as unknown as { __sameLoad?: boolean }).__sameLoad = true;
    });

    // An edit to another slide goes into the running deck (no reload), which stays on its slide.
    await editorOf(page).fill(fourSlides('live-one', 'Second slide, renamed'));
    const again = await previewShowing(page, 'Second slide, renamed');
    await expect.poll(() => indices(again)).toMatchObject({ h: 2, v: 0 });
    expect(await again.locator('.slides section.present h2').textContent()).toBe('First slide');
    expect(await again.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad)).toBe(true);

    // A new theme changes the page around the slides: the frame loads it afresh, on the same slide.
    await editorOf(page).fill(
      fourSlides('live-one', 'Second slide, renamed').replace('sections:', 'theme: dark\nsections:'),
    );
    await expect
      .poll(async () =>
        (await previewShowing(page, 'Second slide, renamed')).evaluate(() => ({
          reloaded: !(window as unknown as { __sameLoad?: boolean }).__sameLoad,
          dark: Boolean(document.querySelector('link[href$="themes/dark.css"]')),
        })),
      )
      .toEqual({ reloaded: true, dark: true });
    const themed = await previewShowing(page, 'Second slide, renamed');
    await expect.poll(() => indices(themed)).toMatchObject({ h: 2, v: 0 });

    // Nothing was stored: the preview is not a publish.
    expect((await site.api('GET', '/api/decks')).body).toMatchObject({ decks: [] });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('marks an error inline at its line, shows it instead of the deck, and brings the deck back when fixed', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context);
    const editor = editorOf(page);
    await editor.fill(lectureWithError('live-error'));

    const underline = page.locator('.cm-lintRange-error');
    await underline.waitFor();
    expect(await underline.textContent()).toBe('kind:');
    // The underlined text is on the error's line: count the editor's lines up to it.
    const lineOfMark = await underline.evaluate((mark) => {
      const line = mark.closest('.cm-line');
      return line ? [...(line.parentElement?.children ?? [])].indexOf(line) + 1 : -1;
    });
    expect(lineOfMark).toBe(BROKEN_LINE);
    expect(await page.locator('.cm-lint-marker-error').count()).toBe(1);
    expect(await editor.getAttribute('aria-invalid')).toBe('true');
    // The preview shows the error in place of the deck.
    expect(await page.locator('#preview-frame').isHidden()).toBe(true);
    expect(await page.locator('#preview-status').textContent()).toMatch(/^1 error/);
    const listed = page.getByRole('list', { name: 'Problems in the preview' }).getByRole('listitem');
    expect(await listed.first().textContent()).toContain('bulets');

    // The line button in the list puts the cursor on the error.
    await listed
      .first()
      .getByRole('button', { name: new RegExp(`^Line ${BROKEN_LINE}\\b`) })
      .click();
    await page.keyboard.insertText('kind: bullets');
    // The selection ran from the column to the line's end, so typing replaced `kind: bulets`.
    await previewShowing(page, 'Browser lecture live-error');
    expect(await underline.count()).toBe(0);
    expect(await editor.getAttribute('aria-invalid')).toBeNull();
    expect(await listed.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('offers the field names allowed at the cursor, the slide kinds after `kind:`, and help on hover', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context);
    const editor = editorOf(page);
    await editor.fill('id: completing\n');
    await editor.press('Control+End');

    await page.keyboard.type('ti');
    const list = page.getByRole('listbox');
    await list.waitFor();
    expect(await list.getByRole('option').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^title/)]),
    );
    expect(await list.getByRole('option').allTextContents()).not.toContainEqual(expect.stringMatching(/^id/));
    await page.keyboard.press('Enter');
    expect(await editor.textContent()).toContain('title: ');

    // In a slide, after `kind: `, the slide kinds.
    await editor.fill('sections:\n  - slides:\n      - title: A\n        kind: ');
    await editor.press('Control+End');
    await page.keyboard.press('Control+Space');
    await list.waitFor();
    expect(await list.getByRole('option').allTextContents()).toEqual(
      expect.arrayContaining([
        'quoteslide kind',
        'timelineslide kind',
        'imageslide kind',
        'bulletsslide kind',
      ]),
    );
    await page.keyboard.press('Escape');

    // Hovering a field explains it.
    await page.locator('.cm-line', { hasText: 'title: A' }).getByText('title').hover();
    await expect.poll(() => page.locator('.cm-lectern-help').textContent()).toMatch(/^title: text/);
    // Half-typed text the API cannot read is its 400, which the browser logs; nothing else went wrong.
    expect(problems.filter((p) => !p.includes('status of 400 (Bad Request)'))).toEqual([]);
    await context.close();
  });

  it('previews math with its own style sheet, which the page hands to the deck in its frame', async () => {
    const context = await browser.newContext();
    const { page, problems } = await openPage(context);
    await editorOf(page).fill(
      readFileSync(new URL('../../fixtures/lectures/math.yaml', import.meta.url), 'utf8'),
    );
    const frame = await previewShowing(page, 'Doubling time');
    await expect
      .poll(() =>
        frame.evaluate(() => {
          const sheet = document.adoptedStyleSheets[0];
          const rule = sheet?.cssRules[0] as CSSStyleRule | undefined;
          return {
            sheets: document.adoptedStyleSheets.length,
            styled: rule ? document.querySelectorAll(rule.selectorText).length > 0 : false,
            formulas: document.querySelectorAll('.katex').length > 0,
          };
        }),
      )
      .toEqual({ sheets: 1, styled: true, formulas: true });
    // No request for a math.css the frame has no folder for.
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lets the keyboard in and out: Tab indents, Escape then Tab leaves', async () => {
    const context = await browser.newContext();
    const { page } = await openPage(context);
    const editor = editorOf(page);
    await editor.fill('id: keys\n');
    await editor.press('Control+End');
    await page.keyboard.press('Tab');
    expect(await editor.textContent()).toBe('id: keys  ');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    // The next control after the editor (the preview holds nothing focusable while it waits) is the
    // lecture's figures.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('figure-files');
    await context.close();
  });

  it('has no serious or critical axe violations with the deck previewed and with an error marked', async () => {
    // axe-core is injected as an inline script, which the site's CSP rightly refuses: only this context bypasses it.
    const context = await browser.newContext({ bypassCSP: true });
    const { page } = await openPage(context);
    await editorOf(page).fill(fourSlides('axe-preview'));
    await previewShowing(page, 'Preview lecture axe-preview');
    expect(await seriousViolations(page)).toEqual([]);
    await editorOf(page).fill(lectureWithError('axe-preview'));
    await page.locator('.cm-lintRange-error').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
