import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesDir } from '../../lambdas/node/templates-fs.js';

// One vocabulary of design tokens (assets/lectern-tokens.css) for the deck layout and its themes,
// the handout, the course page and the instructors' page.

const dir = templatesDir();
const read = (...parts: string[]) => readFileSync(join(dir, ...parts), 'utf8');
const tokens = read('assets', 'lectern-tokens.css');
const declared = (css: string) => new Set([...css.matchAll(/(--lectern-[a-z0-9-]+)\s*:/g)].map((m) => m[1]));
const defined = declared(tokens);

/** The sheets that import the tokens, with the relative URL each imports them by. */
const SHEETS = [
  { file: ['assets', 'lectern-base.css'], url: 'lectern-tokens.css' },
  { file: ['assets', 'lectern-course.css'], url: 'lectern-tokens.css' },
  { file: ['assets', 'lectern-handout.css'], url: 'lectern-tokens.css' },
  { file: ['site', 'site.css'], url: 'assets/lectern-tokens.css' },
];
const themes = readdirSync(join(dir, 'themes')).filter((name) => name.endsWith('.css'));
const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');

describe('design tokens', () => {
  it('are imported first by every style sheet that uses them', () => {
    for (const { file, url } of SHEETS) {
      const first = withoutComments(read(...file))
        .trim()
        .split('\n')[0];
      expect(first, file.join('/')).toBe(`@import url("${url}");`);
    }
  });

  it('name every token a sheet or theme uses, and themes set colour tokens only', () => {
    const sheets = [
      ...SHEETS.map(({ file }) => read(...file)),
      ...themes.map((name) => read('themes', name)),
    ];
    for (const css of sheets) {
      for (const [, used] of css.matchAll(/var\((--lectern-[a-z0-9-]+)\)/g)) {
        const own = declared(css).has(used ?? '');
        expect(defined.has(used ?? '') || own, used).toBe(true);
      }
    }
    const colours = [...defined].filter((name) => tokens.match(new RegExp(`${name}: (#|\\d+ \\d+ \\d+;)`)));
    expect(themes.length).toBeGreaterThanOrEqual(3);
    for (const name of themes) {
      const css = withoutComments(read('themes', name));
      const set = [...css.matchAll(/(--[a-z0-9-]+)\s*:/g)].map((m) => m[1]);
      expect(
        set.filter((token) => !colours.includes(token ?? '')),
        name,
      ).toEqual([]);
      expect(css, name).not.toMatch(/font|--r-|@import/);
    }
  });

  it('leave fonts and literal colours to the tokens: one font stack, no colour outside a palette', () => {
    // The deck's --r-*-font are reveal.js's names for the tokens' stacks (set in lectern-base.css).
    for (const { file } of SHEETS) {
      const css = withoutComments(read(...file));
      expect(
        css.match(
          /font-family:\s*(?!\s)(?!var\(--lectern-(?:sans|serif|mono)\)|var\(--r-(?:main|heading|code)-font\)|inherit)[^;]+;/g,
        ),
        file.join('/'),
      ).toBeNull();
      // Literal colours only in a :root block that sets tokens (the handout's print palette).
      const outsidePalette = css.replace(/:root\s*\{[^}]*\}/g, '');
      expect(outsidePalette.match(/#[0-9a-f]{3,8}\b|rgba?\(/gi), file.join('/')).toBeNull();
    }
    expect(tokens.match(/https?:|url\(/g)).toBeNull();
  });
});
