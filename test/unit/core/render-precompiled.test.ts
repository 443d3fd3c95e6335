import { describe, expect, it } from 'vitest';
import type { TemplateSet } from '../../../lambdas/core/deck.js';
import { precompileTemplates, templateHash } from '../../../lambdas/core/render/compile.js';
import { renderDeck } from '../../../lambdas/core/render/index.js';
import { allKinds, OPTIONS, templates } from './render-helpers.js';

// The build ships precompiled templates (dist/templates.precompiled.json); they must render exactly
// what compiling the sources renders, and never stand in for a source they were not made from.

describe('precompiled templates', () => {
  const loaded = templates();
  // The sources and the compiler only, as when no build output is at hand.
  const plain: TemplateSet = {
    files: loaded.files,
    ...(loaded.precompile && { precompile: loaded.precompile }),
  };

  it('covers every .hbs template and records the hash of its source', () => {
    const pre = precompileTemplates(plain);
    const hbs = Object.keys(loaded.files).filter((path) => path.endsWith('.hbs'));
    expect(Object.keys(pre).sort()).toEqual(hbs.sort());
    expect(pre['deck.hbs']?.sha256).toBe(templateHash(loaded.files['deck.hbs'] ?? ''));
  });

  it('render the same bytes as the compiled sources, and need no compiler', () => {
    const precompiledOnly: TemplateSet = { files: loaded.files, precompiled: precompileTemplates(plain) };
    const a = renderDeck(allKinds(), { ...plain, files: { ...loaded.files } }, OPTIONS);
    const b = renderDeck(allKinds(), precompiledOnly, OPTIONS);
    expect(b.files).toEqual(a.files);
  });

  it('are used when their hash matches, and ignored when the source changed', () => {
    const files = { ...loaded.files };
    const marked = {
      ...files,
      'deck.hbs': (files['deck.hbs'] ?? '').replace('<body>', '<body data-from="spec">'),
    };
    const specOfMarked = precompileTemplates({ ...plain, files: marked })['deck.hbs'];
    if (!specOfMarked) throw new Error('no deck.hbs');
    // A spec filed under the hash of the real source is taken at its word: proof that it is used.
    const used: TemplateSet = {
      ...plain,
      files,
      precompiled: { 'deck.hbs': { sha256: templateHash(files['deck.hbs'] ?? ''), spec: specOfMarked.spec } },
    };
    expect(renderDeck(allKinds(), used, OPTIONS).files['index.html']).toContain('data-from="spec"');
    // The same spec with its own (now stale) hash is ignored: the source is compiled instead.
    const stale: TemplateSet = { ...plain, files: { ...files }, precompiled: { 'deck.hbs': specOfMarked } };
    expect(renderDeck(allKinds(), stale, OPTIONS).files['index.html']).not.toContain('data-from="spec"');
  });

  it('render the same bytes from specs already run (as a bundle carries them) as from their text', () => {
    const asText = precompileTemplates(plain);
    const run = Object.fromEntries(
      Object.entries(asText).map(([path, { sha256, spec }]) => [
        path,
        { sha256, spec: new Function(`return (${spec});`)() as object },
      ]),
    );
    const fromText = renderDeck(allKinds(), { files: loaded.files, precompiled: asText }, OPTIONS);
    // Twice, as a long-running process compiles a set again: the specs are shared, not used up.
    for (const round of [1, 2]) {
      const fromCode = renderDeck(allKinds(), { files: { ...loaded.files }, precompiled: run }, OPTIONS);
      expect(fromCode.files, `round ${round}`).toEqual(fromText.files);
    }
  });

  it('without a compiler, a template whose source changed is refused by name', () => {
    const pre = precompileTemplates(plain);
    const edited = { ...loaded.files, 'partials/quote.hbs': '<blockquote>{{textHtml}}</blockquote>' };
    expect(() => renderDeck(allKinds(), { files: edited, precompiled: pre }, OPTIONS)).toThrow(
      /partials\/quote\.hbs has no precompiled form/,
    );
  });
});
