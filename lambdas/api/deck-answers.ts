import { deckUrl, handoutUrl, pptxUrl, singleFileUrl, speakerUrl, versionUrl } from '../site/layout.js';
import type { StoredDeck } from '../store/deck-store.js';

/** The links every answer about a deck carries: present, handout, speaker view and the two downloads. */
function deckLinks(id: string) {
  return {
    url: deckUrl(id),
    handoutUrl: handoutUrl(id),
    speakerUrl: speakerUrl(id),
    pptxUrl: pptxUrl(id),
    singleFileUrl: singleFileUrl(id),
  };
}

/** A publish's or restore's links: the deck's, and the stored version's own. */
export function deckUrls(id: string, version: string) {
  return { ...deckLinks(id), versionUrl: versionUrl(id, version) };
}

/** One deck as the list answers it: the spec's fields, then its links and what the course view shows. */
export function summarise(manifest: StoredDeck) {
  return {
    owner: manifest.owner.name,
    id: manifest.id,
    title: manifest.title,
    version: manifest.version,
    slides: manifest.slides,
    updatedAt: manifest.generatedAt,
    ...deckLinks(manifest.id),
    ...(manifest.subtitle !== undefined && { subtitle: manifest.subtitle }),
    ...(manifest.course !== undefined && { course: manifest.course }),
    ...(manifest.date !== undefined && { date: manifest.date }),
    ...(manifest.duration !== undefined && { duration: manifest.duration }),
    ...(manifest.estimatedMinutes !== undefined && { estimatedMinutes: manifest.estimatedMinutes }),
  };
}
