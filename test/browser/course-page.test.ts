import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CliIo } from '../../lambdas/cli/io.js';
import { runCli } from '../../lambdas/cli/run.js';
import { serveFolder } from '../../lambdas/cli/static-server.js';
import { tempDir } from '../support/temp-dir.js';
import { launchChromium, seriousViolations } from './site/support.js';
import { launchBrowser, recordContext, serveImagesLocally } from './support/browser.js';
import { allKindsLecture, imageSources, ROOT } from './support/lectures.js';
import { type Site, startSite } from './support/site.js';

// The course page that `lectern render content/` writes, as an instructor opens it, and the
// "Speaker view" link it carries (`?speaker`), with and without a pop-up blocker.

const COURSE_FILE = join(ROOT, 'content', 'cold-war', 'course.yaml');

async function render(out: string): Promise<number> {
  const quiet = () => {};
  const io: CliIo = { out: quiet, err: quiet, interactive: false, cwd: ROOT };
  return runCli(['render', 'content', '--out', out, '--quiet'], io);
}

describe('the course page', () => {
  let browser: Browser;
  let folder: { url: string; close(): Promise<void> };

  beforeAll(async () => {
    const out = tempDir('course');
    expect(await render(out)).toBe(0);
    folder = await serveFolder(out);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await folder?.close();
  });

  it('lists the course lectures in order with title, slide count and duration, and opens a deck', async () => {
    const course = parse(readFileSync(COURSE_FILE, 'utf8')) as { lectures: string[] };
    const titles = course.lectures.map(
      (file) =>
        (parse(readFileSync(join(ROOT, 'content', 'cold-war', file), 'utf8')) as { title: string }).title,
    );
    const context = await browser.newContext();
    const rec = recordContext(context, folder.url);
    const page = await context.newPage();
    await page.goto(`${folder.url}/`);
    const cards = page.locator('.deck-card');
    expect(await cards.locator('h3 a').allTextContents()).toEqual(titles);
    for (const card of await cards.all()) {
      expect(await card.locator('.deck-slides').textContent()).toMatch(/^\d+ slides$/);
      expect(await card.locator('.deck-duration').textContent()).toMatch(/^\d+ min$/);
      expect((await card.locator('.deck-subtitle').textContent())?.length).toBeGreaterThan(0);
    }
    await page.getByRole('link', { name: 'Present' }).first().click();
    await page.waitForFunction(() =>
      (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
    );
    expect(await page.title()).toBe(titles[0]);
    expect(rec.errors).toEqual([]);
    expect(rec.foreign()).toEqual([]);
    await context.close();
  });

  it('has no serious or critical accessibility violation', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${folder.url}/`);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('?speaker on a deck', () => {
  let site: Site;
  const lecture = allKindsLecture();

  beforeAll(async () => {
    site = await startSite([lecture]);
  });

  afterAll(async () => {
    await site?.close();
  });

  it('opens the speaker view once the deck is ready, and drops ?speaker from the address', async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      const rec = recordContext(context, site.url, imageSources(lecture));
      await serveImagesLocally(context, imageSources(lecture));
      const page = await context.newPage();
      const popup = context.waitForEvent('page');
      await page.goto(`${site.url}/decks/all-kinds/?speaker`);
      const speaker = await popup;
      await speaker.waitForSelector('.speaker-controls-notes', { state: 'attached' });
      expect(new URL(page.url()).search).toBe('');
      expect(await page.locator('.lectern-speaker-button').count()).toBe(0);
      expect(rec.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('with a pop-up blocker, keeps the deck running and offers a button that opens it', async () => {
    const browser = await launchChromium({ popupBlocker: true });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${site.url}/decks/all-kinds/?speaker`);
      await page.waitForFunction(() =>
        (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
      );
      const button = page.getByRole('button', { name: 'Open the speaker view' });
      await expect.poll(() => button.count()).toBe(1);
      await page.keyboard.press('ArrowRight');
      expect(
        await page.evaluate(
          () => (window as unknown as { Reveal: { getIndices(): { h: number } } }).Reveal.getIndices().h,
        ),
      ).toBe(1);
      const popup = context.waitForEvent('page');
      await button.click();
      const speaker = await popup;
      await speaker.waitForSelector('.speaker-controls-notes', { state: 'attached' });
      expect(await button.count()).toBe(0);
    } finally {
      await browser.close();
    }
  });
});
