import type { TemplateSet } from '../core/deck.js';
import { type Diagnostic, LecternError } from '../core/errors.js';
import type { MediaFile } from '../core/media/media-entry.js';
import { mediaBaseFor } from '../core/render/index.js';
import type { Lecture } from '../core/schema.js';
import { inlineDeck } from '../core/single-file/inline-deck.js';
import type { PptxImage } from '../pptx/slide-text.js';
import { ASSETS_BASE, DECK_FILES } from '../site/layout.js';
import type { DeckStore } from '../store/deck-store.js';

/**
 * A new version's exports: its PowerPoint file and its single-file page. They are made from the version
 * once it is stored, never needed to present it, and cost far more than rendering it (seconds of CPU
 * for a deck of a thousand slides), so where they are made is the caller's choice: in the request
 * (deployed, where each request has its own function instance), or after the answer in a bounded
 * worker (the local server).
 */

/**
 * What a version's exports are made from, as plain JSON: the lecture, the version's rendered files and
 * which stored image each local `src` means (no image bytes: those are read when the exports are made).
 */
export interface ExportSource {
  id: string;
  version: string;
  /** The lecture that passed its checks. */
  lecture: Lecture;
  /** The version's rendered files (`index.html`, `handout.html`, …) and the images it names. */
  deck: { files: Readonly<Record<string, string>>; media: readonly { src: string; name: string }[] };
  /** Each local image's `src` and the stored file it means. */
  media: readonly (readonly [string, MediaFile])[];
}

/** An export source with its images' bytes, by `src` as written: plain data, for a worker thread. */
export interface ExportJob extends ExportSource {
  images: ReadonlyMap<string, PptxImage>;
}

/** Reads the stored images an export source names. */
export type ReadImages = (media: ExportSource['media']) => Promise<ReadonlyMap<string, PptxImage>>;

export type ExportFiles = Record<string, string | Uint8Array>;

export interface ExportTools {
  templates: TemplateSet;
  /** The shared assets' bytes, by their path under the assets folder: given, the single-file page is made. */
  loadAssets?: () => Promise<ReadonlyMap<string, Uint8Array>>;
}

/** Make a version's exports: the PowerPoint file, and the single-file page when the assets are at hand. */
export async function makeExports(job: ExportJob, tools: ExportTools): Promise<ExportFiles> {
  const { writePptx } = await import('../pptx/write-pptx.js');
  // An https image is never fetched: the PowerPoint file shows it as a framed box with its description.
  const files: ExportFiles = {
    [DECK_FILES.pptx]: await writePptx({
      lecture: job.lecture,
      templates: tools.templates,
      images: job.images,
    }),
  };
  if (tools.loadAssets) files[DECK_FILES.singleFile] = singleFilePage(job, await tools.loadAssets());
  return files;
}

/**
 * The version's page made whole, as `lectern render --single-file` makes it: assets and images
 * inlined, the images those the PowerPoint file was given (read from the store once, by `src`).
 */
function singleFilePage(job: ExportJob, assets: ReadonlyMap<string, Uint8Array>): string {
  const media = new Map<string, Uint8Array>();
  for (const { src, name } of job.deck.media) {
    const bytes = job.images.get(src)?.bytes;
    // Checked as stored before the deck was built; gone since would be a broken store.
    if (!bytes)
      throw new LecternError('media-unreadable', `media/${name} is named by the deck but could not be read`);
    media.set(name, bytes);
  }
  const { [DECK_FILES.deck]: html = '', ...deckFiles } = job.deck.files;
  return inlineDeck({
    html,
    deckFiles,
    assetsBase: ASSETS_BASE.version,
    assets,
    mediaBase: mediaBaseFor(ASSETS_BASE.version),
    media,
  });
}

/** Where a new version's exports are made and stored. */
export interface Exporter {
  /** Make and store a version's exports; resolves when the publish may answer. */
  export(source: ExportSource): Promise<void>;
  /** Resolves once the exports of that version being made now are stored or have failed; at once when none are. */
  settled(id: string, version: string): Promise<void>;
  /** The exports a stored version should have. */
  readonly files: readonly string[];
}

/** The exports made in the request, before the publish answers: the deployed function's way. */
export function exportInRequest(store: DeckStore, tools: ExportTools, readImages: ReadImages): Exporter {
  return {
    export: async (source) => {
      const job = { ...source, images: await readImages(source.media) };
      await store.addVersionExports(source.id, source.version, await makeExports(job, tools));
    },
    settled: async () => {},
    files: tools.loadAssets ? [DECK_FILES.pptx, DECK_FILES.singleFile] : [DECK_FILES.pptx],
  };
}

/** The warning a publish carries when its version was stored but its exports could not be made. */
export const EXPORT_FAILED: Diagnostic = {
  severity: 'warning',
  code: 'export-failed',
  path: '',
  message:
    'The deck is published, but its PowerPoint file and single-file page could not be made; publish it again to make them.',
};
