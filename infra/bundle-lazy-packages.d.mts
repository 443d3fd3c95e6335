/** The packages the API Lambda loads only on demand, shipped beside its handler. */
export const LAZY_PACKAGES: readonly string[];
/** What the file of a lazy package exports: its default export, all it has, or these names. */
export function lazyExports(name: string): 'default' | '*' | readonly string[] | undefined;
/** Write each lazy package into `outDir/node_modules/<name>/index.mjs` with a package.json naming it. */
export function lazyPackages(outDir: string, projectRoot: string): Promise<void>;
