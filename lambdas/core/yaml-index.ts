import type { JsonIndex, JsonNode } from './json-index.js';
import type { StructureBounds } from './structure-bounds.js';
import {
  bail,
  blockText,
  closingQuote,
  foldLines,
  NotPlain,
  plainValue,
  quoted,
  trimEndSpaces,
  trimSpaces,
  unescapedQuote,
} from './yaml-scalars.js';

/**
 * The fast path for a YAML lecture written the plain way: block mappings and lists, one-line
 * scalars (plain and double-quoted ones over several lines too), `|` and `>` blocks, one-line `[a, b]` lists and comments. The yaml
 * package lexes, parses and builds a tree of every node, most of a second for 840 KB; this reads
 * the lines once. It gives the value, the positions and the source texts the yaml path gives, and
 * counts values as the lexer check does (structure-bounds.ts). Anything else (anchors, tags, flow
 * mappings, a single-quoted scalar over several lines, a tab, a duplicate key, anything the yaml
 * parser might call an error) answers undefined, and the yaml path reads the text and says what is
 * wrong.
 */

// Keys written as plain words, which the schema reads as strings.
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NOT_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;
// A plain scalar starts with none of YAML's indicators, and holds no `: ` (a key) nor ` #` (a comment).
const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@`\s]/;
const FLOW_PLAIN = /^(?:[A-Za-z0-9._/~]|[-+][^\s])[^,[\]{}#:'"\\]*$/;
const BLOCK_HEADER = /^([|>])([-+]?)$/;
// Characters this reader leaves to the yaml path: tabs, carriage returns and other controls, BOMs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const UNUSUAL = /[\0-\x09\x0b-\x1f\x7f\ufeff]/;

/** The index of `text` if it is block YAML of the plain kind within `bounds`, with a mapping at the top; else undefined. */
export function indexYaml(text: string, bounds: StructureBounds): JsonIndex | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new Reader(text, bounds).read();
  } catch (error) {
    if (error instanceof NotPlain) return undefined;
    throw error;
  }
}

class Reader {
  private readonly starts: number[] = [];
  /** Each line without its line break, its indentation, and whether it is blank or a comment. */
  private readonly lines: string[];
  private readonly indents: number[] = [];
  private readonly blank: boolean[] = [];
  private line = 0;
  private values = 0;
  private depth = 0;
  /** Whether the last scalar read was a folded (`>`) block. */
  private folded = false;

  constructor(
    private readonly text: string,
    private readonly bounds: StructureBounds,
  ) {
    this.lines = text.split('\n');
    if (text.endsWith('\n')) this.lines.pop();
    let at = 0;
    for (const line of this.lines) {
      this.starts.push(at);
      at += line.length + 1;
      let indent = 0;
      while (line.charCodeAt(indent) === 32) indent++;
      this.indents.push(indent);
      this.blank.push(indent === line.length || line[indent] === '#');
    }
  }

  read(): JsonIndex {
    this.skipBlank();
    if (this.content(this.line) === '---') {
      this.line++;
      this.skipBlank();
    }
    if (this.line >= this.starts.length || this.indent(this.line) !== 0) bail();
    const root: JsonNode = { start: this.starts[this.line] ?? 0 };
    const value = this.block(0, root);
    this.skipBlank();
    if (this.line < this.starts.length) bail();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) bail();
    return { value: value as Record<string, unknown>, root };
  }

  /** The text of a line, without its line break. */
  private raw(line: number): string {
    return this.lines[line] ?? '';
  }

  private content(line: number): string {
    return trimEndSpaces(this.raw(line));
  }

  private indent(line: number): number {
    return this.indents[line] ?? 0;
  }

  private isBlank(line: number): boolean {
    return this.blank[line] ?? true;
  }

  private skipBlank(): void {
    while (this.line < this.starts.length && this.isBlank(this.line)) this.line++;
  }

  private count(n = 1): void {
    this.values += n;
    if (this.values > this.bounds.values) bail();
  }

  /** A block collection starting at the current line, indented `indent`; its start is `node.start`. */
  private block(indent: number, node: JsonNode): unknown {
    // The lexer check counts a level for each indentation and for a scalar after `-`: stay well inside it.
    if (++this.depth > this.bounds.depth - 2) bail();
    const raw = this.raw(this.line);
    const value = /^-(?: |$)/.test(raw.slice(indent))
      ? this.sequence(indent, node)
      : this.mapping(indent, node);
    this.depth--;
    return value;
  }

  /** A list whose `-` stand at `indent`; `inline` when the first is on a line already begun (`- - a`). */
  private sequence(indent: number, node: JsonNode, inline = false): unknown[] {
    const items: JsonNode[] = [];
    const list: unknown[] = [];
    node.children = items;
    let firstLine = inline;
    for (;;) {
      if (!firstLine) {
        this.skipBlank();
        if (this.line >= this.starts.length) break;
        const at = this.indent(this.line);
        if (at < indent || (at === indent && !/^-(?: |$)/.test(this.raw(this.line).slice(at)))) break;
        if (at > indent) bail();
      }
      firstLine = false;
      const raw = this.raw(this.line);
      this.count(); // the `-`
      const lineStart = this.starts[this.line] ?? 0;
      let col = indent + 1;
      while (raw[col] === ' ') col++;
      const item: JsonNode = { start: lineStart + col };
      items.push(item);
      list.push(this.after(raw, col, indent, item, true));
    }
    return list;
  }

  private mapping(indent: number, node: JsonNode, first?: { col: number }): Record<string, unknown> {
    const entries = new Map<string, JsonNode>();
    const record: Record<string, unknown> = {};
    node.children = entries;
    let firstLine = first !== undefined;
    for (;;) {
      if (!firstLine) {
        this.skipBlank();
        if (this.line >= this.starts.length) break;
        const at = this.indent(this.line);
        if (at < indent) break;
        if (at > indent) bail();
        if (/^-(?: |$)/.test(this.raw(this.line).slice(at))) break;
      }
      firstLine = false;
      const raw = this.raw(this.line);
      const colon = raw.indexOf(':', indent);
      if (colon === -1 || (raw[colon + 1] !== undefined && raw[colon + 1] !== ' ')) bail();
      const key = raw.slice(indent, colon);
      if (!KEY.test(key) || NOT_STRING_KEY.test(key) || entries.has(key)) bail();
      this.count(); // the key
      const lineStart = this.starts[this.line] ?? 0;
      const entry: JsonNode = { start: lineStart + indent };
      entries.set(key, entry);
      let col = colon + 1;
      while (raw[col] === ' ') col++;
      this.folded = false;
      const value = this.after(raw, col, indent, entry, false, colon + 1);
      // As parse.ts does for the yaml path: folded notes keep their paragraphs.
      record[key] =
        key === 'notes' && this.folded && typeof value === 'string' ? value.replace(/\n/g, '\n\n') : value;
    }
    return record;
  }

  /**
   * The value written from `col` of the current line, after a `-` (an item) or a key's colon; an
   * item's `node.start` is already where its value starts, an entry's is its key.
   */
  private after(
    raw: string,
    col: number,
    parent: number,
    node: JsonNode,
    item: boolean,
    colonEnd = col,
  ): unknown {
    const lineStart = this.starts[this.line] ?? 0;
    const rest = raw.slice(col);
    if (rest === '' || rest.startsWith('#')) {
      if (rest.startsWith('#') && raw[col - 1] !== ' ') bail();
      this.line++;
      this.skipBlank();
      const next = this.line < this.starts.length ? this.indent(this.line) : -1;
      const nested =
        next > parent || (!item && next === parent && /^-(?: |$)/.test(this.raw(this.line).slice(next)));
      if (!nested) {
        if (item) bail(); // an empty item: where yaml places it is not worth copying
        node.from = lineStart + colonEnd;
        node.end = node.from;
        return null;
      }
      const start = (this.starts[this.line] ?? 0) + next;
      if (item) node.start = start;
      const child: JsonNode = item ? node : { start };
      const value = this.block(next, child);
      if (!item) node.children = child.children;
      return value;
    }
    if (item && /^-(?: |$)/.test(rest)) {
      // A list that starts on the item's line: `- - a`.
      if (++this.depth > this.bounds.depth - 2) bail();
      const value = this.sequence(col, node, true);
      this.depth--;
      return value;
    }
    if (item && KEY.test(rest.slice(0, rest.indexOf(':'))) && /^[^:]*:(?: |$)/.test(rest)) {
      // A mapping that starts on the item's line: `- title: A`.
      if (++this.depth > this.bounds.depth - 2) bail();
      const value = this.mapping(col, node, { col });
      this.depth--;
      return value;
    }
    const header = BLOCK_HEADER.exec(trimEndSpaces(rest));
    let value: unknown;
    let end: number;
    const c = rest[0];
    if (header) {
      value = this.blockScalar(header[1] === '>', header[2] ?? '', parent, node, lineStart + col);
      this.skipBlank();
      if (this.line < this.starts.length && this.indent(this.line) > parent) bail();
      return value;
    }
    if (c === '"' && closingQuote(rest) === -1) {
      return this.scalarLines(rest, parent, node, lineStart + col, true);
    }
    if (c === '"' || c === "'") {
      ({ value, end } = quoted(rest));
    } else if (c === '[') {
      ({ value, end } = this.flowList(rest, lineStart + col, node));
    } else {
      if (!PLAIN_START.test(rest) && !/^-[^\s]/.test(rest)) bail();
      const comment = rest.indexOf(' #');
      const source = trimEndSpaces(comment === -1 ? rest : rest.slice(0, comment));
      if (source.includes(': ') || source.endsWith(':')) bail();
      if (comment === -1 && this.continues(parent)) {
        return this.scalarLines(rest, parent, node, lineStart + col, false);
      }
      value = plainValue(source);
      end = source.length;
    }
    const tail = rest.slice(end);
    if (trimSpaces(tail) !== '' && !/^ +#/.test(tail)) bail();
    if (c !== '[') {
      this.count();
      node.from = lineStart + col;
      node.end = lineStart + col + end;
    }
    this.line++;
    this.skipBlank();
    // A more indented line would continue the scalar, or be an error: the yaml path decides.
    if (this.line < this.starts.length && this.indent(this.line) > parent) bail();
    return value;
  }

  /** Whether the line after the current one (blank ones skipped) is indented further than `parent`. */
  private continues(parent: number): boolean {
    for (let line = this.line + 1; line < this.starts.length; line++) {
      if (trimSpaces(this.raw(line)) !== '') return this.indent(line) > parent;
    }
    return false;
  }

  /**
   * A plain or double-quoted scalar over several lines, starting with `first`: each further line is
   * indented more than `parent` and trimmed, a single line break becomes a space, and each blank line
   * a line break.
   */
  private scalarLines(
    first: string,
    parent: number,
    node: JsonNode,
    offset: number,
    quote: boolean,
  ): unknown {
    const pieces = [trimEndSpaces(quote ? first.slice(1) : first)];
    let last = this.line;
    let closed = !quote;
    let tail = '';
    let kept = 1; // pieces up to the last line that is not blank
    for (let line = this.line + 1; line < this.starts.length; line++) {
      const raw = this.raw(line);
      const content = trimSpaces(raw);
      if (content === '') {
        pieces.push('');
        continue;
      }
      if ((quote && closed) || this.indent(line) <= parent) break;
      last = line;
      if (quote) {
        const close = unescapedQuote(content, 0);
        if (close >= 0) {
          closed = true;
          tail = content.slice(close + 1);
          pieces.push(content.slice(0, close));
          kept = pieces.length;
          continue;
        }
      } else if (
        !PLAIN_START.test(content) ||
        content.includes(': ') ||
        content.includes(' #') ||
        content.endsWith(':')
      ) {
        bail();
      }
      pieces.push(content);
      kept = pieces.length;
    }
    if (!closed || (trimSpaces(tail) !== '' && !/^ +#/.test(tail))) bail();
    pieces.length = kept;
    if (quote && pieces.some((piece) => piece.endsWith('\\'))) bail(); // an escaped line break
    const folded = foldLines(pieces, quote);
    this.count();
    node.from = offset;
    const lastRaw = this.raw(last);
    node.end =
      (this.starts[last] ?? 0) + (quote ? lastRaw.lastIndexOf('"') + 1 : trimEndSpaces(lastRaw).length);
    this.line = last + 1;
    this.skipBlank();
    if (this.line < this.starts.length && this.indent(this.line) > parent) bail();
    // The blank lines' breaks are characters of the value, not of the source: escaped, for JSON.parse.
    return quote ? quoted(`"${folded.replaceAll('\n', '\\n')}"`).value : plainValue(folded);
  }

  /** A one-line `[a, "b", 3]` of scalars. */
  private flowList(rest: string, offset: number, node: JsonNode): { value: unknown[]; end: number } {
    this.count(); // the `[`
    const items: JsonNode[] = [];
    const list: unknown[] = [];
    node.children = items;
    let at = 1;
    const skipSpace = () => {
      while (rest[at] === ' ') at++;
    };
    skipSpace();
    if (rest[at] === ']') return { value: list, end: at + 1 };
    for (;;) {
      skipSpace();
      const start = at;
      let value: unknown;
      if (rest[at] === '"' || rest[at] === "'") {
        const read = quoted(rest.slice(at));
        value = read.value;
        at += read.end;
      } else {
        while (at < rest.length && rest[at] !== ',' && rest[at] !== ']') at++;
        const source = trimEndSpaces(rest.slice(start, at));
        if (!FLOW_PLAIN.test(source)) bail();
        value = plainValue(source);
      }
      const end = start + trimEndSpaces(rest.slice(start, at)).length;
      this.count();
      items.push({ start: offset + start, from: offset + start, end: offset + end });
      list.push(value);
      skipSpace();
      const c = rest[at++];
      if (c === ']') return { value: list, end: at };
      if (c !== ',') bail();
    }
  }

  /** A `|` or `>` block: its lines, indented further than `parent`, start on the next line. */
  private blockScalar(
    folded: boolean,
    chomp: string,
    parent: number,
    node: JsonNode,
    header: number,
  ): string {
    this.count();
    node.from = header;
    this.line++;
    // The lexer check counts the text as a value of its own when it starts with an empty line (it
    // lexes as a scalar, not as space): count as it does.
    if (this.line < this.starts.length && this.raw(this.line) === '') this.count();
    const lines: string[] = [];
    let indent = -1;
    let kept = 0; // lines up to the last that is not blank
    let end = this.line;
    for (; this.line < this.starts.length; this.line++) {
      const raw = this.raw(this.line);
      const at = this.indent(this.line);
      if (at === raw.length) {
        // A blank line before the first one sets the indentation, or one with more spaces than it: leave it to yaml.
        if (raw.length > 0 && (indent === -1 || raw.length > indent)) bail();
        // Spaces that end the text without a line break add no line to a kept (`+`) block.
        if (this.line + 1 < this.starts.length || this.text.endsWith('\n')) lines.push('');
        continue;
      }
      if (indent === -1) {
        if (at <= parent) break;
        indent = at;
      }
      if (at < indent) break;
      const line = raw.slice(indent);
      // More indented lines are not folded, and trailing spaces fold oddly: leave them to yaml.
      if (folded && (at > indent || line.endsWith(' '))) bail();
      lines.push(line);
      kept = lines.length;
      end = this.line + 1;
    }
    if (indent === -1) bail();
    this.folded = folded;
    const trailing = lines.length - kept;
    lines.length = kept;
    // Blank lines after the block belong to what follows it.
    this.line = end;
    const next = this.starts[end];
    node.end = next === undefined ? this.text.length : next;
    return blockText(lines, folded, chomp, trailing);
  }
}
