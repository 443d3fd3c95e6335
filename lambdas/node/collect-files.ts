import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { LectureFormat } from '../core/deck.js';
import { UsageError } from '../core/errors.js';

const LECTURE_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/** Expand the CLI's file arguments: files as given, folders to the lecture files inside them (sorted). */
export function collectFiles(args: readonly string[], cwd: string): string[] {
  const files: string[] = [];
  for (const arg of args) {
    const absolute = resolve(cwd, arg);
    let stats: ReturnType<typeof statSync>;
    try {
      stats = statSync(absolute);
    } catch {
      throw new UsageError(`${arg}: no such file or folder`);
    }
    if (stats.isDirectory()) files.push(...walk(arg, absolute));
    else files.push(arg);
  }
  return [...new Set(files)];
}

function walk(display: string, absolute: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(absolute, { withFileTypes: true }).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const child = join(absolute, entry.name);
    const shown = join(display, entry.name);
    if (entry.isDirectory()) found.push(...walk(shown, child));
    else if (
      LECTURE_EXTENSIONS.has(extname(entry.name).toLowerCase()) &&
      !isRenderedManifest(absolute, entry.name)
    )
      found.push(shown);
  }
  return found;
}

/** A rendered deck's deck.json (beside its index.html): output of `lectern render`, not a lecture. */
function isRenderedManifest(folder: string, name: string): boolean {
  return name === 'deck.json' && existsSync(join(folder, 'index.html'));
}

/** The parser to use for a file: JSON for .json, YAML otherwise. */
export function formatOf(file: string): LectureFormat {
  return extname(file).toLowerCase() === '.json' ? 'json' : 'yaml';
}
