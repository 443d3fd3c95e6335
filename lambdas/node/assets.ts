import { copyFileSync, existsSync, mkdirSync, readdirSync, type Stats, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SITE_FOLDERS } from '../site/layout.js';
import { templatesDir } from './templates-fs.js';

/** One file of the shared assets folder: where it comes from, and its path under `assets/`. */
export interface AssetFile {
  /** Absolute path of the file to copy. */
  source: string;
  /** Path inside the assets folder, `/`-separated, e.g. `reveal/plugin/notes.js`. */
  target: string;
}

// What a deck loads from reveal.js's dist/. The notes plugin builds its speaker view from its own
// code (an about:blank window it writes itself, with marked bundled in), so it needs no other file.
const REVEAL_FILES = [
  'reveal.js',
  'reveal.css',
  'reset.css',
  'plugin/notes.js',
  'plugin/highlight.js',
  'plugin/search.js',
  'plugin/zoom.js',
  'plugin/highlight/monokai.css',
];

/**
 * `folder` of an installed package, found where Node looks for packages (node_modules/<name> beside
 * this file and in each folder above it) by the package.json that marks it: a few stats, where
 * require.resolve, which reads the package and follows its entry points, cost about 5 ms of a CLI
 * run for the two packages here. Undefined when it is not there (another module layout).
 */
function installedDir(name: string, folder: string): string | undefined {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return join(candidate, folder);
    if (dirname(dir) === dir) return undefined;
  }
}

/** reveal.js's dist/ folder (its package has no ./package.json export; its main file lives in dist/). */
export function revealDistDir(): string {
  return installedDir('reveal.js', 'dist') ?? dirname(createRequire(import.meta.url).resolve('reveal.js'));
}

/** KaTeX's dist/ folder: its style sheet and fonts serve the math that decks carry, drawn at build time. */
export function katexDistDir(): string {
  return installedDir('katex', 'dist') ?? dirname(createRequire(import.meta.url).resolve('katex'));
}

// KaTeX's style sheet lists each font as woff2, then woff and ttf; every browser a deck runs in takes
// the woff2, so the other two (three quarters of the bytes) are not shipped.
function katexFiles(): AssetFile[] {
  const dist = katexDistDir();
  return [
    { source: join(dist, 'katex.min.css'), target: 'katex/katex.min.css' },
    ...filesIn(join(dist, 'fonts'))
      .filter((name) => name.endsWith('.woff2'))
      .map((name) => ({ source: join(dist, 'fonts', name), target: `katex/fonts/${name}` })),
  ];
}

function filesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

/** Every file of the shared assets folder: reveal.js and its plugins, KaTeX's style sheet and fonts, our themes and deck scripts. */
export function listAssets(dir: string = templatesDir()): AssetFile[] {
  const reveal = revealDistDir();
  return [
    ...REVEAL_FILES.map((file) => ({ source: join(reveal, file), target: `reveal/${file}` })),
    ...katexFiles(),
    ...filesIn(join(dir, 'themes'))
      .filter((name) => name.endsWith('.css'))
      .map((name) => ({ source: join(dir, 'themes', name), target: `themes/${name}` })),
    ...filesIn(join(dir, SITE_FOLDERS.assets)).map((name) => ({
      source: join(dir, SITE_FOLDERS.assets, name),
      target: name,
    })),
  ];
}

/**
 * Whether `copy` is still the copy of `source` this function made: the same size, and the source's
 * modification time (to the millisecond setting it keeps), which a copy is given when it is made; the
 * quick check rsync uses. Reading both files to compare them cost more than the rest of a small render.
 */
function isCopyOf(source: Stats, copy: string): boolean {
  const stats = statSync(copy, { throwIfNoEntry: false });
  return stats !== undefined && stats.size === source.size && Math.abs(stats.mtimeMs - source.mtimeMs) < 1;
}

/** Copy the shared assets into `<outDir>/assets/`, skipping the copies already there and unchanged. Returns the number copied. */
export function copyAssets(outDir: string, templatesFolder?: string): number {
  let copied = 0;
  for (const { source, target } of listAssets(templatesFolder)) {
    const destination = join(outDir, SITE_FOLDERS.assets, ...target.split('/'));
    const stats = statSync(source);
    if (isCopyOf(stats, destination)) continue;
    mkdirSync(dirname(destination), { recursive: true });
    copyFileSync(source, destination);
    utimesSync(destination, stats.atime, stats.mtime);
    copied += 1;
  }
  return copied;
}
