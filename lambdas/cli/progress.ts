import type { CliIo } from './io.js';

/** Below this many files a run is quick enough that progress would only be noise. */
const PROGRESS_THRESHOLD = 5;

/** Progress for long runs over many files: one redrawn line on a terminal, a line per file otherwise. */
export class Progress {
  private done_ = 0;
  private readonly shown: boolean;
  private lineOpen = false;

  constructor(
    private readonly io: CliIo,
    private readonly total: number,
    private readonly verb: string,
  ) {
    this.shown = total >= PROGRESS_THRESHOLD;
  }

  /** Print a result line without tangling it with the progress line. */
  print(text: string, stream: 'out' | 'err'): void {
    this.clear();
    if (stream === 'out') this.io.out(text);
    else this.io.err(text);
  }

  tick(file: string): void {
    this.done_++;
    if (!this.shown) return;
    const line = `[${this.done_}/${this.total}] ${this.verb} ${file}`;
    if (this.io.interactive) {
      process.stderr.write(`\r\x1b[2K${line}`);
      this.lineOpen = true;
    } else {
      this.io.err(line);
    }
  }

  done(): void {
    this.clear();
  }

  private clear(): void {
    if (this.lineOpen) {
      process.stderr.write('\r\x1b[2K');
      this.lineOpen = false;
    }
  }
}
