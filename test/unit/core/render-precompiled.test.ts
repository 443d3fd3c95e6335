import { describe, expect, it } from 'vitest';
import type { TemplateSet } from '../../../lambdas/core/deck.js';
import { precompileTemplates, templateHash } from '../../../lambdas/core/render/compile.js';
import { renderDeck } from '../../../lambdas/core/render/index.js';
import { allKinds, OPTIONS, templates } from './render-helpers.js';

// The build ships precompiled templates (dist/templates.precompiled.json); they must render exactly
// what compiling the sources renders, and never stand in for a source they were not made from.

describe('precompiled templates', () => {
  const sources = templates();
  const plain: TemplateSet = { files: sources.files };

  it('covers every .hbs template and records the hash of its source', () => {
    const pre = precompileTemplates(plain);
    const hbs = Object.keys(sources.files).filter((path) => path.endsWith('.hbs'));
    expect(Object.keys(pre).sort()).toEqual(hbs.sort());
    expect(pre['deck.hbs']?.sha256).toBe(templateHash(sources.files['deck.hbs'] ?? ''));
  });

  it('render the same bytes as the compiled sources', () => {
    const withPre: TemplateSet = { files: sources.files, precompiled: precompileTemplates(plain) };
    const a = renderDeck(allKinds(), { files: { ...sources.files } }, OPTIONS);
    const b = renderDeck(allKinds(), withPre, OPTIONS);
    expect(b.files).toEqual(a.files);
  });

  it('are used when their hash matches, and ignored when the source changed', () => {
    const files = { ...sources.files };
    const marked = {
      ...files,
      'deck.hbs': (files['deck.hbs'] ?? '').replace('<body>', '<body data-from="spec">'),
    };
    const specOfMarked = precompileTemplates({ files: marked })['deck.hbs'];
    if (!specOfMarked) throw new Error('no deck.hbs');
    // A spec filed under the hash of the real source is taken at its word: proof that it is used.
    const used: TemplateSet = {
      files,
      precompiled: { 'deck.hbs': { sha256: templateHash(files['deck.hbs'] ?? ''), spec: specOfMarked.spec } },
    };
    expect(renderDeck(allKinds(), used, OPTIONS).files['index.html']).toContain('data-from="spec"');
    // The same spec with its own (now stale) hash is ignored: the source is compiled instead.
    const stale: TemplateSet = { files: { ...files }, precompiled: { 'deck.hbs': specOfMarked } };
    expect(renderDeck(allKinds(), stale, OPTIONS).files['index.html']).not.toContain('data-from="spec"');
  });
});
