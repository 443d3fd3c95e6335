import { describe, expect, it } from 'vitest';
import type { MediaEntry } from '../../../lambdas/core/media/media-entry.js';
import { imageSources, mayHaveImages } from '../../../lambdas/core/media/media-path.js';
import { parseLecture } from '../../../lambdas/core/parse.js';
import { checkLecture } from '../../../lambdas/core/pipeline.js';
import { colOf, deck, lineOf, MARK, SLIDE, THEMES } from './lecture-helpers.js';

const PNG: MediaEntry = { sha256: 'ab'.repeat(32), type: 'png', size: 1000, width: 10, height: 10 };
const svg = (text: string): MediaEntry => ({
  sha256: 'cd'.repeat(32),
  type: 'svg',
  size: text.length,
  bytes: Buffer.from(text),
});

function imageSlide(src: string): string {
  return deck({
    slide: `- kind: image\n  src: ${JSON.stringify(src)} ${MARK}\n  alt: "A map"\n  notes: "N."`,
  });
}

const rows: {
  name: string;
  src: string;
  entry?: MediaEntry;
  code: string;
  severity?: 'warning';
  message: RegExp;
}[] = [
  { name: 'a missing file', src: 'figs/map.png', code: 'media-missing', message: /does not exist/ },
  {
    name: 'a folder',
    src: 'figs',
    entry: { problem: 'not-a-file' },
    code: 'media-missing',
    message: /is a folder/,
  },
  {
    name: 'an unreadable file',
    src: 'figs/map.png',
    entry: { problem: 'unreadable', detail: 'EACCES' },
    code: 'media-unreadable',
    message: /cannot be read \(EACCES\)/,
  },
  {
    name: 'not an accepted type',
    src: 'figs/map.png',
    entry: { ...PNG, type: 'application/pdf' },
    code: 'media-type',
    message: /not a PNG, JPEG, GIF, WebP, AVIF or SVG image \(its bytes are application\/pdf\)/,
  },
  {
    name: 'over 20 MiB',
    src: 'figs/map.png',
    entry: { ...PNG, size: 21 * 1024 * 1024 },
    code: 'media-too-large',
    message: /21\.0 MiB; an image may be at most 20\.0 MiB/,
  },
  { name: 'an absolute path', src: '/etc/map.png', code: 'media-path', message: /not an absolute path/ },
  {
    name: 'a path climbing above the folder',
    src: 'figs/../../map.png',
    code: 'media-path',
    message: /inside the lecture's folder/,
  },
  { name: 'backslashes', src: 'figs\\map.png', code: 'media-path', message: /use \/ between folders/ },
  {
    name: 'another scheme',
    src: 'http://example.org/map.png',
    code: 'invalid-url',
    message: /https URL or a path relative/,
  },
  {
    name: 'a script scheme',
    src: 'javascript:alert(1)',
    code: 'invalid-url',
    message: /https URL or a path relative/,
  },
  {
    name: 'an SVG that runs script',
    src: 'figs/map.svg',
    entry: svg('<svg xmlns="http://www.w3.org/2000/svg" onload="x()"/>'),
    code: 'svg-unsafe',
    message: /event-handler attribute \(onload\)/,
  },
  {
    name: 'a file over 2 MiB',
    src: 'figs/map.png',
    entry: { ...PNG, size: 3 * 1024 * 1024 },
    code: 'large-media',
    severity: 'warning',
    message: /3\.0 MiB; over 2\.0 MiB an image is slow/,
  },
];

describe('local media: each error and warning at the src, with line and column', () => {
  for (const row of rows) {
    it(`${row.name} → ${row.code}`, () => {
      const text = imageSlide(row.src);
      const media = new Map(row.entry ? [[row.src, row.entry]] : []);
      const checked = checkLecture(text, { themes: THEMES, media });
      const found = checked.diagnostics.filter((d) => d.code === row.code);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({
        severity: row.severity ?? 'error',
        path: `${SLIDE}.src`,
        line: lineOf(text),
        col: colOf(text, 'src'),
      });
      expect(found[0]?.message).toMatch(row.message);
      expect(checked.ok).toBe(row.severity === 'warning');
    });
  }

  it('accepts a local PNG and a clean SVG, and an https URL as before', () => {
    for (const [src, entry] of [
      ['figs/map.png', PNG],
      ['figs/bar.svg', svg('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')],
    ] as const) {
      const checked = checkLecture(imageSlide(src), { themes: THEMES, media: new Map([[src, entry]]) });
      expect(checked.diagnostics).toEqual([]);
    }
    expect(checkLecture(imageSlide('https://example.org/a.png'), { themes: THEMES }).ok).toBe(true);
  });
});

describe('mayHaveImages: the cheap test before looking for a lecture’s images', () => {
  const image = (key: string) => `sections:\n  - slides:\n      - kind: image\n        ${key}: figs/a.png\n`;
  it('says yes to every way of writing an image’s src', () => {
    for (const text of [
      image('src'),
      image('"src"'),
      image("'SRC'"),
      image('"\\x73rc"'),
      image('"\\u0073rc"'),
      '{"sections":[{"slides":[{"kind":"image","\\u0073rc":"a.png"}]}]}',
    ]) {
      expect(mayHaveImages(text), text).toBe(true);
      const parsed = parseLecture(text, { format: text.startsWith('{') ? 'json' : 'yaml' }).value;
      if (!text.includes('SRC'))
        expect(imageSources(parsed), text).toEqual([expect.stringMatching(/a\.png$/)]);
    }
  });

  it('says no to a lecture with no src at all', () => {
    expect(mayHaveImages('id: x\ntitle: "Points only"\nsections: []\n')).toBe(false);
  });
});
