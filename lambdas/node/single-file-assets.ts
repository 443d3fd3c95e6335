import { readFileSync } from 'node:fs';
import { listAssets } from './assets.js';

/**
 * The shared assets' bytes, by their path under the assets folder: what the core's single-file
 * step inlines. Read once per process (about 1.5 MB, KaTeX's fonts included).
 */
let loaded: ReadonlyMap<string, Uint8Array> | undefined;

export function readAssetBytes(templatesFolder?: string): ReadonlyMap<string, Uint8Array> {
  if (templatesFolder !== undefined) return readAll(templatesFolder);
  loaded ??= readAll();
  return loaded;
}

function readAll(templatesFolder?: string): ReadonlyMap<string, Uint8Array> {
  return new Map(listAssets(templatesFolder).map(({ source, target }) => [target, readFileSync(source)]));
}
