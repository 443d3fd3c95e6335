import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSet } from '../core/deck.js';
import { ConfigError } from '../core/errors.js';
import { BUNDLED_TEMPLATES } from './bundled-templates.js';

// templates/site/ is the instructors' page, served by the site; templates/preview/ the live preview's
// page script and style, served by `lectern preview`. Neither is part of any deck.
const SKIPPED_DIRS = new Set(['site', 'preview']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The repository's templates/ folder. Walks up from this module, so it works from the source tree
 * (lambdas/) and from a bundle one level down (dist/*.mjs) alike.
 */
export function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'deck.hbs'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new ConfigError('Cannot find the templates/ folder above this module', {
        code: 'templates-not-found',
      });
    dir = parent;
  }
}

function readText(file: string): string | undefined {
  const bytes = readFileSync(file);
  if (bytes.includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined; // not UTF-8: a binary file, not a template
  }
}

/** Read the text files under `dir` into `files`, keyed by `prefix` and their `/`-separated path below it. */
function readTree(dir: string, prefix: string, files: Record<string, string>): void {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!(prefix === '' && SKIPPED_DIRS.has(entry.name))) readTree(path, `${prefix}${entry.name}/`, files);
    } else if (entry.isFile()) {
      const text = readText(path);
      if (text !== undefined) files[`${prefix}${entry.name}`] = text;
    }
  }
}

const loaded = new Map<string, TemplateSet>();

/** Where the build writes the precompiled templates: beside the bundle that loads them (dist/). */
export const PRECOMPILED_FILE = 'templates.precompiled.json';

/**
 * Read every text file under templates/ (keyed by its path there), once per process and folder,
 * with the precompiled templates the build put in this bundle or left beside it, if any (each is
 * used only while its source is unchanged, so an edited template is simply compiled again).
 */
export function loadTemplates(dir: string = templatesDir()): TemplateSet {
  const cached = loaded.get(dir);
  if (cached) return cached;
  const files: Record<string, string> = {};
  readTree(dir, '', files);
  const precompiled =
    BUNDLED_TEMPLATES ?? readPrecompiled(join(dirname(fileURLToPath(import.meta.url)), PRECOMPILED_FILE));
  const set: TemplateSet = { files, ...(precompiled && { precompiled }), precompile: lazyPrecompile };
  loaded.set(dir, set);
  return set;
}

type Precompile = NonNullable<TemplateSet['precompile']>;
let compiler: Precompile | undefined;

/**
 * The Handlebars compiler, loaded from node_modules the first time a template has no precompiled
 * form (an edited template, or the tests). Loaded by a require the bundler does not follow, so the
 * bundles carry only the Handlebars runtime; the Lambda, whose templates are all precompiled, never
 * needs it.
 */
const lazyPrecompile: Precompile = (source, options) => {
  if (!compiler) {
    const load = createRequire(import.meta.url);
    const handlebars = load('handlebars') as { precompile(source: string, options: object): unknown };
    compiler = (text, opts) => String(handlebars.precompile(text, opts));
  }
  return compiler(source, options);
};

function readPrecompiled(file: string): TemplateSet['precompiled'] {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as TemplateSet['precompiled'];
  } catch {
    return undefined; // a damaged cache only costs the compile it would have saved
  }
}
