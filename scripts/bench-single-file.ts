// The size of each course lecture as one self-contained file (`lectern render --single-file`), written by
// the built CLI as a user runs it. Figures only.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function benchSingleFile(root: string): { id: string; bytes: number }[] {
  const out = mkdtempSync(join(tmpdir(), 'lectern-bench-single-'));
  try {
    execFileSync(
      process.execPath,
      [
        join(root, 'bin', 'lectern.cjs'),
        'render',
        join(root, 'content', 'cold-war'),
        '--single-file',
        '--quiet',
        '--out',
        out,
      ],
      { cwd: root },
    );
    return readdirSync(out)
      .filter((name) => name.endsWith('.html'))
      .sort()
      .map((name) => ({ id: name.slice(0, -'.html'.length), bytes: statSync(join(out, name)).size }));
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
