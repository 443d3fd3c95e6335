import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CliIo } from '../../../lambdas/cli/io.js';
import { runCli } from '../../../lambdas/cli/run.js';
import { tempDir } from '../../support/temp-dir.js';

/** Run the CLI in-process in `cwd`, capturing what it prints. */
export async function lectern(cwd: string, ...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), interactive: false, cwd };
  const code = await runCli(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A fresh folder holding the given files (names may hold folders: `figs/map.png`); removed when the test file is done. */
export function workspace(files: Record<string, string | Uint8Array>): string {
  const dir = tempDir('cli');
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

export const GOOD = `id: good-deck
title: "Good deck"
duration: 2
sources:
  - id: src
    text: "A source"
sections:
  - title: "Part one"
    slides:
      - title: "First"
        points: ["one", "two"]
        notes: "Some notes to say."
        cite: [src]
`;

/** Same lecture with a cite naming no source on line 13. */
export const BAD_CITE = GOOD.replace('cite: [src]', 'cite: [nope]');
