import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { MAX_MEDIA_BYTES, type MediaEntry } from '../core/media/media-entry.js';
import { imageSources, mediaSource } from '../core/media/media-path.js';
import { describeMedia } from './describe-media.js';

/**
 * The CLI's media adapter: reads the local images a lecture file names from beside it, and tells
 * the core what they are by their bytes (file-type for the binary formats, image-size for the
 * dimensions). Only paths the core's own rule accepts are read, and only inside the lecture's folder
 * (a symbolic link that leads out of it counts as missing).
 */

export interface LocalMedia {
  /** `src` as written → what was found. */
  entries: Map<string, MediaEntry>;
  /** `src` → the absolute path of the file read, for copying it into the output. */
  files: Map<string, string>;
  /** Every local path the lecture names, found or not: what a watcher follows. */
  paths: string[];
}

/**
 * What one run has already read, by real path, size and modification time: a figure several
 * lectures share is read and hashed once per run. A run (a `publish`) makes its own; a watcher
 * passes none, so an edited file is always read again.
 */
export type MediaReadCache = Map<string, Promise<MediaEntry>>;

/** Read every local image of a parsed lecture (`root`) written in `lectureFile`. */
export async function readLocalMedia(
  lectureFile: string,
  root: unknown,
  cache?: MediaReadCache,
): Promise<LocalMedia> {
  const entries = new Map<string, MediaEntry>();
  const files = new Map<string, string>();
  const paths: string[] = [];
  const folder = dirname(lectureFile);
  for (const src of new Set(imageSources(root))) {
    const source = mediaSource(src);
    if (source.kind !== 'local') continue;
    const file = join(folder, ...source.path.split('/'));
    paths.push(file);
    const entry = await readOne(folder, file, cache);
    entries.set(src, entry);
    if ('sha256' in entry) files.set(src, file);
  }
  return { entries, files, paths };
}

async function readOne(folder: string, file: string, cache?: MediaReadCache): Promise<MediaEntry> {
  try {
    const [real, realFolder] = await Promise.all([realpath(file), realpath(folder)]);
    const inside = relative(realFolder, real);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..') return { problem: 'missing' };
    const info = await stat(real);
    if (!info.isFile()) return { problem: 'not-a-file' };
    // Too large to take: the core refuses it by its size; its bytes are not read.
    if (info.size > MAX_MEDIA_BYTES) return { sha256: '', type: 'unknown', size: info.size };
    if (!cache) return await describeMedia(await readFile(real));
    const key = `${real}\0${info.size}\0${info.mtimeMs}`;
    let described = cache.get(key);
    if (!described) {
      described = readFile(real).then(describeMedia);
      cache.set(key, described);
    }
    return await described;
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'missing' };
    return { problem: 'unreadable', detail: code ?? String(cause) };
  }
}
