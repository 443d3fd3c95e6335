import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HttpError } from '../api/http.js';
import { templatesDir as findTemplatesDir } from '../node/templates-fs.js';
import { contentTypeFor } from '../site/content-type.js';
import { CACHE, deckFileDisposition } from '../site/layout.js';
import { PAGE_LAYOUT_MODULE, pageLayoutModule } from '../site/page-files.js';
import type { SitePath } from '../site/site-paths.js';
import type { CourseStore } from '../store/course-store.js';
import { type DeckStore, EXPORT_FILES } from '../store/deck-store.js';
import type { MediaStore } from '../store/media-store.js';

/** How long a download waits for its version's exports before it is told to come back. */
const EXPORT_WAIT_MS = 20_000;

export interface SiteFile {
  body: Uint8Array;
  contentType: string;
  cacheControl: string;
  /** The name a download is saved under (a deck's PowerPoint file), as the S3 object carries it. */
  contentDisposition?: string;
}

export interface SiteSources {
  store: DeckStore;
  courses?: CourseStore;
  media?: MediaStore;
  /** Asset path under /assets/ → absolute file on disk. */
  assets: ReadonlyMap<string, string>;
  /** Folder with the instructor page (index.html, site.css and its modules). */
  siteDir: string;
  /** Resolves once the exports of that version being made now are stored or have failed. */
  exportsSettled?: (id: string, version: string) => Promise<void>;
  /** How long a download waits for them (default 20 s) before a 503 tells it to come back. */
  exportWaitMs?: number;
}

/** Reads what a resolved site path names: the instructor page, a shared asset, or a stored deck's file. */
export function createSiteReader(sources: SiteSources) {
  // Assets and the instructor page do not change while the server runs: read each once.
  const cache = new Map<string, Promise<Uint8Array | undefined>>();
  const readOnce = (file: string) => {
    let pending = cache.get(file);
    if (!pending) {
      pending = readFile(file).then(
        (buffer) => new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
        () => undefined,
      );
      cache.set(file, pending);
    }
    return pending;
  };

  const layoutModule = new TextEncoder().encode(pageLayoutModule());

  return async (target: SitePath): Promise<SiteFile | undefined> => {
    switch (target.kind) {
      case 'site': {
        const body =
          target.name === PAGE_LAYOUT_MODULE
            ? layoutModule
            : await readOnce(join(sources.siteDir, target.name));
        return body && { body, contentType: contentTypeFor(target.name), cacheControl: CACHE.revalidate };
      }
      case 'asset': {
        const file = sources.assets.get(target.path);
        const body = file ? await readOnce(file) : undefined;
        return body && { body, contentType: contentTypeFor(target.path), cacheControl: CACHE.assets };
      }
      case 'deck': {
        // Only stored versions are files; the current deck is a redirect, answered before this.
        if (!target.version) return undefined;
        // A download asked for just after a publish waits for its file to be made, for a while.
        if (EXPORT_FILES.includes(target.name) && sources.exportsSettled) {
          const settled = sources.exportsSettled(target.id, target.version).then(() => true);
          let timer: NodeJS.Timeout | undefined;
          const waited = new Promise<false>((resolve) => {
            timer = setTimeout(() => resolve(false), sources.exportWaitMs ?? EXPORT_WAIT_MS);
          });
          const ready = await Promise.race([settled, waited]);
          clearTimeout(timer);
          if (!ready)
            throw new HttpError(
              503,
              'export-pending',
              'This file is still being made: ask again in a moment.',
              [],
              {
                headers: { 'retry-after': '5' },
              },
            );
        }
        const object = await sources.store.readVersionFile(target.id, target.version, target.name);
        const disposition = deckFileDisposition(target.id, target.name);
        return (
          object && {
            body: object.body,
            contentType: object.contentType,
            cacheControl: CACHE.immutable,
            ...(disposition && { contentDisposition: disposition }),
          }
        );
      }
      case 'course': {
        const object = await sources.courses?.readCourseFile(target.id, target.name);
        return (
          object && { body: object.body, contentType: object.contentType, cacheControl: CACHE.revalidate }
        );
      }
      case 'media': {
        const object = await sources.media?.read(target.name);
        return (
          object && { body: object.body, contentType: object.contentType, cacheControl: CACHE.immutable }
        );
      }
      default:
        return undefined;
    }
  };
}

/** The instructor page's folder: templates/site beside the deck templates. */
export function findSiteDir(templatesDir?: string): string {
  return join(templatesDir ?? findTemplatesDir(), 'site');
}
