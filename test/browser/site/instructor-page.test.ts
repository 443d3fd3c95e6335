import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/temp-dir.js';
import { BROKEN_LINE, lectureFixed, lectureWithError } from './lectures.js';
import { type Browser, enterToken, launchChromium, type Site, startSite, watchPage } from './support.js';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite(), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the instructor page, used as a person would', () => {
  it('takes the token, shows an error at its line, publishes the fix, opens the deck three ways and deletes it', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${site.url}/`);

    const decks = page.getByRole('region', { name: 'Decks' });
    await expect.poll(() => decks.getByRole('status').textContent()).toMatch(/token/i);

    // A mistyped token is refused, and the page says so next to the field.
    await enterToken(page, 'not-the-token');
    await expect
      .poll(() => page.getByRole('region', { name: 'Access' }).getByRole('status').textContent())
      .toMatch(/did not accept the token/);
    await enterToken(page, site.token);
    await expect.poll(() => decks.getByRole('status').textContent()).toBe('No decks yet: publish one below.');
    expect(await page.getByRole('region', { name: 'Access' }).getByRole('status').textContent()).toMatch(
      /^Signed in as admin until /,
    );
    // The page keeps no copy of the token: it is in no storage script can read, only in an HttpOnly cookie.
    expect(await page.evaluate(() => [document.cookie, sessionStorage.length, localStorage.length])).toEqual([
      '',
      0,
      0,
    ]);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({
      name: 'lectern_session',
      path: '/api/',
      httpOnly: true,
      sameSite: 'Strict',
    });
    expect(cookie?.value).not.toContain(site.token);

    // A reload keeps the sign-in: the cookie outlives the page.
    await page.reload();
    await expect.poll(() => decks.getByRole('status').textContent()).toBe('No decks yet: publish one below.');

    // Paste a lecture with an error and validate it.
    const text = page.getByLabel('Lecture text');
    await text.fill(lectureWithError('browser-flow'));
    await page.getByRole('button', { name: 'Validate' }).click();
    const result = page.locator('#result');
    await expect.poll(() => result.textContent()).toMatch(/^1 error/);
    const problemList = page.getByRole('list', { name: 'Problems found' });
    const error = problemList.getByRole('listitem').first();
    expect(await error.textContent()).toContain('bulets');
    // The line number is shown, the error is marked in the text at its line, and the editor says it is invalid.
    const jump = error.getByRole('button', { name: new RegExp(`^Line ${BROKEN_LINE}\\b`) });
    expect(await jump.isVisible()).toBe(true);
    expect(await error.textContent()).toContain(`${BROKEN_LINE} │         kind: bulets`);
    const marked = page.locator('.cm-lintRange-error');
    expect(await marked.textContent()).toBe('kind:');
    expect(
      await marked.evaluate((mark) => {
        const line = mark.closest('.cm-line');
        return line ? [...(line.parentElement?.children ?? [])].indexOf(line) + 1 : -1;
      }),
    ).toBe(BROKEN_LINE);
    expect(await page.locator('.cm-lint-marker-error').count()).toBe(1);
    expect(await text.getAttribute('aria-invalid')).toBe('true');

    // The line button selects the faulty line in the editor, from the error's column.
    await jump.click();
    const selected = await page.evaluate(() => {
      const root = document.activeElement?.shadowRoot as ShadowRoot & { getSelection?(): Selection | null };
      return {
        focused: root?.activeElement?.getAttribute('aria-label'),
        text: root?.getSelection?.()?.toString() ?? '',
      };
    });
    expect(selected.focused).toBe('Lecture text');
    expect(selected.text).toBe('kind: bulets');

    // Fix it, validate again, publish.
    await text.fill(lectureFixed('browser-flow'));
    expect(await text.getAttribute('aria-invalid')).toBeNull();
    await expect.poll(() => page.locator('.cm-lint-marker-error').count()).toBe(0);
    expect(await marked.count()).toBe(0);
    await page.getByRole('button', { name: 'Validate' }).click();
    await expect.poll(() => result.textContent()).toMatch(/^No errors/);
    await page.getByRole('button', { name: 'Publish' }).click();
    // The first publish also loads the PowerPoint writer: more than expect.poll's default second on a busy machine.
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toMatch(/^Published: browser-flow/);

    // The deck is listed, with its three links and a delete button.
    const row = decks.getByRole('row', { name: /Browser lecture browser-flow/ });
    await row.waitFor();
    expect(await decks.getByRole('status').textContent()).toBe('1 deck.');
    const present = row.getByRole('link', { name: 'Present' });
    const speaker = row.getByRole('link', { name: 'Speaker view' });
    const handout = row.getByRole('link', { name: 'Handout' });
    expect(await present.getAttribute('href')).toBe('decks/browser-flow/');
    expect(await handout.getAttribute('href')).toBe('decks/browser-flow/handout.html');
    const pptx = row.getByRole('link', { name: 'PowerPoint' });
    expect(await pptx.getAttribute('href')).toBe('decks/browser-flow/deck.pptx');
    // The single-file page downloads under the deck's name, and presents from disk with no network.
    const single = row.getByRole('link', { name: 'Single file' });
    expect(await single.getAttribute('href')).toBe('decks/browser-flow/deck.html');
    const [download] = await Promise.all([page.waitForEvent('download'), single.click()]);
    expect(download.suggestedFilename()).toBe('browser-flow.html');
    const saved = join(tempDir('single-download'), 'browser-flow.html');
    await download.saveAs(saved);
    const offline = await browser.newContext();
    const refused: string[] = [];
    await offline.route(/^(?!file:|data:)/, (route) => {
      refused.push(route.request().url());
      return route.abort();
    });
    const disk = await offline.newPage();
    await disk.goto(pathToFileURL(saved).href, { waitUntil: 'load' });
    await disk.waitForFunction(() =>
      (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
    );
    expect(await disk.locator('.reveal .slides section').first().textContent()).toContain(
      'Browser lecture browser-flow',
    );
    expect(refused).toEqual([]);
    await offline.close();
    // Speaker view is the deck's own ?speaker, as on the course page: in a new tab too, it opens the speaker view.
    expect(await speaker.getAttribute('href')).toBe('decks/browser-flow/?speaker');

    await present.click();
    // The deck's address redirects to its current version, where the deck itself lives.
    await page.waitForURL(/\/decks\/browser-flow\/v\/[a-z0-9]+\/$/);
    await page.waitForFunction(() =>
      (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
    );
    expect(await page.locator('.reveal .slides section').first().textContent()).toContain(
      'Browser lecture browser-flow',
    );
    await page.goBack();

    // Speaker view: the deck opens, and it opens the notes window by itself, then drops ?speaker.
    const [notesWindow] = await Promise.all([context.waitForEvent('page'), speaker.click()]);
    await page.waitForURL((url) => /^\/decks\/browser-flow\/v\/[a-z0-9]+\/$/.test(url.pathname));
    await notesWindow.waitForLoadState();
    await expect
      .poll(() => notesWindow.evaluate(() => document.title), { timeout: 10_000 })
      .toMatch(/Speaker View/);
    await expect.poll(() => notesWindow.evaluate(() => document.querySelectorAll('iframe').length)).toBe(2);
    expect(new URL(page.url()).search).toBe('');
    await notesWindow.close();
    await page.goBack();

    await handout.click();
    await page.waitForURL(/\/decks\/browser-flow\/v\/[a-z0-9]+\/handout\.html$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Browser lecture browser-flow',
    );
    expect(await page.locator('body').textContent()).toContain('Speak about the first slide');
    await page.goBack();

    // Delete, with a confirmation that names the deck; cancelling keeps it.
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await decks.getByRole('button', { name: 'Delete Browser lecture browser-flow' }).click();
    expect(dialogs[0]).toContain('Browser lecture browser-flow');
    expect(await row.count()).toBe(1);
    page.once('dialog', (dialog) => void dialog.accept());
    await decks.getByRole('button', { name: 'Delete Browser lecture browser-flow' }).click();
    await expect.poll(() => row.count()).toBe(0);
    expect(await decks.getByRole('status').textContent()).toMatch(/Deleted "Browser lecture browser-flow"/);
    expect((await site.api('GET', '/api/decks/browser-flow')).status).toBe(404);

    // Signing out clears the cookie; the page asks for the token again, and so does a reload.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect
      .poll(() => decks.getByRole('status').textContent())
      .toBe('Sign in with the token above to see the decks.');
    expect(await context.cookies()).toEqual([]);
    await page.reload();
    await expect
      .poll(() => decks.getByRole('status').textContent())
      .toBe('Sign in with the token above to see the decks.');

    // The only thing the browser logged is the API's answer to the mistyped token.
    // Chromium ends a download's request as failed (aborted): the single file's is expected.
    expect(problems.filter((p) => !/^requestfailed: .*\/deck\.html$/.test(p))).toEqual([
      'console: Failed to load resource: the server responded with a status of 401 (Unauthorized)',
    ]);
    await context.close();
  });

  it('opens the speaker view from its link even with the pop-up blocker on', async () => {
    expect((await site.api('POST', '/api/decks', lectureFixed('speaker-deck'))).status).toBe(201);
    const strict = await launchChromium({ popupBlocker: true });
    try {
      const context = await strict.newContext();
      const page = await context.newPage();
      const problems = watchPage(page);

      // Without a click, a deck opened with ?speaker has its speaker window blocked, and offers a button.
      const alone = await context.newPage();
      await alone.goto(`${site.url}/decks/speaker-deck/?speaker`, { waitUntil: 'load' });
      await alone.getByRole('button', { name: 'Open the speaker view' }).waitFor();
      expect(context.pages()).toHaveLength(2);
      await alone.close();

      await page.goto(`${site.url}/`);
      await enterToken(page, site.token);
      const row = page.getByRole('row', { name: /Browser lecture speaker-deck/ });
      const [speakerWindow] = await Promise.all([
        context.waitForEvent('page'),
        row.getByRole('link', { name: 'Speaker view' }).click(),
      ]);
      await page.waitForURL((url) => /^\/decks\/speaker-deck\/v\/[a-z0-9]+\/$/.test(url.pathname));
      // The deck fills the window the click opened: the speaker view with the current and next slide.
      await expect
        .poll(() => speakerWindow.evaluate(() => document.title), { timeout: 10_000 })
        .toMatch(/Speaker View/);
      await expect
        .poll(() => speakerWindow.evaluate(() => document.querySelectorAll('iframe').length))
        .toBe(2);
      await page.evaluate(() => (window as unknown as { Reveal: { next(): void } }).Reveal.next());
      await page.evaluate(() => (window as unknown as { Reveal: { next(): void } }).Reveal.next());
      await expect
        .poll(() =>
          speakerWindow.evaluate(() => document.querySelector('.speaker-controls-notes')?.textContent),
        )
        .toContain('Speak about the first slide');
      // No button offered: the window the click opened was found and filled.
      expect(await page.locator('.lectern-speaker-button').count()).toBe(0);
      expect(problems).toEqual([]);
    } finally {
      await strict.close();
    }
  });
});
