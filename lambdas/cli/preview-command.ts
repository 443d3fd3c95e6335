import { parseArgs } from 'node:util';
import { UsageError } from '../core/errors.js';
import { collectFiles } from '../node/collect-files.js';
import { loadTemplates } from '../node/templates-fs.js';
import { PREVIEW } from '../site/layout.js';
import type { CliIo } from './io.js';
import { startPreview } from './preview/start-preview.js';

export const PREVIEW_USAGE = `Usage: lectern preview <file|folder|course.yaml…> [--port N] [--host H]

Serve the decks on http://${PREVIEW.host}:${PREVIEW.port}/ with a page listing them, and keep them up
to date: every save of a lecture file re-renders its deck, and each open tab follows on the slide it
was showing. While a file has errors its tab shows them (file, line, column, path, message, the line
quoted) instead of the deck, and so does the terminal. Ctrl-C stops it.

Options:
  -p, --port <n>    port to listen on (0: any free port)      [default: ${PREVIEW.port}]
      --host <h>    address to listen on                      [default: ${PREVIEW.host}]
  -h, --help        show this help`;

/** Resolves on Ctrl-C (or a termination request): the signal that ends the preview. */
export type StopSignal = () => Promise<void>;

const untilInterrupted: StopSignal = () =>
  new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

/** `lectern preview`: render, serve and watch until stopped. */
export async function runPreview(
  argv: string[],
  io: CliIo,
  stopped: StopSignal = untilInterrupted,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.out(PREVIEW_USAGE);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('preview needs a lecture file, a folder or a course file');
  const port = values.port === undefined ? PREVIEW.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0 to 65535');
  // Every argument must exist at the start; later, a file that goes away is shown as missing.
  collectFiles(positionals, io.cwd);
  const preview = await startPreview({
    args: positionals,
    io,
    templates: loadTemplates(),
    host: values.host ?? PREVIEW.host,
    port,
  });
  io.out(`Preview on ${preview.url}/  (Ctrl-C to stop)`);
  await stopped();
  await preview.close();
  io.err('preview stopped');
  return 0;
}
