import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, enterToken, launchChromium, type Site, startSite, watchPage } from './support.js';

const FIGURES = resolve('test/fixtures/media/figures');
const LECTURE = `id: two-figures
title: Two figures
sections:
  - title: Figures
    slides:
      - kind: image
        src: figures/chart.svg
        alt: Three bars
        notes: An SVG.
      - kind: image
        src: "figures/block.jpg"
        alt: A blue block
        notes: A JPEG.
`;

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite('figures-browser-token'), launchChromium()]);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe("the instructors' page with a lecture's figures", () => {
  it('uploads the two figures first, publishes the lecture, and the deck shows them', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    // The live preview draws the lecture before its figures are uploaded: their images are missing
    // there (404), and nothing else may be.
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(new URL(response.url()).pathname);
    });
    await page.goto(`${site.url}/`);
    await enterToken(page, site.token);
    await page.getByLabel('Lecture text').fill(LECTURE);
    await page.getByRole('button', { name: 'Validate' }).click();
    const result = page.locator('#result');
    // Not on the site yet: a warning, not an error, since they go up with the lecture.
    await expect.poll(() => result.textContent()).toMatch(/^No errors, 2 warnings/);

    await page
      .getByLabel('Image files')
      .setInputFiles([
        resolve(FIGURES, 'chart.svg'),
        resolve(FIGURES, 'block.jpg'),
        resolve(FIGURES, 'dot.png'),
      ]);
    await expect.poll(() => page.locator('#figure-summary').textContent()).toBe('3 figures chosen.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toMatch(/^Published: two-figures/);
    const lines = page.getByRole('list', { name: 'Figures' }).getByRole('listitem');
    expect(await lines.allTextContents()).toEqual([
      'figures/chart.svg uploaded.',
      'figures/block.jpg uploaded.',
    ]);
    expect(await page.locator('#figure-summary').textContent()).toBe('Figures: 2 of 2 ready.');

    // The deck shows both, as the browser decoded them from the site.
    const deck = await context.newPage();
    const deckProblems = watchPage(deck);
    await deck.goto(`${site.url}/decks/two-figures/`);
    const images = deck.locator('.reveal .slides img');
    await expect.poll(() => images.count()).toBe(2);
    const sizes = await images.evaluateAll(async (nodes) =>
      Promise.all(
        (nodes as HTMLImageElement[]).map(async (image) => {
          image.loading = 'eager';
          await image.decode();
          return [image.alt, image.naturalWidth, image.naturalHeight];
        }),
      ),
    );
    expect(sizes).toEqual([
      ['Three bars', 120, 60],
      ['A blue block', 8, 6],
    ]);
    const served = await (
      await fetch(new URL(await images.nth(1).evaluate((i) => (i as HTMLImageElement).src)))
    ).arrayBuffer();
    expect(Buffer.from(served).equals(readFileSync(resolve(FIGURES, 'block.jpg')))).toBe(true);

    // Published again unchanged: nothing is uploaded the second time.
    await page.getByRole('button', { name: 'Publish' }).click();
    await expect
      .poll(() => result.textContent(), { timeout: 15_000 })
      .toMatch(/^Already published, unchanged: two-figures/);
    expect(await lines.allTextContents()).toEqual([
      'figures/chart.svg already on the site.',
      'figures/block.jpg already on the site.',
    ]);
    expect(
      missing.filter((path) => !/^\/(media\/[0-9a-f]{16}|figures\/(chart|block))\.(svg|jpg)$/.test(path)),
    ).toEqual([]);
    expect(problems.filter((problem) => !problem.includes('status of 404'))).toEqual([]);
    expect(problems.length).toBeLessThanOrEqual(missing.length);
    expect(deckProblems).toEqual([]);
    await context.close();
  });

  it('says which figure failed and why, and publishes nothing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.url}/`);
    await enterToken(page, site.token);
    await page
      .getByLabel('Lecture text')
      .fill(LECTURE.replace('two-figures', 'bad-figures').replace('figures/block.jpg', 'figures/onload.svg'));
    await page
      .getByLabel('Image files')
      .setInputFiles([resolve(FIGURES, 'chart.svg'), resolve('test/fixtures/svg/hostile/onload.svg')]);
    await page.getByRole('button', { name: 'Publish' }).click();
    const result = page.locator('#result');
    await expect
      .poll(() => result.textContent(), { timeout: 15_000 })
      .toMatch(/^One figure could not be sent/);
    const lines = page.getByRole('list', { name: 'Figures' }).getByRole('listitem');
    const texts = await lines.allTextContents();
    expect(texts[0]).toBe('figures/chart.svg already on the site.');
    expect(texts[1]).toMatch(
      /^figures\/onload\.svg failed: The file was not stored: .*event-handler attribute/,
    );
    expect((await site.api('GET', '/api/decks/bad-figures')).status).toBe(404);
    await context.close();
  });

  it('previews a picked PNG before it is uploaded, from the file itself, and stores nothing', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watchPage(page);
    await page.goto(`${site.url}/`);
    await enterToken(page, site.token);
    await page
      .getByLabel('Image files')
      .setInputFiles([resolve(FIGURES, 'dot.png'), resolve(FIGURES, 'chart.svg')]);
    await page.getByLabel('Lecture text').fill(
      `id: picked-figure
title: Picked figure
sections:
  - title: Figures
    slides:
      - kind: image
        src: figures/dot.png
        alt: A dot
      - kind: image
        src: figures/chart.svg
        alt: Three bars
`,
    );
    const frame = page.frameLocator('#preview-frame');
    const dot = frame.getByAltText('A dot');
    await expect
      .poll(
        () =>
          dot
            .evaluate(
              (image) => {
                const img = image as HTMLImageElement;
                return img.complete ? [img.src.slice(0, 22), img.naturalWidth > 0] : undefined;
              },
              { timeout: 1_000 },
            )
            .catch(() => undefined),
        { timeout: 15_000 },
      )
      .toEqual(['data:image/png;base64,', true]);
    // An SVG is shown once the site has checked it, on upload: not from the picked file.
    expect(await frame.getByAltText('Three bars').getAttribute('src')).toBe('figures/chart.svg');
    expect((await site.api('GET', '/api/decks/picked-figure')).status).toBe(404);
    expect(problems.filter((problem) => !problem.includes('status of 404'))).toEqual([]);
    await context.close();
  });
});
