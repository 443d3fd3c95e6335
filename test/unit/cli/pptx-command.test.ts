import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openPptx, paragraphs, texts } from '../pptx/pptx-helpers.js';
import { BAD_CITE, GOOD, lectern, workspace } from './cli-helpers.js';

// A 3×2 PNG: its aspect must survive into the slide.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAADwx6tWAAAAEklEQVR42mP8z8AARAxMDAwMAB4iAgL2aSd7AAAAAElFTkSuQmCC',
  'base64',
);
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>';

const IMAGES = `id: pictures
title: Pictures
sections:
  - title: One
    slides:
      - kind: image
        src: figs/map.png
        alt: "A map of Korea, 1950"
        caption: "The front in September"
        credit: "Drawn for the course"
      - kind: image
        src: figs/bar.svg
        alt: "A bar chart"
      - kind: image
        src: https://example.org/photo.jpg
        alt: "A photograph"
`;

describe('lectern pptx', () => {
  it('embeds a local image byte for byte, at its aspect, with its alt text as description', async () => {
    const dir = workspace({ 'l.yaml': IMAGES, 'figs/map.png': PNG, 'figs/bar.svg': SVG });
    const run = await lectern(dir, 'pptx', 'l.yaml', '--out', 'out/l.pptx');
    expect(run.stderr).toBe('l.yaml → out/l.pptx');
    expect(run.code).toBe(0);
    const pptx = await openPptx(readFileSync(join(dir, 'out', 'l.pptx')));
    const media = Object.keys(pptx.zip.files).filter((p) => p.startsWith('ppt/media/') && !p.endsWith('/'));
    // The PNG as it is; the SVG as itself, with a PNG drawn from it for suites that cannot draw SVG.
    expect(media).toHaveLength(3);
    const files = await Promise.all(media.map((m) => pptx.zip.file(m)?.async('nodebuffer')));
    expect(files.some((bytes) => bytes?.equals(PNG))).toBe(true);
    expect(files.some((bytes) => bytes?.toString('utf8') === SVG)).toBe(true);
    const drawn = files.filter((bytes) => bytes && !bytes.equals(PNG) && bytes.toString('utf8') !== SVG);
    expect(drawn.map((bytes) => bytes?.subarray(1, 4).toString('latin1'))).toEqual(['PNG']);
    const picture = pptx.slides[2] as string;
    expect(picture).toMatch(/<p:cNvPr [^>]*descr="A map of Korea, 1950"/);
    const ext = /<p:pic>[\s\S]*?<a:ext cx="(\d+)" cy="(\d+)"/.exec(picture);
    expect(Number(ext?.[1]) / Number(ext?.[2])).toBeCloseTo(1.5, 2);
    expect(paragraphs(picture)).toContain('The front in September — Drawn for the course');
    // The SVG is a picture too; a remote image is named, never fetched
    expect(pptx.slides[3]).toMatch(/<p:cNvPr [^>]*descr="A bar chart"/);
    expect(pptx.slides[4]).toMatch(/<a:hlinkClick r:id="rId\d+"/);
    expect(texts(pptx.slides[4] as string)).toEqual(['A photograph', 'https://example.org/photo.jpg']);
  });

  it('draws a math slide’s formula as a picture whose description is its TeX', async () => {
    const dir = workspace({});
    copyFileSync(join(import.meta.dirname, '../../fixtures/lectures/math.yaml'), join(dir, 'math.yaml'));
    const run = await lectern(dir, 'pptx', 'math.yaml', '--out', 'math.pptx');
    expect(run.code).toBe(0);
    const pptx = await openPptx(readFileSync(join(dir, 'math.pptx')));
    const math = pptx.slides[3] as string;
    expect(math).toContain('descr="t_{2} = \\frac{\\ln 2}{\\ln (1 + g)} \\approx \\frac{70}{100\\,g}"');
    expect(math).toMatch(/<p:pic>/);
    expect(texts(pptx.slides[0] as string).join('')).toBe('Growth and e');
  });

  it('writes nothing for a lecture with errors and names the file, line and path', async () => {
    const dir = workspace({ 'bad.yaml': BAD_CITE });
    const run = await lectern(dir, 'pptx', 'bad.yaml', '--out', 'bad.pptx');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.yaml:13:\d+ {2}sections\[0\]\.slides\[0\]\.cite\[0\]/);
    expect(existsSync(join(dir, 'bad.pptx'))).toBe(false);
  });

  it('answers a usage mistake with exit 2 and its help', async () => {
    const dir = workspace({ 'good.yaml': GOOD });
    const noOut = await lectern(dir, 'pptx', 'good.yaml');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/pptx needs --out <file\.pptx>[\s\S]*Usage: lectern pptx/);
    expect((await lectern(dir, 'pptx', 'a.yaml', 'b.yaml', '--out', 'x.pptx')).code).toBe(2);
    expect((await lectern(dir, 'help', 'pptx')).stdout).toMatch(
      /^Usage: lectern pptx <file> --out <file\.pptx>/,
    );
  });
});

describe('lectern render --pptx', () => {
  it('writes deck.pptx beside each deck’s index.html, with the deck’s slide count', async () => {
    const dir = workspace({ 'good.yaml': GOOD, 'other.yaml': GOOD.replace('good-deck', 'other-deck') });
    const run = await lectern(dir, 'render', 'good.yaml', 'other.yaml', '--out', 'out', '--pptx', '--quiet');
    expect(run.code).toBe(0);
    for (const id of ['good-deck', 'other-deck']) {
      const manifest = JSON.parse(readFileSync(join(dir, 'out', id, 'deck.json'), 'utf8'));
      const pptx = await openPptx(readFileSync(join(dir, 'out', id, 'deck.pptx')));
      expect(pptx.slides).toHaveLength(manifest.slides);
    }
    // the course page links each file, to download under the deck's id
    const page = readFileSync(join(dir, 'out', 'index.html'), 'utf8');
    expect(page).toMatch(
      /<a href="good-deck\/deck.pptx" download="good-deck.pptx" title="[^"]+">PowerPoint<\/a>/,
    );
    expect(page).not.toContain('deck.html');
    const plain = await lectern(dir, 'render', 'good.yaml', 'other.yaml', '--out', 'plain', '--quiet');
    expect(plain.code).toBe(0);
    expect(existsSync(join(dir, 'plain', 'good-deck', 'deck.pptx'))).toBe(false);
    expect(readFileSync(join(dir, 'plain', 'index.html'), 'utf8')).not.toContain('deck.pptx');
  });
});
