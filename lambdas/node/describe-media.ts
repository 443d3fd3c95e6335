import { createHash } from 'node:crypto';
import type { MediaFile } from '../core/media/media-entry.js';
import { looksLikeSvg } from '../core/media/svg-safety.js';

/**
 * What a media file's bytes are: their SHA-256, their type by their content (file-type for the
 * binary formats, the root element for SVG), and the picture's size (image-size). The CLI describes
 * files it reads from disk with it, the site the bytes an instructor uploaded.
 */

const TYPE_OF_MIME: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
};

export async function describeMedia(bytes: Uint8Array): Promise<MediaFile> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  // An SVG is XML text: no signature says "SVG", so its root element decides.
  const xml = !detected || /xml/.test(detected.mime);
  const type =
    xml && looksLikeSvg(bytes)
      ? 'svg'
      : detected
        ? (TYPE_OF_MIME[detected.mime] ?? detected.mime)
        : 'unknown';
  const file: MediaFile = { sha256, type, size: bytes.length };
  if (type === 'svg') file.bytes = bytes;
  if (type === 'svg' || Object.values(TYPE_OF_MIME).includes(type)) {
    try {
      const { imageSize } = await import('image-size');
      const { width, height } = imageSize(bytes);
      if (width) file.width = width;
      if (height) file.height = height;
    } catch {
      // No size (an SVG with only a viewBox, say): the browser sizes it.
    }
  }
  return file;
}
