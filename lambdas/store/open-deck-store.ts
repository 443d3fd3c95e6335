import { DEFAULT_DECKS_PREFIX } from '../site/layout.js';
import { type CourseStore, createCourseStore } from './course-store.js';
import { withDeadlines } from './deadline.js';
import type { DeckStore } from './deck-store.js';
import { createDeckStore } from './deck-store.js';
import { createFsObjectStore, DEFAULT_DATA_DIR } from './fs-object-store.js';
import { createMediaStore, type MediaStore } from './media-store.js';
import type { ObjectStore } from './object-store.js';
import { DISK_CALL_LIMIT_MS } from './storage-timeouts.js';

export interface StoreConfig {
  /** An S3 bucket; when unset the embedded store on disk is used. */
  bucket?: string;
  /** An S3-compatible endpoint for that bucket. */
  endpoint?: string;
  region?: string;
  /** Folder of the embedded store. */
  dataDir?: string;
  /** Key prefix of the decks (default `decks/`). */
  prefix?: string;
}

/** The deck store a configuration asks for: S3 when a bucket is named, otherwise the embedded one. */
export async function openDeckStore(
  config: StoreConfig,
): Promise<DeckStore & { backing: string; courses: CourseStore; media: MediaStore; objects: ObjectStore }> {
  const prefix = config.prefix ?? DEFAULT_DECKS_PREFIX;
  if (config.bucket) {
    // Loaded only when needed: the AWS SDK costs a few hundred milliseconds to import.
    const { createS3Client, createS3ObjectStore } = await import('./s3-object-store.js');
    const client = createS3Client({
      ...(config.region ? { region: config.region } : {}),
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    });
    const where = config.endpoint ? `${config.endpoint}/${config.bucket}` : `s3://${config.bucket}`;
    const objects = createS3ObjectStore(client, config.bucket);
    return {
      ...createDeckStore(objects, { prefix }),
      backing: where,
      courses: createCourseStore(objects),
      media: createMediaStore(objects),
      objects,
    };
  }
  const dataDir = config.dataDir ?? DEFAULT_DATA_DIR;
  const objects = withDeadlines(createFsObjectStore(dataDir), DISK_CALL_LIMIT_MS);
  return {
    ...createDeckStore(objects, { prefix }),
    backing: dataDir,
    courses: createCourseStore(objects),
    media: createMediaStore(objects),
    objects,
  };
}
