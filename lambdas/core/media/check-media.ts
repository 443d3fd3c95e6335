import type { DocPath, Finding } from '../paths.js';
import type { Lecture } from '../schema.js';
import {
  isMediaFile,
  isMediaType,
  LARGE_MEDIA_BYTES,
  MAX_MEDIA_BYTES,
  type MediaEntry,
  type MediaMap,
} from './media-entry.js';
import { mediaSource } from './media-path.js';
import { svgProblems } from './svg-safety.js';

/**
 * The media check: every local image a lecture names must have been found, be an accepted image
 * type by its bytes, at most 20 MiB, and (an SVG) unable to run anything. Errors and warnings sit at
 * the image's `src`.
 */

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

function entryFindings(src: string, entry: MediaEntry | undefined, path: DocPath): Finding[] {
  const error = (code: string, message: string): Finding[] => [{ severity: 'error', code, path, message }];
  if (entry === undefined || !isMediaFile(entry)) {
    if (entry?.problem === 'not-a-file')
      return error('media-missing', `"${src}" is a folder, not an image file`);
    if (entry?.problem === 'not-stored' && entry.pending) {
      const message = `"${src}" is not on the site yet: publish the lecture with its figures (lectern publish, or pick them on the instructors' page)`;
      return [{ severity: 'warning', code: 'media-not-stored', path, message }];
    }
    if (entry?.problem === 'not-stored') {
      return error(
        'media-not-stored',
        `"${src}" is not stored on the site: upload it (POST /api/media) and name its hash in the publication's media`,
      );
    }
    if (entry?.problem === 'unreadable') {
      return error('media-unreadable', `"${src}" cannot be read (${entry.detail ?? 'no reason given'})`);
    }
    return error('media-missing', `"${src}" does not exist beside the lecture file`);
  }
  if (entry.size > MAX_MEDIA_BYTES) {
    return error(
      'media-too-large',
      `"${src}" is ${mib(entry.size)}; an image may be at most ${mib(MAX_MEDIA_BYTES)}`,
    );
  }
  if (!isMediaType(entry.type)) {
    const found = entry.type === 'unknown' ? 'bytes of no known type' : entry.type;
    return error(
      'media-type',
      `"${src}" is not a PNG, JPEG, GIF, WebP, AVIF or SVG image (its bytes are ${found})`,
    );
  }
  if (entry.type === 'svg') {
    if (!entry.bytes)
      return error('media-unreadable', `"${src}" is an SVG whose content was not given to check`);
    const problems = svgProblems(new TextDecoder('utf-8').decode(entry.bytes));
    if (problems.length > 0) {
      return error(
        'svg-unsafe',
        `"${src}" is refused: an SVG must not run or load anything, and it has ${problems.join('; ')}`,
      );
    }
  }
  if (entry.size > LARGE_MEDIA_BYTES) {
    const message = `"${src}" is ${mib(entry.size)}; over ${mib(LARGE_MEDIA_BYTES)} an image is slow on a lecture hall's Wi-Fi`;
    return [{ severity: 'warning', code: 'large-media', path, message }];
  }
  return [];
}

/** Errors and warnings about the lecture's local images, given what the adapter found (`media`). */
export function checkMedia(lecture: Lecture, media: MediaMap | undefined): Finding[] {
  const findings: Finding[] = [];
  lecture.sections.forEach((section, s) => {
    section.slides.forEach((slide, i) => {
      if (slide.kind !== 'image') return;
      const path: DocPath = ['sections', s, 'slides', i, 'src'];
      const source = mediaSource(slide.src);
      if (source.kind === 'url') return;
      if (source.kind === 'refused') {
        findings.push({ severity: 'error', code: 'media-path', path, message: source.message });
        return;
      }
      findings.push(...entryFindings(slide.src, media?.get(slide.src), path));
    });
  });
  return findings;
}
