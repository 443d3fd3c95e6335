import { isMediaType, MAX_MEDIA_BYTES, MEDIA_TYPES, type MediaFile, type MediaType } from './media-entry.js';
import { svgProblems } from './svg-safety.js';

/**
 * An upload as its sender announces it, and the check of the stored bytes against that
 * announcement: the name is the hash, so bytes that hash to something else, of another type, of
 * another length, or an SVG that could run anything, never become a media file.
 */

export interface MediaClaim {
  /** SHA-256 of the bytes, 64 lowercase hex digits. */
  sha256: string;
  type: MediaType;
  size: number;
}

const SHA256 = /^[0-9a-f]{64}$/;
const TYPE_OF_MIME: Readonly<Record<string, MediaType>> = Object.fromEntries(
  Object.entries(MEDIA_TYPES).map(([type, mime]) => [mime, type as MediaType]),
);
const MIB = 1024 * 1024;

/** `{sha256, type, size}` read from a request body: the claim, or a message saying what is wrong. */
export function readMediaClaim(value: unknown): MediaClaim | { problem: string } {
  const record = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  const { sha256, type, size } = record;
  if (typeof sha256 !== 'string' || !SHA256.test(sha256))
    return { problem: 'sha256 must be the SHA-256 of the file, 64 lowercase hex digits' };
  const mime = typeof type === 'string' ? type.toLowerCase() : '';
  const mediaType = TYPE_OF_MIME[mime] ?? (isMediaType(mime) ? mime : undefined);
  if (!mediaType) {
    return {
      problem: `type must be one of ${Object.values(MEDIA_TYPES).join(', ')}; got ${JSON.stringify(type ?? null)}`,
    };
  }
  if (typeof size !== 'number' || !Number.isInteger(size) || size < 1)
    return { problem: 'size must be the length of the file in bytes' };
  if (size > MAX_MEDIA_BYTES)
    return {
      problem: `the file is ${(size / MIB).toFixed(1)} MiB; an image may be at most ${MAX_MEDIA_BYTES / MIB} MiB`,
    };
  return { sha256, type: mediaType, size };
}

/** Why bytes (as `found` describes them) may not be stored under `claim`, or undefined when they may. */
export function uploadProblem(claim: MediaClaim, found: MediaFile): string | undefined {
  if (found.size !== claim.size) return `it is ${found.size} bytes, not the ${claim.size} announced`;
  if (found.sha256 !== claim.sha256) return `its bytes hash to ${found.sha256}, not to ${claim.sha256}`;
  if (!isMediaType(found.type)) {
    const what = found.type === 'unknown' ? 'of no known type' : found.type;
    return `it is not a PNG, JPEG, GIF, WebP, AVIF or SVG image (its bytes are ${what})`;
  }
  if (found.type !== claim.type) return `its bytes are ${found.type}, not the ${claim.type} announced`;
  if (found.type === 'svg') {
    const problems = svgProblems(new TextDecoder('utf-8').decode(found.bytes ?? new Uint8Array()));
    if (problems.length > 0) return `an SVG must not run or load anything, and it has ${problems.join('; ')}`;
  }
  return undefined;
}
