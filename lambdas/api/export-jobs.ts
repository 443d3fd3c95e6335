import { DECK_FILES, EXPORT_JOBS_PREFIX, exportJobKey } from '../site/layout.js';
import type { DeckStore } from '../store/deck-store.js';
import type { ObjectStore } from '../store/object-store.js';
import {
  type Exporter,
  type ExportSource,
  type ExportTools,
  makeExports,
  type ReadImages,
} from './deck-exports.js';

/**
 * Deployed, a new version's exports are made by a function of their own: the API stores what they are
 * made from as a job file under export-jobs/ and answers; the bucket reports the file's arrival to the
 * export function, which makes the PowerPoint file and the single-file page, adds them to the version
 * and removes the job file. A publish then costs the API only its render, whatever the deck's size,
 * and the export function has its own time and memory.
 */

/** Write a version's export source as its job file. */
export function writeExportJob(objects: ObjectStore, source: ExportSource): Promise<void> {
  return objects.put(exportJobKey(source.id, source.version), JSON.stringify(source), {
    contentType: 'application/json',
    cacheControl: 'no-store',
  });
}

/** The export source in the job file of `id`'s `version`; undefined when the file is gone. */
export async function readExportJob(
  objects: ObjectStore,
  id: string,
  version: string,
): Promise<ExportSource | undefined> {
  const key = exportJobKey(id, version);
  const object = await objects.get(key);
  if (!object) return undefined;
  const source = JSON.parse(Buffer.from(object.body).toString('utf8')) as ExportSource;
  if (source.id !== id || source.version !== version)
    throw new Error(`${key} holds the job of ${source.id} ${source.version}`);
  return source;
}

/** The API's side: a new version's export source, written as a job file. */
export function exportByJobFile(objects: ObjectStore): Exporter {
  return {
    export: (source) => writeExportJob(objects, source),
    settled: async () => {},
    files: [DECK_FILES.pptx, DECK_FILES.singleFile],
  };
}

/** The key of an S3 event record as S3 sends it: URL-encoded, with `+` for a space. */
export function eventKey(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/**
 * The export function's side: make and store the exports one job file asks for, then remove it. A job
 * file already removed (a repeated event) is done; one that is not a job file is refused.
 */
export async function runExportJob(
  key: string,
  deps: { objects: ObjectStore; store: DeckStore; tools: ExportTools; readImages: ReadImages },
): Promise<'made' | 'gone'> {
  const found = /^([^/]+)\/([^/]+)\.json$/.exec(key.slice(EXPORT_JOBS_PREFIX.length));
  if (!key.startsWith(EXPORT_JOBS_PREFIX) || !found) throw new Error(`${key} is not an export job`);
  const source = await readExportJob(deps.objects, found[1] ?? '', found[2] ?? '');
  if (!source) return 'gone';
  const images = await deps.readImages(source.media);
  const files = await makeExports({ ...source, images }, deps.tools);
  await deps.store.addVersionExports(source.id, source.version, files);
  await deps.objects.delete(key);
  return 'made';
}
