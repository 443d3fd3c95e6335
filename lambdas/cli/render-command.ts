import { mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DeckManifest } from '../core/deck.js';
import { UsageError } from '../core/errors.js';
import { copyAssets } from '../node/assets.js';
import { collectFiles } from '../node/collect-files.js';
import { sortCourseFiles } from '../node/course-files.js';
import { readAssetBytes } from '../node/single-file-assets.js';
import { loadTemplates } from '../node/templates-fs.js';
import { ASSETS_BASE, DECK_FILES, RESERVED_IDS } from '../site/layout.js';
import { buildFile } from './check-file.js';
import { writeCoursePage } from './course-page.js';
import { DiagnosticReport } from './diagnostic-report.js';
import type { CliIo } from './io.js';
import { pptxBytes } from './pptx-command.js';
import { Progress } from './progress.js';
import { writeDeckFolder } from './write-deck.js';
import { writeMediaFiles } from './write-media.js';
import { writeSingleFile } from './write-single-file.js';

/** A file size for people: `412 KB`, `1.3 MB`. */
function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const RENDER_USAGE = `Usage: lectern render <file|folder|course.yaml…> --out <dir> [--single-file | --pptx]

Render lecture files into reveal.js decks that need no server beyond a static one:
  <dir>/<id>/index.html     the deck (S: speaker view, Esc: overview, ?print-pdf: print)
  <dir>/<id>/handout.html   a printable handout with the notes
  <dir>/<id>/deck.json      id, title, version, slide count, warnings
  <dir>/<id>/deck.pptx      with --pptx: the deck as an editable PowerPoint file
  <dir>/assets/             reveal.js, plugins and themes, shared by every deck
  <dir>/index.html          a course page linking the decks, in the order of any course
                            file (course.yaml) given or found in a folder (not written
                            for a single lecture)
With --single-file, each deck is instead one self-contained file, for e-mail or an LMS:
  <dir>/<id>.html           reveal.js, its plugins, the theme, math fonts and images inlined;
                            opens from disk with no network, speaker view (S) and ?print-pdf too
A file with errors is reported and nothing is written for it; the other files still render.

Options:
  -o, --out <dir>   folder to write into (created if missing)   [required]
      --single-file one <id>.html per deck, everything inlined
      --pptx        also write each deck as <dir>/<id>/deck.pptx
  -q, --quiet       print errors only
  -h, --help        show this help

Exit status: 0 when every file rendered, 1 when any had an error, 2 on a usage mistake.`;

/** `lectern render`: one deck folder per valid lecture plus the shared assets. */
export async function runRender(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string', short: 'o' },
      quiet: { type: 'boolean', short: 'q' },
      'single-file': { type: 'boolean' },
      pptx: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(RENDER_USAGE);
    return 0;
  }
  if (!values.out) throw new UsageError('render needs --out <dir>');
  if (positionals.length === 0) throw new UsageError('render needs at least one lecture file');
  const sorted = sortCourseFiles(collectFiles(positionals, io.cwd), io.cwd);
  const files = sorted.lectures;
  const outDir = resolve(io.cwd, values.out);
  const templates = loadTemplates();
  const single = values['single-file'] === true;
  if (single && values.pptx)
    throw new UsageError(
      '--pptx writes into deck folders, which --single-file does not make: run lectern pptx for each lecture',
    );
  const assets = single ? readAssetBytes() : undefined;
  const generatedAt = new Date().toISOString();
  const progress = new Progress(io, files.length, 'rendered');
  const written = new Map<string, string>();
  const rendered = new Map<string, DeckManifest>();
  const report = new DiagnosticReport();
  let failed = 0;
  mkdirSync(outDir, { recursive: true });
  for (const { file, diagnostics } of sorted.problems) {
    failed++;
    report.add(file, diagnostics);
  }
  const refuse = (file: string, code: string, message: string) => {
    failed++;
    report.add(file, [{ severity: 'error', code, path: 'id', message: `${message}; nothing written` }]);
  };
  for (const file of files) {
    const built = await buildFile(file, io.cwd, templates, ASSETS_BASE.output, generatedAt);
    const { result, mediaFiles } = built;
    report.add(file, result.diagnostics);
    if (!result.ok) {
      failed++;
    } else if (!single && RESERVED_IDS.includes(result.manifest.id)) {
      const message = `deck id "${result.manifest.id}" is the name of a shared folder beside the decks; choose another id`;
      refuse(file, 'reserved-id', message);
    } else if (written.has(result.manifest.id)) {
      const message = `deck id "${result.manifest.id}" is already used by ${written.get(result.manifest.id)}`;
      refuse(file, 'duplicate-deck-id', message);
    } else if (assets) {
      const { path, bytes } = writeSingleFile(outDir, result.deck, mediaFiles, assets, ASSETS_BASE.output);
      written.set(result.manifest.id, file);
      if (!values.quiet)
        progress.print(`${file} → ${relative(io.cwd, path) || path} (${formatSize(bytes)})`, 'out');
    } else {
      writeMediaFiles(outDir, result.deck.media, mediaFiles);
      const files = values.pptx
        ? { ...result.deck.files, [DECK_FILES.pptx]: await pptxBytes(built, templates) }
        : result.deck.files;
      const folder = writeDeckFolder(outDir, result.manifest.id, files);
      written.set(result.manifest.id, file);
      rendered.set(resolve(io.cwd, file), result.manifest);
      if (!values.quiet) progress.print(`${file} → ${relative(io.cwd, folder) || folder}/`, 'out');
    }
    progress.tick(file);
  }
  progress.done();
  for (const line of report.lines({ errorsOnly: values.quiet })) io.err(line);
  if (written.size > 0 && !single) copyAssets(outDir);
  // A course page for a course, or for several decks; one lone deck needs no index. Single files
  // travel one by one, without the assets a course page needs.
  if (!single && (sorted.courses.length > 0 || written.size > 1)) {
    const page = writeCoursePage(outDir, sorted.courses, rendered, io.cwd, templates, values.pptx === true);
    if (!values.quiet) progress.print(`course page → ${relative(io.cwd, page) || page}`, 'out');
  }
  if (!values.quiet) {
    io.err(
      `${written.size} of ${files.length} rendered into ${relative(io.cwd, outDir) || '.'}: ${report.summary()}`,
    );
  }
  return failed > 0 ? 1 : 0;
}
