/**
 * Local media as the core receives it: the adapter that read the files (the CLI from disk, later the
 * API from its media store) hands over a map from each `src` as the lecture writes it to what it
 * found there. The core never reads a file itself.
 */

/** The image types a lecture may use, by the type their bytes show. */
export const MEDIA_TYPES = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
} as const;
export type MediaType = keyof typeof MEDIA_TYPES;

/** Above this a file is refused. */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;
/** Above this a file is accepted with a warning: slow on a lecture hall's Wi-Fi. */
export const LARGE_MEDIA_BYTES = 2 * 1024 * 1024;
/** Hex digits of the SHA-256 kept in a media file's name. */
export const MEDIA_HASH_LENGTH = 16;

/** A file that was found and read. */
export interface MediaFile {
  /** SHA-256 of the bytes, hex. */
  sha256: string;
  /** What the bytes are (`png`, `svg`, …), or the MIME type found for anything else, or `unknown`. */
  type: string;
  /** Size in bytes. */
  size: number;
  width?: number;
  height?: number;
  /** The bytes: needed for an SVG (checked for anything that could run); optional otherwise. */
  bytes?: Uint8Array;
}

/** A file that could not be had: missing, unreadable, or not a file. */
export interface MediaProblem {
  /** `not-stored`: the site holds no checked file for the hash the publication named (or named none). */
  problem: 'missing' | 'unreadable' | 'not-a-file' | 'not-stored';
  /** What the system said (an errno code, say). */
  detail?: string;
  /** `not-stored` while only checking (nothing is published): a warning, since it is uploaded with the lecture. */
  pending?: boolean;
}

export type MediaEntry = MediaFile | MediaProblem;
/** `src` as written in the lecture → what the adapter found. */
export type MediaMap = ReadonlyMap<string, MediaEntry>;

export function isMediaFile(entry: MediaEntry): entry is MediaFile {
  return 'sha256' in entry;
}

export function isMediaType(type: string): type is MediaType {
  return Object.hasOwn(MEDIA_TYPES, type);
}

/** A media file's name in the output's `media/` folder: its content hash and its type's extension. */
export function mediaFileName(file: MediaFile): string {
  const ext = file.type === 'jpeg' ? 'jpg' : file.type;
  return `${file.sha256.slice(0, MEDIA_HASH_LENGTH)}.${ext}`;
}
