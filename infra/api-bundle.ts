import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';
import { SHIPPED_BESIDE } from './bundle-lazy-packages.mjs';

/**
 * How the API Lambda is bundled, in one place: the stack (NodejsFunction) and scripts/bench-bundle.ts
 * both read it, so the size the benchmark reports is the size that is deployed. No aws-cdk-lib here,
 * so the benchmark loads in milliseconds.
 */

/** The repository root: this file is in infra/. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export const API_BUNDLE = {
  entry: join(PROJECT_ROOT, 'lambdas', 'handlers', 'api-handler.ts'),
  /** Node 24 is the Lambda runtime (nodejs24.x). */
  target: 'node24',
  // ESM because the handler finds its templates from import.meta.url.
  format: 'esm',
  minify: true,
  mainFields: ['module', 'main'],
  // The Node.js 24 runtime ships the AWS SDK v3; bundling it would add ~600 KB to every cold start.
  // source-map: Handlebars' compiler loads it inside a try/catch only to emit source maps of compiled
  // templates, which we never ask for; left out, it falls back to its own stub (27 KB saved).
  // SHIPPED_BESIDE (the PowerPoint writer's pptxgenjs, jszip, fflate, MathJax and sharp, KaTeX, file-type,
  // image-size, the S3 client's parts): imported on the first request that needs them; the bundling
  // hook ships them beside the handler as node_modules/ (infra/bundle-lazy-packages.mjs), out of this file.
  external: ['@aws-sdk/*', 'source-map', ...SHIPPED_BESIDE],
  // Bundled CommonJS packages (handlebars) call require(), which ESM output lacks.
  banner:
    "import { createRequire as __lecternRequire } from 'node:module'; const require = __lecternRequire(import.meta.url);",
} as const;

/**
 * API_BUNDLE as esbuild options, for what bundles the handler (or code beside it) outside the CDK: the
 * code folder's writer, the bundle-size and cold-start benches. Entry and output are the caller's.
 */
export function apiBuildOptions(): BuildOptions {
  return {
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    platform: 'node',
    target: API_BUNDLE.target,
    format: API_BUNDLE.format,
    minify: API_BUNDLE.minify,
    mainFields: [...API_BUNDLE.mainFields],
    external: [...API_BUNDLE.external],
    banner: { js: API_BUNDLE.banner },
    logLevel: 'warning',
  };
}
