import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyAssets, katexDistDir, listAssets, revealDistDir } from '../../lambdas/node/assets.js';
import { loadTemplates, templatesDir } from '../../lambdas/node/templates-fs.js';
import { tempDir } from '../support/temp-dir.js';

describe('listAssets', () => {
  const assets = listAssets();
  const targets = assets.map((a) => a.target);

  it('has every file the templates link to, in every theme', () => {
    const templates = loadTemplates();
    const themes = Object.keys(templates.files)
      .map((path) => /^themes\/(.+)\.css$/.exec(path)?.[1])
      .filter((name): name is string => name !== undefined);
    const linked = Object.entries(templates.files)
      .filter(([path]) => path.endsWith('.hbs'))
      .flatMap(([, source]) => [...source.matchAll(/\{\{assetsBase\}\}([^"'\s]+)/g)].map((m) => m[1] ?? ''))
      .flatMap((target) =>
        target.includes('{{theme}}') ? themes.map((t) => target.replace('{{theme}}', t)) : [target],
      );
    // The deck, the handout and the course page each link some: all three are read.
    expect(linked).toEqual(
      expect.arrayContaining(['reveal/reveal.js', 'lectern-handout.css', 'lectern-course.css']),
    );
    expect(themes.length).toBeGreaterThan(0);
    expect([...new Set(linked)].filter((target) => !targets.includes(target))).toEqual([]);
    // KaTeX's style sheet and fonts are linked from the math style sheet, not a template.
    expect(targets).toEqual(
      expect.arrayContaining(['katex/katex.min.css', 'katex/fonts/KaTeX_Main-Regular.woff2']),
    );
  });

  it('points at files that exist, reveal.js from its dist/ folder', () => {
    for (const { source } of assets) expect(existsSync(source), source).toBe(true);
    expect(revealDistDir().endsWith('dist')).toBe(true);
    expect(assets.find((a) => a.target === 'reveal/reveal.js')?.source).toBe(
      join(revealDistDir(), 'reveal.js'),
    );
  });

  it('finds reveal.js and KaTeX where Node resolves them', () => {
    const require = createRequire(import.meta.url);
    expect(revealDistDir()).toBe(dirname(require.resolve('reveal.js')));
    expect(katexDistDir()).toBe(dirname(require.resolve('katex')));
  });

  it('has unique, relative, /-separated targets', () => {
    expect(new Set(targets).size).toBe(targets.length);
    // KaTeX's fonts keep their names (KaTeX_Main-Regular.woff2): its style sheet asks for them so.
    for (const target of targets) expect(target).toMatch(/^[a-z0-9][A-Za-z0-9_./-]*$/);
  });

  it('takes themes and scripts from the folder it is given', () => {
    const dir = tempDir('assets');
    mkdirSync(join(dir, 'themes'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'themes', 'solo.css'), ':root{}');
    writeFileSync(join(dir, 'assets', 'solo.js'), '');
    const own = listAssets(dir).filter((a) => !/^(reveal|katex)\//.test(a.target));
    expect(own.map((a) => a.target)).toEqual(['themes/solo.css', 'solo.js']);
  });
});

describe('copyAssets', () => {
  it('copies every asset under <out>/assets/, byte for byte', () => {
    const out = tempDir('assets');
    const copied = copyAssets(out);
    const assets = listAssets();
    expect(copied).toBe(assets.length);
    for (const { source, target } of assets) {
      expect(readFileSync(join(out, 'assets', target)).equals(readFileSync(source)), target).toBe(true);
    }
  });

  it('skips identical files on a second run and replaces changed ones', () => {
    const out = tempDir('assets');
    copyAssets(out);
    const deckScript = join(out, 'assets', 'lectern-deck.js');
    const before = statSync(join(out, 'assets', 'reveal', 'reveal.js')).mtimeMs;
    writeFileSync(deckScript, 'stale');
    expect(copyAssets(out)).toBe(1);
    expect(readFileSync(deckScript, 'utf8')).toBe(
      readFileSync(join(templatesDir(), 'assets', 'lectern-deck.js'), 'utf8'),
    );
    expect(statSync(join(out, 'assets', 'reveal', 'reveal.js')).mtimeMs).toBe(before);
    expect(copyAssets(out)).toBe(0);
  });

  it('replaces a copy changed in place to the same size', () => {
    const out = tempDir('assets');
    copyAssets(out);
    const deckScript = join(out, 'assets', 'lectern-deck.js');
    const original = readFileSync(deckScript, 'utf8');
    writeFileSync(deckScript, 'x'.repeat(Buffer.byteLength(original)));
    expect(copyAssets(out)).toBe(1);
    expect(readFileSync(deckScript, 'utf8')).toBe(original);
  });
});

describe('loadTemplates', () => {
  it('finds templates/ and reads its text files by /-separated path', () => {
    const set = loadTemplates();
    for (const path of [
      'deck.hbs',
      'handout.hbs',
      'partials/bullets.hbs',
      'themes/lecture.css',
      'assets/lectern-deck.js',
    ]) {
      expect(set.files[path], path).toBeTypeOf('string');
    }
    expect(Object.keys(set.files).some((p) => p.startsWith('site/'))).toBe(false);
  });

  it('is read once per folder', () => {
    expect(loadTemplates()).toBe(loadTemplates());
  });

  it('skips binary files and the site/ folder', () => {
    const dir = tempDir('assets');
    mkdirSync(join(dir, 'partials'));
    mkdirSync(join(dir, 'site'));
    writeFileSync(join(dir, 'deck.hbs'), 'deck');
    writeFileSync(join(dir, 'partials', 'a.hbs'), 'a');
    writeFileSync(join(dir, 'site', 'index.html'), 'site');
    writeFileSync(join(dir, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x1a]));
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    expect(loadTemplates(dir).files).toEqual({ 'deck.hbs': 'deck', 'partials/a.hbs': 'a' });
  });
});
