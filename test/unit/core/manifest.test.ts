import { describe, expect, it } from 'vitest';
import { readManifest } from '../../../lambdas/core/manifest.js';
import { buildDeck } from '../../../lambdas/core/pipeline.js';
import { loadTemplates } from '../../../lambdas/node/templates-fs.js';
import { deck } from './lecture-helpers.js';

describe('readManifest', () => {
  const built = buildDeck(deck({ slide: '- points: [e]' }), {
    templates: loadTemplates(),
    generatedAt: '2026-01-01T00:00:00.000Z',
    assetsBase: '../assets/',
  });
  if (!built.ok) throw new Error('expected the deck to build');
  const written = JSON.parse(built.deck.files['deck.json'] ?? '{}') as Record<string, unknown>;

  it('reads back what the renderer writes', () => {
    expect(readManifest(written)).toEqual(built.manifest);
  });

  it('keeps fields it does not know, and gives an older deck.json its estimate as 0', () => {
    const { estimatedMinutes: _, ...older } = written;
    expect(readManifest({ ...older, media: ['a.png'] })).toMatchObject({
      media: ['a.png'],
      estimatedMinutes: 0,
    });
  });

  it.each([
    ['no title', { ...written, title: undefined }],
    ['a version that is a number', { ...written, version: 3 }],
    ['a warning without a code', { ...written, warnings: [{ severity: 'warning', path: '', message: 'm' }] }],
    ['a list', [written]],
    ['text', 'deck'],
  ])('refuses %s', (_, value) => {
    expect(readManifest(value)).toBeUndefined();
  });
});
