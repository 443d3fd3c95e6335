import { type MediaClaim, readMediaClaim } from '../core/media/check-upload.js';
import { MEDIA_TYPES, mediaFileName } from '../core/media/media-entry.js';
import { mediaUrl } from '../site/layout.js';
import type { MediaRecord, MediaStore } from '../store/media-store.js';
import { type ApiEvent, type ApiResult, HttpError, jsonResult } from './http.js';
import { readJsonValue } from './read-body.js';

/**
 * Media through the API. `POST /api/media` with `{sha256, type, size}` answers "already stored", or
 * where to PUT the bytes: a short-lived pre-signed S3 URL deployed, a signed URL of the local server
 * locally; the bytes never pass through the API itself. `POST /api/media/check` with the same body
 * then has what was uploaded checked and stored under its name (locally the upload is checked as it
 * arrives, so the check finds it stored).
 */

/** Where and how to send a file's bytes: the request must carry exactly these headers. */
export interface UploadTarget {
  method: 'PUT';
  url: string;
  headers: Record<string, string>;
  expiresAt: string;
}

export type SignUpload = (claim: MediaClaim) => Promise<UploadTarget>;

export interface MediaDeps {
  store: MediaStore;
  signUpload: SignUpload;
}

/** The most files one `POST /api/media` may ask about (`{files: [...]}`). */
export const MAX_MEDIA_BATCH = 200;

export function createMediaRoutes(deps: MediaDeps) {
  const stored = (status: number, record: MediaRecord) =>
    jsonResult(status, {
      stored: true,
      ...record,
      type: MEDIA_TYPES[record.type],
      url: mediaUrl(record.name),
    });

  const answer = async (claim: MediaClaim): Promise<Record<string, unknown>> => {
    const record = await deps.store.find(claim.sha256);
    if (record)
      return { stored: true, ...record, type: MEDIA_TYPES[record.type], url: mediaUrl(record.name) };
    const name = mediaFileName({ sha256: claim.sha256, type: claim.type, size: claim.size });
    return {
      stored: false,
      sha256: claim.sha256,
      name,
      url: mediaUrl(name),
      upload: await deps.signUpload(claim),
    };
  };

  return {
    /** One file (`{sha256, type, size}`), or many at once (`{files: [...]}`, answered in their order). */
    async request(event: ApiEvent): Promise<ApiResult> {
      const value = readJsonValue(event);
      const files = (value as { files?: unknown } | undefined)?.files;
      if (files === undefined) return jsonResult(200, await answer(toClaim(value)));
      if (!Array.isArray(files) || files.length === 0 || files.length > MAX_MEDIA_BATCH) {
        throw new HttpError(
          400,
          'bad-media-request',
          `Send {"files": [{"sha256", "type", "size"}, …]} with 1 to ${MAX_MEDIA_BATCH} files.`,
        );
      }
      const claims = files.map((file, index) => toClaim(file, `files[${index}]`));
      return jsonResult(200, { files: await Promise.all(claims.map(answer)) });
    },

    async check(event: ApiEvent): Promise<ApiResult> {
      const claim = readClaim(event);
      const record = await deps.store.find(claim.sha256);
      if (record) return stored(200, record);
      const promoted = await deps.store.promoteUpload(claim);
      if (promoted) return stored(201, promoted);
      throw new HttpError(
        404,
        'media-not-uploaded',
        `Nothing was uploaded for ${claim.sha256}: PUT the file to the upload URL that POST /api/media gave, then ask again.`,
      );
    },
  };
}

function readClaim(event: ApiEvent): MediaClaim {
  return toClaim(readJsonValue(event));
}

function toClaim(value: unknown, where?: string): MediaClaim {
  const claim = readMediaClaim(value);
  if ('problem' in claim) {
    throw new HttpError(
      400,
      'bad-media-request',
      `Send {"sha256", "type", "size"} as JSON${where ? ` (${where})` : ''}: ${claim.problem}.`,
    );
  }
  return claim;
}
