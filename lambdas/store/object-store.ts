/**
 * The byte-level storage under the deck store: a flat key space like an S3 bucket.
 * Two backings implement it (S3 and a directory on disk); everything deck-shaped is built on top,
 * so both behave the same by construction.
 */

export interface StoredObject {
  body: Uint8Array;
  contentType: string;
  /** Names these exact bytes; a conditional put compares it (S3's ETag, a content hash on disk). */
  etag: string;
}

export interface PutOptions {
  contentType: string;
  /** Sent as Cache-Control when the object is served straight from the bucket (CloudFront). */
  cacheControl?: string;
  /** Sent as Content-Disposition by a backing that keeps it (S3): the name a download is saved under. */
  contentDisposition?: string;
  /** `*`: write only if no object exists at the key (S3's If-None-Match). */
  ifNoneMatch?: '*';
  /** Write only if the object there still has this etag (S3's If-Match). */
  ifMatch?: string;
}

export interface ObjectStore {
  /** The object at `key`, or undefined when there is none. */
  get(key: string): Promise<StoredObject | undefined>;
  /**
   * Write an object whole: a reader sees the old bytes or the new ones, never part of them.
   * With `ifNoneMatch` or `ifMatch`, a write whose condition does not hold changes nothing and
   * rejects with PreconditionFailedError.
   */
  put(key: string, body: Uint8Array | string, options: PutOptions): Promise<void>;
  /** Remove an object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** The names one level below `prefix` that hold objects (like S3's CommonPrefixes with Delimiter '/'). */
  listChildren(prefix: string): Promise<string[]>;
  /** The keys of the objects directly under `prefix` (one level, no sub-folders), sorted. */
  listKeys(prefix: string): Promise<string[]>;
}

const KEY_PATTERN = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** True for keys made of plain path segments: no empty, `.` or `..` segment, no backslash or control characters. */
export function isSafeKey(key: string): boolean {
  if (!KEY_PATTERN.test(key)) return false;
  return key.split('/').every((segment) => segment !== '.' && segment !== '..');
}
