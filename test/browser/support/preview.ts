import { copyFileSync, cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CliIo } from '../../../lambdas/cli/io.js';
import { type RunningPreview, startPreview } from '../../../lambdas/cli/preview/start-preview.js';
import { loadTemplates } from '../../../lambdas/node/templates-fs.js';
import { tempDir } from '../../support/temp-dir.js';

export interface PreviewRun {
  preview: RunningPreview;
  /** The folder the preview watches: copies of the given lectures. */
  dir: string;
  /** Everything the preview printed, stdout and stderr in order. */
  lines: string[];
  close(): Promise<void>;
}

/**
 * A real `lectern preview` of copies of `files` in a fresh folder, on a free loopback port; the
 * `figures/` folder beside them (the course keeps its images there) is copied too. The folder goes
 * on `close`, or after the test file if a test fails before closing.
 */
export async function startPreviewOf(files: readonly string[], quietMs?: number): Promise<PreviewRun> {
  const dir = tempDir('preview');
  for (const file of files) {
    copyFileSync(file, join(dir, basename(file)));
    const figures = join(dirname(file), 'figures');
    if (existsSync(figures)) cpSync(figures, join(dir, 'figures'), { recursive: true });
  }
  return startPreviewIn(dir, ['.'], quietMs);
}

/**
 * A real `lectern preview` of a fresh folder holding `files` (names may hold folders:
 * `figs/chart.svg`), started with `args` (paths inside the folder), on a free loopback port.
 */
export async function startPreviewWith(
  files: Record<string, string | Uint8Array>,
  args: readonly string[],
  quietMs?: number,
): Promise<PreviewRun> {
  const dir = tempDir('preview');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return startPreviewIn(dir, args, quietMs);
}

async function startPreviewIn(dir: string, args: readonly string[], quietMs?: number): Promise<PreviewRun> {
  const lines: string[] = [];
  const io: CliIo = { out: (t) => lines.push(t), err: (t) => lines.push(t), interactive: false, cwd: dir };
  let preview: RunningPreview;
  try {
    preview = await startPreview({
      args,
      io,
      templates: loadTemplates(),
      host: '127.0.0.1',
      port: 0,
      ...(quietMs !== undefined && { quietMs }),
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const close = async () => {
    try {
      await preview.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { preview, dir, lines, close };
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Polls `probe` until it answers something, or fails after `ms` naming `what`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 10_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(40);
  }
}
