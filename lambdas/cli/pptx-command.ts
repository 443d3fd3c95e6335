import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { TemplateSet } from '../core/deck.js';
import { UsageError } from '../core/errors.js';
import { readPptxImages } from '../node/pptx-images.js';
import { loadTemplates } from '../node/templates-fs.js';
import { ASSETS_BASE } from '../site/layout.js';
import { buildFile, type FileResult } from './check-file.js';
import { DiagnosticReport } from './diagnostic-report.js';
import type { CliIo } from './io.js';

export const PPTX_USAGE = `Usage: lectern pptx <file> --out <file.pptx>

Write a lecture as an editable PowerPoint file (16:9): the same slides as its deck, in the same
order, with every title, point, table cell and note as text that PowerPoint, Keynote, Google Slides
and LibreOffice Impress can edit. No browser is needed.

Options:
  -o, --out <file.pptx>   where to write the file                   [required]
  -h, --help              show this help

Exit status: 0 when written, 1 when the lecture has an error (nothing is written), 2 on a usage mistake.`;

/** `lectern pptx`: check the lecture as the deck does, then write its slides as a .pptx file. */
export async function runPptx(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(PPTX_USAGE);
    return 0;
  }
  if (!values.out) throw new UsageError('pptx needs --out <file.pptx>');
  if (positionals.length !== 1) throw new UsageError('pptx takes exactly one lecture file');
  const file = positionals[0] as string;
  const templates = loadTemplates();
  const built = await buildFile(file, io.cwd, templates, ASSETS_BASE.output, new Date().toISOString());
  const report = new DiagnosticReport();
  report.add(file, built.result.diagnostics);
  for (const line of report.lines({ errorsOnly: true })) io.err(line);
  if (!built.result.ok) return 1;
  const bytes = await pptxBytes(built, templates);
  writeAtomically(resolve(io.cwd, values.out), bytes);
  io.err(`${file} → ${values.out}`);
  return 0;
}

/** The .pptx bytes of a lecture file that built; the writer (and pptxgenjs) is loaded here, on first use. */
export async function pptxBytes(built: FileResult, templates: TemplateSet): Promise<Uint8Array> {
  if (!built.result.ok) throw new TypeError('pptxBytes needs a lecture that built');
  const { writePptx } = await import('../pptx/write-pptx.js');
  const images = await readPptxImages(built.media, built.mediaFiles);
  return writePptx({ lecture: built.result.lecture, templates, images });
}

/** Write `bytes` to `target` through a temporary file beside it, so a reader never sees half a file. */
export function writeAtomically(target: string, bytes: Uint8Array): void {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
