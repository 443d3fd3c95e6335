import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
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
    `opens every course lecture and the all-kinds, math and figures fixtures with one page per slide, and draws the formula and the SVG figure${hasOffice ? '' : ' (skipped: soffice or pdfinfo not on PATH; apt-get install libreoffice-impress poppler-utils)'}`,
    async () => {
      const pages = mkdtempSync(join(tmpdir(), 'lectern-office-pages-'));
      const run = spawnSync('bash', [join(root, 'scripts/check-pptx-office.sh')], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, PNG_DIR: pages },
      });
      expect(run.stderr).not.toMatch(/FAIL/);
      expect(run.status).toBe(0);
      const ok = run.stdout.split('\n').filter((line) => line.startsWith('ok '));
      expect(ok.map((line) => line.split(':')[0]?.slice(5)).sort()).toEqual([
        'all-kinds',
        'figures-deck',
        'friendship-to-rivalry',
        'giant-new-ally',
        'math-deck',
        'uncertain-partners',
      ]);
      try {
        // The formula (slide 4 of the math deck) and the bar chart (slide 6 of the figures deck) are
        // pictures: LibreOffice shows their PNG. Ink where each stands means the picture was drawn.
        expect(
          await darkest('math-deck-4.png', { left: 0.2, top: 0.3, width: 0.6, height: 0.35 }),
        ).toBeLessThan(80);
        expect(await blueInk('figures-deck-6.png')).toBe(true);
      } finally {
        rmSync(pages, { recursive: true, force: true });
      }

      // The darkest channel value in a region of a page, given as fractions of the page.
      async function darkest(file: string, r: { left: number; top: number; width: number; height: number }) {
        const page = sharp(join(pages, file));
        const { width = 0, height = 0 } = await page.metadata();
        const region = {
          left: Math.round(r.left * width),
          top: Math.round(r.top * height),
          width: Math.round(r.width * width),
          height: Math.round(r.height * height),
        };
        const stats = await page.extract(region).stats();
        return Math.min(...stats.channels.slice(0, 3).map((c) => c.min));
      }
      // The chart's bars are steel blue (#4682b4): blue well above red somewhere on the page.
      async function blueInk(file: string) {
        const { data, info } = await sharp(join(pages, file))
          .removeAlpha()
          .raw()
          .toBuffer({ resolveWithObject: true });
        for (let i = 0; i < data.length; i += info.channels) {
          if ((data[i + 2] ?? 0) - (data[i] ?? 0) > 80) return true;
        }
        return false;
      }
    },
    180_000,
  );
});
