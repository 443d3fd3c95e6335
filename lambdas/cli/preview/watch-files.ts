import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { ChokidarOptions, FSWatcher } from 'chokidar';

export interface FileWatcher {
  /** Follow these folders too (each to its own files only, not below). */
  addFolders(folders: readonly string[]): void;
  /** How many changes it has seen so far. */
  changes(): number;
  close(): Promise<void>;
}

// Hidden files (editors' swap and backup files: .x.swp, .#x), node_modules, and `~` backups never matter.
const IGNORED = (path: string) => {
  const name = basename(path);
  return name.startsWith('.') || name === 'node_modules' || name.endsWith('~');
};

/** How long a folder just added to the watch takes to be watched for sure. */
const RECHECK_MS = 300;

/**
 * Watch folders (`trees` with everything below, `folders` one level) and call `onBatch` with the
 * absolute paths that changed, once a burst of saves has been quiet for `quietMs`: an editor's
 * write, rename and touch of one save, or twenty saves in a second, make one batch.
 */
export async function watchFiles(
  trees: readonly string[],
  folders: readonly string[],
  quietMs: number,
  onBatch: (paths: Set<string>) => void,
): Promise<FileWatcher> {
  const { watch } = await import('chokidar');
  let pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let seen = 0;
  const note = (path: string) => {
    seen += 1;
    pending.add(resolve(path));
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const batch = pending;
      pending = new Set();
      onBatch(batch);
    }, quietMs);
  };
  // A watcher given no path never says it is ready: start each with its paths, or not at all.
  const start = (paths: readonly string[], options: ChokidarOptions) =>
    paths.length === 0
      ? undefined
      : new Promise<FSWatcher>((done) => {
          const watcher = watch([...paths], options);
          watcher.once('ready', () => done(watcher));
        });
  const options: ChokidarOptions = { ignoreInitial: true, ignored: IGNORED };
  const deep = await start(trees, options);
  let shallow = await start(folders, { ...options, depth: 0 });
  const started = () => [deep, shallow].filter((w): w is FSWatcher => w !== undefined);
  const known = new Set(folders.map((folder) => resolve(folder)));
  let recheck: NodeJS.Timeout | undefined;
  const listen = (watcher: FSWatcher) => {
    watcher.on('all', (event, path) => {
      // A folder that goes is no longer watched: forgotten here, so it is watched again once it is back.
      if (event === 'unlinkDir') known.delete(resolve(path));
      note(path);
    });
    watcher.on('error', () => {
      // A folder that vanished: the next batch's listing reports what is missing.
    });
  };
  for (const watcher of started()) listen(watcher);
  return {
    changes: () => seen,
    addFolders(more) {
      // A folder not there yet is left for later: its parent's watcher reports it when it appears.
      const fresh = more
        .map((folder) => resolve(folder))
        .filter((folder) => !known.has(folder) && existsSync(folder));
      for (const folder of fresh) known.add(folder);
      if (fresh.length === 0) return;
      if (shallow) shallow.add(fresh);
      else {
        shallow = watch(fresh, { ...options, depth: 0 });
        listen(shallow);
      }
      // A file written while its folder was being taken on (a folder just re-created, say) has no
      // event of its own: once the watch stands, the folder counts as changed, and what uses it is
      // checked again (a deck whose output is the same is not reloaded).
      recheck = setTimeout(() => {
        for (const folder of fresh) note(folder);
      }, RECHECK_MS);
    },
    async close() {
      if (timer) clearTimeout(timer);
      if (recheck) clearTimeout(recheck);
      await Promise.all(started().map((watcher) => watcher.close()));
    },
  };
}
