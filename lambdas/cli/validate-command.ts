import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { collectFiles } from '../node/collect-files.js';
import { sortCourseFiles } from '../node/course-files.js';
import { loadTemplates } from '../node/templates-fs.js';
import { checkFile } from './check-file.js';
import { DiagnosticReport } from './diagnostic-report.js';
import type { CliIo } from './io.js';
import { Progress } from './progress.js';

export const VALIDATE_USAGE = `Usage: lectern validate <file|folder…> [--quiet]

Check lecture files (YAML or JSON) against the lecture format without writing anything.
Prints one line per problem, errors first, then warnings:
  file:line:col  path  message
Folders are searched for .yaml, .yml and .json files; a file named course.yaml (or .yml,
.json) is a course description, checked as one, and its lectures are checked too.

Options:
  -q, --quiet   print errors only, no warnings or summary
  -h, --help    show this help

Exit status: 0 when no file has an error (warnings allowed), 1 when any has, 2 on a usage mistake.`;

/** `lectern validate`: report every error and warning of every file; exit 1 on any error. */
export async function runValidate(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    io.out(VALIDATE_USAGE);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('validate needs at least one lecture file');
  const sorted = sortCourseFiles(collectFiles(positionals, io.cwd), io.cwd);
  const files = sorted.lectures;
  const templates = loadTemplates();
  const progress = new Progress(io, files.length, 'checked');
  const report = new DiagnosticReport();
  for (const { file, diagnostics } of sorted.problems) report.add(file, diagnostics);
  for (const file of files) {
    const { diagnostics } = (await checkFile(file, io.cwd, templates)).result;
    report.add(file, diagnostics);
    progress.tick(file);
  }
  progress.done();
  for (const line of report.lines({ errorsOnly: values.quiet })) io.out(line);
  if (!values.quiet)
    io.err(
      `${checkedCount(files.length, sorted.courses.length + sorted.problems.length)} checked: ${report.summary()}`,
    );
  return report.errors > 0 ? 1 : 0;
}

function checkedCount(lectures: number, courses: number): string {
  const files = `${lectures} file${lectures === 1 ? '' : 's'}`;
  return courses === 0 ? files : `${files} and ${courses} course${courses === 1 ? '' : 's'}`;
}
