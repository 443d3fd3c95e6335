import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { looksLikeSvg, svgProblems } from '../../../lambdas/core/media/svg-safety.js';

const DIR = join(import.meta.dirname, '../../fixtures/svg');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

// Each hostile SVG of the corpus, and the reason it must be refused for.
const EXPECTED: Record<string, RegExp> = {
  'script.svg': /<script> element/,
  'onload.svg': /event-handler attribute \(onload\)/,
  'foreign-object.svg': /<foreignObject> element/,
  'javascript-link.svg': /javascript: link/,
  'javascript-encoded.svg': /javascript: link/,
  'remote-image.svg': /reference outside the file \(https:\/\/example\.org\/track\.png\)/,
  'remote-style.svg': /@import/,
  'xml-stylesheet.svg': /xml-stylesheet/,
  'animated-href.svg': /animation that changes href/,
  'remote-use.svg': /reference outside the file/,
  'entity.svg': /entity declaration/,
  'namespaced-script.svg': /<script> element/,
  'remote-style-attribute.svg': /reference outside the file \(\/\/example\.org/,
  'data-html.svg': /data: URL that is not a picture/,
};

describe('svgProblems: the hostile corpus', () => {
  const files = readdirSync(join(DIR, 'hostile')).sort();
  it('names a reason for every file of the corpus', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const file of files) {
    it(`refuses ${file}, saying why`, () => {
      const problems = svgProblems(read(`hostile/${file}`));
      expect(problems.join('; ')).toMatch(EXPECTED[file] ?? /^$/);
    });
  }
});

describe('svgProblems: what stays allowed', () => {
  it('accepts a figure with gradients, styles, local references and a data: picture', () => {
    expect(svgProblems(read('safe/chart.svg'))).toEqual([]);
    expect(looksLikeSvg(Buffer.from(read('safe/chart.svg')))).toBe(true);
  });

  it('refuses a document whose root is not <svg>, and tells text that is not SVG', () => {
    expect(svgProblems('<html><body/></html>')).toContain('no <svg> root element');
    expect(looksLikeSvg(Buffer.from('<html><svg/></html>'))).toBe(false);
    expect(looksLikeSvg(Buffer.from('\uFEFF<!-- c --><!DOCTYPE svg>\n<svg/>'))).toBe(true);
  });
});
