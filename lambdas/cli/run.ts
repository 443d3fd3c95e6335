import { LecternError, UsageError } from '../core/errors.js';
import type { CliIo } from './io.js';
import { PDF_USAGE, runPdf } from './pdf-command.js';
import { PPTX_USAGE, runPptx } from './pptx-command.js';
import { PREVIEW_USAGE, runPreview } from './preview-command.js';
import { PUBLISH_USAGE, runPublish } from './publish-command.js';
import { RENDER_USAGE, runRender } from './render-command.js';
import { runValidate, VALIDATE_USAGE } from './validate-command.js';

export const USAGE = `Usage: lectern <command> [options]

Commands:
  validate <file…>              check lectures; print file:line:col  path  message
  render <file…> --out <dir>    render decks and handouts into <dir>
  pdf <file> --out <file.pdf>   print a deck (or --handout) to PDF through Chromium
  pptx <file> --out <file.pptx> write a deck as an editable PowerPoint file
  preview <file|folder…>        serve the decks and reload them as their files change
  publish <file…> --site <url>  publish lectures and courses to a Lectern site
  help [command]                show help for a command

Run "lectern <command> --help" for a command's options.`;

type Command = (argv: string[], io: CliIo) => number | Promise<number>;

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  validate: { run: runValidate, usage: VALIDATE_USAGE },
  render: { run: runRender, usage: RENDER_USAGE },
  pdf: { run: runPdf, usage: PDF_USAGE },
  pptx: { run: runPptx, usage: PPTX_USAGE },
  preview: { run: runPreview, usage: PREVIEW_USAGE },
  publish: { run: runPublish, usage: PUBLISH_USAGE },
};

/** Run the CLI with `argv` (without node and script) and return the exit code. Never throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help') {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  if (name === 'help') {
    io.out(COMMANDS[rest[0] ?? '']?.usage ?? USAGE);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`lectern: unknown command "${name}"\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`lectern ${name}: ${(error as Error).message}\n\n${command.usage}`);
      return 2;
    }
    if (error instanceof LecternError) {
      io.err(`lectern ${name}: ${error.message}`);
      return 1;
    }
    io.err(`lectern ${name}: unexpected failure: ${(error as Error)?.message ?? String(error)}`);
    return 1;
  }
}

function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}
