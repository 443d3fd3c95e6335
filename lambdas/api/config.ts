import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../core/errors.js';
import { DEFAULT_DECKS_PREFIX, ENV } from '../site/env-names.js';

export interface ApiConfig {
  bucket: string;
  endpoint?: string;
  region?: string;
  prefix: string;
  /** Undefined: let loadTemplates() use its own default (the repository's templates/). */
  templatesDir?: string;
  /** The shared assets the deployment ships beside the handler; undefined: read them from node_modules. */
  assetsDir?: string;
  /**
   * Where new versions' exports are made: `request` (before the publish answers), or `event` (a job
   * file under export-jobs/, whose arrival the bucket reports to the export function).
   */
  exports: 'request' | 'event';
}

/** The Lambda's configuration, read once at cold start; a missing bucket is a deployment error. */
export function readApiConfig(
  env: Readonly<Record<string, string | undefined>>,
  bundleUrl: string,
): ApiConfig {
  const bucket = env[ENV.bucket];
  if (!bucket) throw new ConfigError(`${ENV.bucket} must name the decks bucket`, { key: ENV.bucket });
  const templatesDir = env[ENV.templatesDir] || templatesBeside(bundleUrl);
  const exports = env[ENV.exports] || 'request';
  if (exports !== 'request' && exports !== 'event')
    throw new ConfigError(`${ENV.exports} must be "request" or "event" (found "${exports}")`, {
      key: ENV.exports,
    });
  return {
    bucket,
    exports,
    prefix: env[ENV.decksPrefix] || DEFAULT_DECKS_PREFIX,
    ...(env[ENV.endpoint] ? { endpoint: env[ENV.endpoint] } : {}),
    ...(env[ENV.region] ? { region: env[ENV.region] } : {}),
    ...(templatesDir ? { templatesDir } : {}),
    ...(assetsBeside(bundleUrl) ?? {}),
  };
}

/** The deployment copies the site's assets folder (reveal.js, themes, KaTeX) next to the handler too. */
function assetsBeside(bundleUrl: string): { assetsDir: string } | undefined {
  const dir = join(dirname(fileURLToPath(bundleUrl)), 'assets');
  return existsSync(join(dir, 'reveal', 'reveal.js')) ? { assetsDir: dir } : undefined;
}

/** The deployment copies templates/ next to the bundled handler. */
function templatesBeside(bundleUrl: string): string | undefined {
  const dir = join(dirname(fileURLToPath(bundleUrl)), 'templates');
  return existsSync(join(dir, 'deck.hbs')) ? dir : undefined;
}
