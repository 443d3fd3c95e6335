import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// LibreOffice is large: on a developer's machine without it this check is skipped, and says why in its
// name. CI (.ci/run installs it) must run it, so there a missing suite fails instead.
// scripts/check-pptx-office.sh is the same check, run by hand.
const hasOffice = ['soffice', 'pdfinfo'].every(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0,
);
const root = join(import.meta.dirname, '../..');

describe('PowerPoint files in LibreOffice Impress', () => {
  it.runIf(process.env.CI === 'true')('is installed where CI runs', () => {
    expect(hasOffice, 'soffice and pdfinfo must be on PATH in CI (.ci/run installs them)').toBe(true);
  });

  it.skipIf(!hasOffice)(
    `opens every course lecture and the all-kinds fixture with one page per slide${hasOffice ? '' : ' (skipped: soffice or pdfinfo not on PATH; apt-get install libreoffice-impress poppler-utils)'}`,
    () => {
      const run = spawnSync('bash', [join(root, 'scripts/check-pptx-office.sh')], {
        cwd: root,
        encoding: 'utf8',
      });
      expect(run.stderr).not.toMatch(/FAIL/);
      expect(run.status).toBe(0);
      const ok = run.stdout.split('\n').filter((line) => line.startsWith('ok '));
      expect(ok.map((line) => line.split(':')[0]?.slice(5)).sort()).toEqual([
        'all-kinds',
        'friendship-to-rivalry',
        'giant-new-ally',
        'uncertain-partners',
      ]);
    },
    180_000,
  );
});
