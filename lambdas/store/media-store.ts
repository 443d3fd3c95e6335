import { createHash } from 'node:crypto';
import { LecternError } from '../core/errors.js';
import { type MediaClaim, uploadProblem } from '../core/media/check-upload.js';
import {
  MEDIA_HASH_LENGTH,
  MEDIA_TYPES,
  type MediaFile,
  type MediaType,
  mediaFileName,
} from '../core/media/media-entry.js';
import { describeMedia } from '../node/describe-media.js';
import { CACHE, mediaKey, mediaRecordKey, mediaUploadKey } from '../site/layout.js';
import { PreconditionFailedError } from './errors.js';
import type { ObjectStore, StoredObject } from './object-store.js';

/**
 * Media files on top of an object store, beside the decks. A file reaches `media/{name}` only once
 * its bytes have been checked against what its sender announced (hash, type, length, SVG safety);
 * its record, written after it, is what the API looks up. Nothing here ever deletes or overwrites a
 * stored media file: every stored version of every deck may still use it.
 */

export interface MediaRecord {
  sha256: string;
  /** Its name under media/ (as `lectern render` names it). */
  name: string;
  type: MediaType;
  size: number;
  width?: number;
  height?: number;
}

/**
 * Another file already holds the name these bytes would take: a different file whose SHA-256 begins
 * with the same 16 hex digits. The stored file is kept as it is and these bytes are not stored.
 */
export class MediaNameTakenError extends LecternError {
  constructor(
    readonly mediaName: string,
    readonly sha256: string,
  ) {
    super(
      'media-name-taken',
      `media/${mediaName} already holds another file (its bytes do not hash to ${sha256}, though the first ${MEDIA_HASH_LENGTH} hex digits are the same); the stored file is kept and this one is not stored`,
    );
  }
}

/** Bytes that may not be stored under what their sender announced; the message says why. */
export class MediaRejectedError extends LecternError {
  constructor(message: string) {
    super('media-rejected', message);
  }
}

export interface MediaStore {
  /** The checked file stored under this hash, if there is one. */
  find(sha256: string): Promise<MediaRecord | undefined>;
  /** Check bytes against the claim and store them (MediaRejectedError when they do not match). */
  store(claim: MediaClaim, bytes: Uint8Array): Promise<MediaRecord>;
  /** Check and store what a direct upload left in staging; undefined when nothing is there. */
  promoteUpload(claim: MediaClaim): Promise<MediaRecord | undefined>;
  /** A stored media file's bytes (the local site serves them). */
  read(name: string): Promise<StoredObject | undefined>;
  /** The MediaFile the pipeline wants for a record (an SVG's bytes are read: its check needs them). */
  describeStored(record: MediaRecord): Promise<MediaFile | undefined>;
}

const RECORD_TYPE = 'application/json; charset=utf-8';

export function createMediaStore(objects: ObjectStore): MediaStore {
  // A second writer of the same file writes the same bytes: "already there" is success.
  const create = async (key: string, body: Uint8Array | string, contentType: string) => {
    try {
      await objects.put(key, body, { contentType, cacheControl: CACHE.immutable, ifNoneMatch: '*' });
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
    }
  };

  // A name keeps 16 hex digits of the hash, so an object already under it is taken as this file only
  // when its bytes really are this file's (length, then the full SHA-256); anything else is a
  // collision, never a silent reuse. The check runs again after a refused conditional write.
  const isFile = (object: StoredObject | undefined, record: MediaRecord) =>
    object !== undefined &&
    object.body.byteLength === record.size &&
    createHash('sha256').update(object.body).digest('hex') === record.sha256;

  const createFile = async (record: MediaRecord, bytes: Uint8Array) => {
    const key = mediaKey(record.name);
    const existing = await objects.get(key);
    if (existing) {
      if (!isFile(existing, record)) throw new MediaNameTakenError(record.name, record.sha256);
      return;
    }
    try {
      await objects.put(key, bytes, {
        contentType: MEDIA_TYPES[record.type],
        cacheControl: CACHE.immutable,
        ifNoneMatch: '*',
      });
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      // Written meanwhile by another writer: the same file is success, another one is a collision.
      if (!isFile(await objects.get(key), record)) throw new MediaNameTakenError(record.name, record.sha256);
    }
  };

  const find = async (sha256: string): Promise<MediaRecord | undefined> => {
    const object = await objects.get(mediaRecordKey(sha256));
    if (!object) return undefined;
    try {
      const record = JSON.parse(Buffer.from(object.body).toString('utf8')) as MediaRecord;
      return record.sha256 === sha256 ? record : undefined;
    } catch {
      return undefined;
    }
  };

  const store = async (claim: MediaClaim, bytes: Uint8Array): Promise<MediaRecord> => {
    const found = await describeMedia(bytes);
    const problem = uploadProblem(claim, found);
    if (problem) throw new MediaRejectedError(problem);
    const record: MediaRecord = {
      sha256: claim.sha256,
      name: mediaFileName(found),
      type: claim.type,
      size: found.size,
      ...(found.width !== undefined && { width: found.width }),
      ...(found.height !== undefined && { height: found.height }),
    };
    await createFile(record, bytes);
    await create(mediaRecordKey(claim.sha256), `${JSON.stringify(record, null, 2)}\n`, RECORD_TYPE);
    return record;
  };

  return {
    find,
    store,
    async promoteUpload(claim) {
      const key = mediaUploadKey(claim.sha256);
      const staged = await objects.get(key);
      if (!staged) return undefined;
      try {
        return await store(claim, staged.body);
      } finally {
        // Checked either way: stored under its name, or refused. A refused upload may be sent again.
        await objects.delete(key);
      }
    },
    read: (name) => objects.get(mediaKey(name)),
    async describeStored(record) {
      const file: MediaFile = {
        sha256: record.sha256,
        type: record.type,
        size: record.size,
        ...(record.width !== undefined && { width: record.width }),
        ...(record.height !== undefined && { height: record.height }),
      };
      if (record.type !== 'svg') return file;
      const object = await objects.get(mediaKey(record.name));
      return object ? { ...file, bytes: object.body } : undefined;
    },
  };
}
