import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MATHJAX_MODULES as BUNDLED } from '../../../infra/bundle-lazy-packages.mjs';
import { MATHJAX_MODULES } from '../../../lambdas/pptx/tex-svg.js';

// The Lambda ships MathJax as one bundled file reached through these paths: a path the writer imports
// but the bundle does not map would fail on the first formula published, not at build time.
describe('MathJax modules', () => {
  it('are the same in the writer, its list, and the Lambda bundle', () => {
    const source = readFileSync(join(import.meta.dirname, '../../../lambdas/pptx/tex-svg.ts'), 'utf8');
    const imported = [...source.matchAll(/import\('(mathjax-full\/[^']+)'\)/g)].map((m) => m[1]);
    expect(imported).toEqual([...MATHJAX_MODULES]);
    expect(Object.keys(BUNDLED)).toEqual([...MATHJAX_MODULES]);
  });
});
