/** The packages the API Lambda loads only on demand, shipped beside its handler. */
export const LAZY_PACKAGES: readonly string[];
/** Write each lazy package into `outDir/node_modules/<name>/index.mjs` with a package.json naming it. */
export function lazyPackages(outDir: string, projectRoot: string): Promise<void>;
