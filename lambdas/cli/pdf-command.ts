import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { LecternError, UsageError } from '../core/errors.js';
import { copyAssets } from '../node/assets.js';
import { chromiumPath, launchChromium } from '../node/chromium.js';
import { loadTemplates } from '../node/templates-fs.js';
import { writeStaged } from '../node/write-whole.js';
import { ASSETS_BASE } from '../site/layout.js';
import { buildFile } from './check-file.js';
import { DiagnosticReport } from './diagnostic-report.js';
import type { CliIo } from './io.js';
import { serveFolder } from './static-server.js';
import { writeDeckFolder } from './write-deck.js';
import { writeMediaFiles } from './write-media.js';

export const PDF_USAGE = `Usage: lectern pdf <file> --out <file.pdf> [--notes] [--handout] [--paper a4|letter]

Print a lecture to PDF through Chromium: the deck, one page per slide, or with --handout the
printable handout. Needs Chromium (Debian: apt-get install chromium); set CHROMIUM_PATH if it is not
at /usr/bin/chromium.

Options:
  -o, --out <file.pdf>   where to write the PDF                       [required]
      --notes            deck only: each slide's notes on a page after it
      --handout          print the handout instead of the deck
      --paper <size>     handout paper size: a4 (default) or letter
  -h, --help             show this help`;

/** `lectern pdf`: render to a temporary folder, serve it on loopback, print it with Chromium. */
export async function runPdf(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      notes: { type: 'boolean' },
      handout: { type: 'boolean' },
      paper: { type: 'string', default: 'a4' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(PDF_USAGE);
    return 0;
  }
  if (!values.out) throw new UsageError('pdf needs --out <file.pdf>');
  if (positionals.length !== 1) throw new UsageError('pdf takes exactly one lecture file');
  const paper = values.paper?.toLowerCase();
  if (paper !== 'a4' && paper !== 'letter') throw new UsageError('--paper must be a4 or letter');
  const file = positionals[0] as string;

  const { result, mediaFiles } = await buildFile(
    file,
    io.cwd,
    loadTemplates(),
    ASSETS_BASE.output,
    new Date().toISOString(),
  );
  const report = new DiagnosticReport();
  report.add(file, result.diagnostics);
  for (const line of report.lines({ errorsOnly: true })) io.err(line);
  if (!result.ok) return 1;

  const site = mkdtempSync(join(tmpdir(), 'lectern-pdf-'));
  const server = await serveFolder(site);
  try {
    writeMediaFiles(site, result.deck.media, mediaFiles);
    writeDeckFolder(site, result.manifest.id, result.deck.files);
    copyAssets(site);
    const page = values.handout
      ? `${server.url}/${result.manifest.id}/handout.html`
      : `${server.url}/${result.manifest.id}/index.html?print-pdf${values.notes ? '&showNotes=separate-page' : ''}`;
    const target = resolve(io.cwd, values.out);
    await printPage(page, target, values.handout ? { format: paper === 'a4' ? 'A4' : 'Letter' } : undefined);
    io.err(`${file} → ${values.out}`);
    return 0;
  } finally {
    await server.close();
    rmSync(site, { recursive: true, force: true });
  }
}

async function printPage(url: string, target: string, paper?: { format: 'A4' | 'Letter' }): Promise<void> {
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (cause) {
    throw new LecternError(
      'chromium-missing',
      `cannot start Chromium at ${chromiumPath()} (install it, or set CHROMIUM_PATH)`,
      { cause },
    );
  }
  try {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    if (!paper) {
      // reveal.js lays the print view out after it is ready; wait for its page wrappers.
      await page.waitForSelector('.reveal .pdf-page', { timeout: 30_000 });
    }
    await writeStaged(target, (partial) =>
      page.pdf(
        paper
          ? {
              path: partial,
              format: paper.format,
              printBackground: true,
              margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' },
            }
          : { path: partial, preferCSSPageSize: true, printBackground: true },
      ),
    );
  } finally {
    await browser.close();
  }
}
