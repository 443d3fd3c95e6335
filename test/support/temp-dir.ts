import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered when a test file first imports this module: its folders go when its tests are done.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the system's temp folder, removed after the importing test file has run. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `lectern-${name}-`));
  made.push(dir);
  return dir;
}
