import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lectureFixed } from './lectures.js';
import { type Browser, enterToken, launchChromium, type Site, startSite, watchPage } from './support.js';

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite('history-test-token-0123'), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("a deck's history on the instructors' page", () => {
  it('lists the versions, and restores one only after a confirmation', async () => {
    const first = await site.api('PUT', '/api/decks/history-deck', lectureFixed('history-deck'));
    const second = await site.api(
      'PUT',
      '/api/decks/history-deck',
      lectureFixed('history-deck').replace('slowly and with examples', 'quickly'),
    );
    const v1 = (first.body as { version: string }).version;
    const v2 = (second.body as { version: string }).version;
    expect(v1).not.toBe(v2);

    const page = await browser.newPage();
    const problems = watchPage(page);
    await page.goto(`${site.url}/`);
    await enterToken(page, site.token);
    await page.getByRole('button', { name: 'History of Browser lecture history-deck' }).click();
    const versions = page.getByRole('list', { name: 'Versions of Browser lecture history-deck' });
    await expect.poll(() => versions.getByRole('listitem').count()).toBe(2);
    expect(await versions.getByRole('listitem').first().textContent()).toContain('(current)');
    const restore = page.getByRole('button', {
      name: `Restore version ${v1} of Browser lecture history-deck`,
    });

    // Declining the confirmation changes nothing.
    page.once('dialog', (dialog) => dialog.dismiss());
    await restore.click();
    const current = async () =>
      ((await site.api('GET', '/api/decks/history-deck')).body as { version: string }).version;
    expect(await current()).toBe(v2);

    page.once('dialog', (dialog) => dialog.accept());
    await restore.click();
    await expect.poll(() => versions.getByRole('listitem').count()).toBe(3);
    expect(await current()).toBe(v1);
    expect(await versions.getByRole('listitem').first().textContent()).toMatch(
      new RegExp(`${v1} restored .*\\(current\\)`),
    );
    expect(await page.getByRole('region', { name: 'Decks' }).getByRole('status').textContent()).toContain(
      `Restored version ${v1}`,
    );
    expect(problems).toEqual([]);
  });
});
