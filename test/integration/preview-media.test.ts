import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PreviewRun, sleep, startPreviewWith, until } from '../browser/support/preview.js';

/**
 * `lectern preview` serves a lecture's images and math as `lectern render` writes them, and follows
 * the image files: the lecture is named as a file, so its figures' folder is watched for its sake.
 */

const svg = (width: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20"><rect width="${width}" height="20"/></svg>`;

const LECTURE = `id: figures
title: "Figures"
sections:
  - title: "One"
    slides:
      - kind: image
        title: "A chart"
        src: figs/chart.svg
        alt: "A chart"
        notes: "N."
      - kind: math
        title: "A formula"
        tex: "e^{i\\\\pi} + 1 = 0"
        notes: "N."
`;

let run: PreviewRun;
beforeAll(async () => {
  run = await startPreviewWith({ 'deck.yaml': LECTURE, 'figs/chart.svg': svg(40) }, ['deck.yaml']);
});
afterAll(async () => {
  await run?.close();
});

const get = (path: string) => fetch(`${run.preview.url}${path}`);
const deckPage = async () => (await get('/figures/')).text();
const imageSrc = (html: string) => /<img src="([^"]+)"/.exec(html)?.[1];

/** The next change event the preview sends. */
async function nextChange(): Promise<{ changed: string[] }> {
  const response = await get('/_preview/events');
  const reader = response.body?.getReader();
  if (!reader) throw new Error('no event stream');
  let text = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('the event stream ended');
      text += new TextDecoder().decode(value);
      const data = /event: change\ndata: (.*)\n\n/.exec(text)?.[1];
      if (data) return JSON.parse(data) as { changed: string[] };
    }
  } finally {
    await reader.cancel();
  }
}

describe('lectern preview: images and math', () => {
  it('serves the image at the URL the deck links, byte for byte, and the math style and fonts', async () => {
    const html = await deckPage();
    const src = imageSrc(html);
    expect(src).toMatch(/^\.\.\/media\/[0-9a-f]{16}\.svg$/);
    const image = await get(`/figures/${src}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    expect(await image.text()).toBe(svg(40));
    expect(html).toContain('<link rel="stylesheet" href="math.css" data-lectern-math>');
    expect(html).toContain('class="katex"');
    expect((await get('/figures/math.css')).status).toBe(200);
    expect((await get('/assets/katex/katex.min.css')).status).toBe(200);
    expect((await get('/media/0000000000000000.svg')).status).toBe(404);
  });

  it('renders the deck again when its image is edited, and tells the tabs', async () => {
    const before = imageSrc(await deckPage());
    const change = nextChange();
    await sleep(100); // the stream is open before the save
    writeFileSync(join(run.dir, 'figs/chart.svg'), svg(80));
    expect((await change).changed).toContain('/figures/');
    const after = imageSrc(await deckPage());
    expect(after).not.toBe(before);
    expect(await (await get(`/figures/${after}`)).text()).toBe(svg(80));
    // The old name no longer matches the file's bytes: not served as if it did.
    expect((await get(`/figures/${before}`)).status).toBe(404);
  });

  it('shows a missing image as an error, the deck again once the file is back, and follows it from then on', async () => {
    rmSync(join(run.dir, 'figs'), { recursive: true });
    await until('the error page', async () =>
      (await deckPage()).includes('does not exist') ? true : undefined,
    );
    mkdirSync(join(run.dir, 'figs'));
    writeFileSync(join(run.dir, 'figs/chart.svg'), svg(60));
    const html = await until('the deck', async () => {
      const page = await deckPage();
      return page.includes('class="reveal"') ? page : undefined;
    });
    expect(await (await get(`/figures/${imageSrc(html)}`)).text()).toBe(svg(60));
    // The folder came back: it is watched again.
    writeFileSync(join(run.dir, 'figs/chart.svg'), svg(70));
    const src = await until('the edit', async () => {
      const now = imageSrc(await deckPage());
      return now !== imageSrc(html) ? now : undefined;
    });
    expect(await (await get(`/figures/${src}`)).text()).toBe(svg(70));
  });
});
