/** The packages the API Lambda loads only on demand, shipped beside its handler. */
export const LAZY_PACKAGES: readonly string[];
/** The packages the pipeline requires on first use, shipped beside the handler as CommonJS files. */
export const REQUIRED_PACKAGES: readonly string[];
/** Every package the handler's bundle leaves out because it ships beside it. */
export const SHIPPED_BESIDE: readonly string[];
/** What the file of a lazy package exports: its default export, all it has, or these names. */
export function lazyExports(name: string): 'default' | '*' | readonly string[] | undefined;
/** Write each lazy package into `outDir/node_modules/<name>/` (index.mjs, or index.cjs for a required one) with a package.json naming it. */
export function lazyPackages(outDir: string, projectRoot: string): Promise<void>;
/** MathJax's modules the PowerPoint writer imports, and the names it takes from each. */
export const MATHJAX_MODULES: Record<string, string[]>;
/** The Lambda function's platform, for sharp's native parts. */
export const LAMBDA_PLATFORM: { os: string; cpu: string; libc: string };
/** sharp for LAMBDA_PLATFORM, copied into `outDir/node_modules`. */
export function installSharp(outDir: string, projectRoot: string): void;
/** Write one lazy package into `outDir/node_modules/<name>/` (index.mjs and its chunks) with a package.json naming it. */
export function lazyPackage(outDir: string, projectRoot: string, name: string): Promise<void>;
/** `source` with each computed key naming a string constant of the file written as that string. */
export function inlineSchemaKeys(source: string): string;
