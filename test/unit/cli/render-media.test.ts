import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lectern, workspace } from './cli-helpers.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>';

function lecture(id: string, srcs: string[]): string {
  const slides = srcs.map(
    (src) => `      - kind: image\n        src: ${src}\n        alt: A figure\n        notes: N.`,
  );
  return `id: ${id}\ntitle: ${id}\nsections:\n  - title: One\n    slides:\n${slides.join('\n')}\n`;
}

describe('lectern render: local media', () => {
  it('writes each file once under its content hash, byte for byte, linked by relative URL from deck and handout', async () => {
    const dir = workspace({
      'a.yaml': lecture('deck-a', ['figs/dot.png', 'figs/bar.svg', './figs/../figs/dot.png']),
      'sub/b.yaml': lecture('deck-b', ['../figs/dot.png']),
      'figs/dot.png': PNG,
      'figs/bar.svg': SVG,
    });
    const run = await lectern(dir, 'render', 'a.yaml', 'sub/b.yaml', '--out', 'out');
    expect(run.code).toBe(1); // sub/b.yaml climbs above its own folder
    expect(run.stderr).toMatch(/sub\/b\.yaml:\d+:\d+ {2}sections\[0\]\.slides\[0\]\.src {2}must stay inside/);

    const hash = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const media = readdirSync(join(dir, 'out', 'media')).sort();
    expect(media).toEqual([`${hash(PNG)}.png`, `${hash(SVG)}.svg`].sort());
    expect(readFileSync(join(dir, 'out', 'media', `${hash(PNG)}.png`)).equals(PNG)).toBe(true);
    for (const page of ['index.html', 'handout.html']) {
      const html = readFileSync(join(dir, 'out', 'deck-a', page), 'utf8');
      const srcs = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]);
      expect(srcs).toEqual([
        `../media/${hash(PNG)}.png`,
        `../media/${hash(SVG)}.svg`,
        `../media/${hash(PNG)}.png`,
      ]);
    }
  });

  it('reports a missing file and an unsafe SVG at the src, with line and column, and writes nothing for them', async () => {
    const dir = workspace({
      'c.yaml': lecture('deck-c', ['figs/none.png', 'figs/evil.svg']),
      'figs/evil.svg': '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    });
    const run = await lectern(dir, 'render', 'c.yaml', '--out', 'out');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /c\.yaml:7:9 {2}sections\[0\]\.slides\[0\]\.src {2}"figs\/none\.png" does not exist/,
    );
    expect(run.stderr).toMatch(
      /c\.yaml:11:9 {2}sections\[0\]\.slides\[1\]\.src {2}"figs\/evil\.svg" is refused: .*<script> element/,
    );
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
  });

  it('--single-file: one <id>.html per deck with its images as data URLs, and no folder beside it', async () => {
    const dir = workspace({
      'a.yaml': lecture('deck-a', ['figs/dot.png', 'figs/bar.svg']),
      'b.yaml': lecture('deck-b', ['figs/dot.png']),
      'figs/dot.png': PNG,
      'figs/bar.svg': SVG,
    });
    const run = await lectern(dir, 'render', 'a.yaml', 'b.yaml', '--single-file', '--out', 'out');
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['deck-a.html', 'deck-b.html']);
    expect(run.stdout).toMatch(/a\.yaml → out\/deck-a\.html \(\d+ KB\)/);
    const html = readFileSync(join(dir, 'out', 'deck-a.html'), 'utf8');
    const srcs = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs).toEqual([
      `data:image/png;base64,${PNG.toString('base64')}`,
      `data:image/svg+xml;base64,${Buffer.from(SVG).toString('base64')}`,
    ]);
  });

  it('--single-file takes the ids of the shared folders, which it does not write; a folder render refuses them', async () => {
    const dir = workspace({ 'a.yaml': lecture('media', ['figs/dot.png']), 'figs/dot.png': PNG });
    const single = await lectern(dir, 'render', 'a.yaml', '--single-file', '--out', 'one');
    expect(single.code, single.stderr).toBe(0);
    expect(readdirSync(join(dir, 'one'))).toEqual(['media.html']);
    const folders = await lectern(dir, 'render', 'a.yaml', '--out', 'many');
    expect(folders.code).toBe(1);
    expect(folders.stderr).toContain('deck id "media" is the name of a shared folder');
  });
});
