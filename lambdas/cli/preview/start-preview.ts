import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TemplateSet } from '../../core/deck.js';
import { listAssets } from '../../node/assets.js';
import { templatesDir } from '../../node/templates-fs.js';
import { countDiagnostics } from '../format-diagnostic.js';
import type { CliIo } from '../io.js';
import { type DeckUpdate, deckUpdate } from './deck-frame.js';
import { DeckSet, type Update } from './deck-set.js';
import { startPreviewServer } from './preview-server.js';
import { formatWithSource } from './source-excerpt.js';
import { watchFiles } from './watch-files.js';

export interface PreviewOptions {
  /** Lecture files, folders and course files, as given on the command line. */
  args: readonly string[];
  io: CliIo;
  templates: TemplateSet;
  host: string;
  port: number;
  /** How long a burst of saves must be quiet before the decks render again. */
  quietMs?: number;
}

export interface RunningPreview {
  url: string;
  decks: DeckSet;
  /** Open event streams (tabs following the preview). */
  clients(): number;
  close(): Promise<void>;
}

/**
 * A save burst is over after this much quiet: longer than an editor's write-rename-touch and than the
 * gap between saves of a burst of twenty a second (50 ms), short beside the rest of a repaint.
 */
export const QUIET_MS = 80;

/** Renders thrown away at start, so that the first saves are rendered by compiled code (see DeckSet.warmUp). */
const WARM_UP_RENDERS = 10;

/** Print what a refresh found: each file rendered again, or its errors with the offending line. */
function report(io: CliIo, update: Update, base: string, ms?: number): void {
  for (const { file, diagnostics } of update.courseProblems) {
    for (const d of diagnostics) io.err(formatWithSource(file, d, undefined));
  }
  for (const slot of update.rendered) {
    const errors = slot.diagnostics.filter((d) => d.severity === 'error').length;
    const warnings = slot.diagnostics.length - errors;
    if (errors > 0) {
      for (const d of slot.diagnostics) io.err(formatWithSource(slot.file, d, slot.text));
      io.err(
        `${slot.file}: ${countDiagnostics(errors, warnings)}; its tab shows them until the file is fixed`,
      );
    } else {
      const time = new Date().toTimeString().slice(0, 8);
      const slides = slot.manifest?.slides ?? 0;
      const extra = warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '';
      const took = ms === undefined ? '' : ` in ${Math.round(ms)} ms`;
      io.out(`${time} rendered ${slot.file} → ${base}/${slot.id}/ (${slides} slides${extra})${took}`);
    }
  }
}

/** The new slides of each deck rendered without errors, by its path: its tabs swap them in place. */
function slideUpdates(update: Update, current: DeckSet): Record<string, DeckUpdate> {
  const decks: Record<string, DeckUpdate> = {};
  // A file whose id another file holds has not taken its URL: it is not what those tabs show.
  for (const slot of update.rendered.filter((rendered) => current.byId(rendered.id) === rendered)) {
    const parts = slot.files && slot.manifest && deckUpdate(slot.files, slot.manifest.title);
    if (parts && slot.diagnostics.every((d) => d.severity !== 'error')) decks[`/${slot.id}/`] = parts;
  }
  return decks;
}

/** `lectern preview`, running: the decks rendered, served and watched. */
export async function startPreview(options: PreviewOptions): Promise<RunningPreview> {
  const { io } = options;
  const decks = new DeckSet(options.args, io.cwd, options.templates);
  const first = await decks.refresh();
  const dir = templatesDir();
  const server = await startPreviewServer({
    decks,
    assets: new Map(listAssets(dir).map(({ source, target }) => [target, source])),
    previewDir: join(dir, 'preview'),
    host: options.host,
    port: options.port,
  });
  report(io, first, server.url);
  const trees = options.args
    .map((arg) => resolve(io.cwd, arg))
    .filter((path) => {
      try {
        return statSync(path).isDirectory();
      } catch {
        return false;
      }
    });
  const watcher = await watchFiles(trees, decks.folders(), options.quietMs ?? QUIET_MS, (paths) => {
    const started = performance.now();
    decks.refresh(paths).then(
      (update) => {
        report(io, update, server.url, performance.now() - started);
        watcher.addFolders(decks.folders());
        if (update.changed.length > 0) {
          server.broadcast({
            changed: update.changed,
            moved: update.moved,
            decks: slideUpdates(update, decks),
          });
        }
      },
      (error: unknown) => io.err(`preview: ${error instanceof Error ? error.message : String(error)}`),
    );
  });
  let closed = false;
  // Errors here are the next refresh's to report.
  decks.warmUp(WARM_UP_RENDERS, () => closed || watcher.changes() > 0).catch(() => undefined);
  return {
    url: server.url,
    decks,
    clients: server.clients,
    async close() {
      closed = true;
      await Promise.all([watcher.close(), server.close()]);
    },
  };
}
