import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Folders the synth stages files in (precompiled templates, the assets): CDK copies what it needs of
 * them into its output while it synthesises, so they go when the process ends.
 */
const made: string[] = [];

export function scratchDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `lectern-${name}-`));
  if (made.length === 0) {
    process.once('exit', () => {
      for (const folder of made) rmSync(folder, { recursive: true, force: true });
    });
  }
  made.push(dir);
  return dir;
}
