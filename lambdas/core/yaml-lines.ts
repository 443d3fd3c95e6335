import type { StructureBounds } from './structure-bounds.js';
import { bail, trimEndSpaces } from './yaml-scalars.js';

/**
 * A YAML text's lines as the fast path reads them (yaml-index.ts): each split, measured and classed
 * once, with the line being read, and the values and nesting counted against the structure bounds.
 */
export class YamlLines {
  /** Where each line starts in the text. */
  readonly starts: Int32Array;
  /** Each line without its line break, its indentation, and whether it is blank or a comment (1). */
  private readonly lines: string[];
  private readonly indents: Int32Array;
  private readonly blank: Uint8Array;
  /** The line being read. */
  line = 0;
  private values = 0;
  private depth = 0;

  constructor(
    readonly text: string,
    private readonly bounds: StructureBounds,
  ) {
    this.lines = text.split('\n');
    if (text.endsWith('\n')) this.lines.pop();
    const count = this.lines.length;
    // Typed arrays, sized once: a 400 KB lecture has some 12,000 lines.
    this.starts = new Int32Array(count);
    this.indents = new Int32Array(count);
    this.blank = new Uint8Array(count);
    let at = 0;
    for (let i = 0; i < count; i++) {
      const line = this.lines[i] ?? '';
      this.starts[i] = at;
      at += line.length + 1;
      let indent = 0;
      while (line.charCodeAt(indent) === 32) indent++;
      this.indents[i] = indent;
      this.blank[i] = indent === line.length || line.charCodeAt(indent) === 35 ? 1 : 0;
    }
  }

  /** The text of a line, without its line break. */
  raw(line: number): string {
    return this.lines[line] ?? '';
  }

  /** The text of a line without the spaces that end it. */
  content(line: number): string {
    return trimEndSpaces(this.raw(line));
  }

  indent(line: number): number {
    return this.indents[line] ?? 0;
  }

  isBlank(line: number): boolean {
    return line >= this.blank.length || this.blank[line] === 1;
  }

  skipBlank(): void {
    while (this.line < this.starts.length && this.isBlank(this.line)) this.line++;
  }

  /** Counts `n` values, and bails past the bound. */
  count(n = 1): void {
    this.values += n;
    if (this.values > this.bounds.values) bail();
  }

  /**
   * One level deeper, bailing past the bound. The lexer check counts a level for each indentation
   * and for a scalar after `-`: stay well inside it.
   */
  enter(): void {
    if (++this.depth > this.bounds.depth - 2) bail();
  }

  leave(): void {
    this.depth--;
  }
}
