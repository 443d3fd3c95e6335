/** Where the CLI writes: injected so tests can capture output without patching process streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal: progress redraws one line instead of printing many. */
  interactive: boolean;
  cwd: string;
  /** The environment the CLI reads (tokens); the process's own when absent. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    interactive: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
}
