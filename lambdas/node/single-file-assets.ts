import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
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

/**
 * The same, read from a folder laid out as the site's assets folder (the Lambda ships one beside its
 * handler, as `listAssets` lists it at synth time). Read once per folder and process.
 */
const folders = new Map<string, ReadonlyMap<string, Uint8Array>>();

export function readAssetFolder(dir: string): ReadonlyMap<string, Uint8Array> {
  let assets = folders.get(dir);
  if (!assets) {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) =>
      entry.isFile(),
    );
    assets = new Map(
      files.map((entry) => {
        const path = join(entry.parentPath, entry.name);
        return [relative(dir, path).split(sep).join('/'), readFileSync(path)];
      }),
    );
    folders.set(dir, assets);
  }
  return assets;
}
