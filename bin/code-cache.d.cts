/** Where a user would look for the code cache: beside the bundle, then the OS's cache folder. */
export function cacheDirs(bundle: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string[];
/** The cache file's name for these bundle bytes under this Node; `stem` names the bundle (`cli` by default). */
export function cacheName(source: string | Uint8Array, stem?: string): string;
/** The folder beside the main bundle that holds the bundles of the packages loaded on demand. */
export const LAZY_DIR: string;
/** Write the cache into the first folder that takes it; the file written, or undefined when none did. */
export function writeCache(dirs: readonly string[], name: string, data: Uint8Array): string | undefined;
/** The stem of a bundle's caches under V8 `flags` (the stem itself when there are none). */
export function flaggedStem(stem: string, flags: string): string;
/** Run a CommonJS bundle with V8's code cache, under V8 `flags` if any; what happened to the cache. */
export function runBundle(
  bundle: string,
  dirs?: readonly string[],
  flags?: string,
): 'used' | 'absent' | 'rejected';
