import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lectureFixed, lectureWithError } from './lectures.js';
import {
  type Browser,
  type BrowserContext,
  enterToken,
  launchChromium,
  type Site,
  seriousViolations,
  startSite,
} from './support.js';

let site: Site;
let browser: Browser;
// axe-core is injected as an inline script, which the site's CSP rightly refuses: only this context bypasses it.
let context: BrowserContext;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite('axe-token'), launchChromium()]);
  context = await browser.newContext({ bypassCSP: true });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('the instructor page under axe-core', () => {
  it('has no serious or critical violations before signing in', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    await page.getByText('Sign in with the token above to see the decks.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('has none with decks listed', async () => {
    for (const id of ['axe-one', 'axe-two']) {
      expect((await site.api('POST', '/api/decks', lectureFixed(id))).status).toBe(201);
    }
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    await enterToken(page, site.token);
    await page.getByText('2 decks.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('has none with errors and warnings shown, nor after a syntax error', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    await enterToken(page, site.token);
    await page.getByLabel('Lecture text').fill(lectureWithError('axe-errors'));
    await page.getByRole('button', { name: 'Validate' }).click();
    await page
      .locator('#result')
      .getByText(/^1 error/)
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel('Lecture text').fill('id: axe\ntitle: [unclosed\n');
    await page.getByRole('button', { name: 'Validate' }).click();
    await page
      .locator('#result')
      .getByText(/could not be read/)
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });
});
