import { createHash } from 'node:crypto';
import type { DeckManifest } from '../../../lambdas/core/deck.js';
import type { DeckPublication } from '../../../lambdas/store/deck-store.js';

/** A small publication without the renderer: the store only moves bytes, so any pages will do. */
export function makePublication(
  id: string,
  content: string,
  generatedAt = '2026-11-25T08:00:00.000Z',
): DeckPublication {
  const version = createHash('sha256').update(content).digest('hex').slice(0, 16);
  const manifest: DeckManifest = {
    id,
    title: `Deck ${id}`,
    version,
    slides: 3,
    warnings: [],
    generatedAt,
    theme: 'lecture',
    estimatedMinutes: 2,
  };
  const pointer = `${JSON.stringify(manifest, null, 2)}\n`;
  const page = (kind: string, assetsBase: string) =>
    `<!doctype html><html><head><link rel="stylesheet" href="${assetsBase}reveal.css"></head><body data-kind="${kind}">${content}</body></html>`;
  return {
    manifest,
    current: {
      'index.html': page('deck', '../../assets/'),
      'handout.html': page('handout', '../../assets/'),
      'deck.json': pointer,
    },
    versioned: {
      'index.html': page('deck', '../../../../assets/'),
      'handout.html': page('handout', '../../../../assets/'),
      'deck.json': pointer,
    },
  };
}

export const textOf = (object: { body: Uint8Array } | undefined): string | undefined =>
  object ? Buffer.from(object.body).toString('utf8') : undefined;
