import { createHash } from 'node:crypto';
import type { DeckManifest } from '../../../lambdas/core/deck.js';
import type { Actor, DeckPublication } from '../../../lambdas/store/deck-store.js';

/** Instructors for the store and API tests. */
export const ADA: Actor = { id: 'sub-ada', name: 'ada@example.edu', admin: false };
export const BEN: Actor = { id: 'sub-ben', name: 'ben@example.edu', admin: false };
export const ADMIN: Actor = { id: 'sub-root', name: 'admin@example.edu', admin: true };

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
  const page = (kind: string) =>
    `<!doctype html><html><head><link rel="stylesheet" href="../../../../assets/reveal.css"></head><body data-kind="${kind}">${content}</body></html>`;
  return {
    manifest,
    files: {
      'index.html': page('deck'),
      'handout.html': page('handout'),
      'deck.json': `${JSON.stringify(manifest, null, 2)}\n`,
    },
  };
}

export const textOf = (object: { body: Uint8Array } | undefined): string | undefined =>
  object ? Buffer.from(object.body).toString('utf8') : undefined;
