import type { JsonIndex } from './json-index.js';
import { NodeTable } from './node-table.js';
import type { StructureBounds } from './structure-bounds.js';
import { YamlLines } from './yaml-lines.js';
import {
  continues,
  PLAIN_START,
  readBlockScalar,
  readFlowList,
  readScalarLines,
} from './yaml-scalar-lines.js';
import {
  bail,
  closingQuote,
  NotPlain,
  plainValue,
  quoted,
  trimEndSpaces,
  trimSpaces,
} from './yaml-scalars.js';

/**
 * The fast path for a YAML lecture written the plain way: block mappings and lists, one-line
 * scalars (plain and double-quoted ones over several lines too), `|` and `>` blocks, one-line
 * `[a, b]` lists and comments. The yaml package lexes, parses and builds a tree of every node, most
 * of a second for 840 KB; this reads the lines once (yaml-lines.ts). It gives the value, the
 * positions and the source texts the yaml path gives, and counts values as the lexer check does
 * (structure-bounds.ts). Here are the collections and the scalars of one line; the scalars that take
 * more are read in yaml-scalar-lines.ts. Anything else (anchors, tags, flow mappings, a
 * single-quoted scalar over several lines, a tab, a duplicate key, anything the yaml parser might
 * call an error) answers undefined, and the yaml path reads the text and says what is wrong.
 */

// Keys written as plain words, which the schema reads as strings.
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const NOT_STRING_KEY = /^(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE|__proto__)$/;
const BLOCK_HEADER = /^([|>])([-+]?)$/;
// The marker that starts the document, alone on its line or with a comment after it.
const DOCUMENT_START = /^---(?: +#.*)?$/;
// Characters this reader leaves to the yaml path: tabs, carriage returns and other controls, BOMs.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
const UNUSUAL = /[\0-\x09\x0b-\x1f\x7f\ufeff]/;

/** Whether `raw` has a list item's `-` at `at`: followed by a space or the end of the line. */
function isItemAt(raw: string, at: number): boolean {
  return raw.charCodeAt(at) === 45 && (at + 1 === raw.length || raw.charCodeAt(at + 1) === 32);
}

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
  private readonly lines: YamlLines;
  /** Where each node is written, numbered as read (node-table.ts). */
  private readonly nodes = new NodeTable();
  /** Whether the last scalar read was a folded (`>`) block. */
  private folded = false;

  constructor(text: string, bounds: StructureBounds) {
    this.lines = new YamlLines(text, bounds);
  }

  read(): JsonIndex {
    this.lines.skipBlank();
    if (DOCUMENT_START.test(this.lines.content(this.lines.line))) {
      this.lines.line++;
      this.lines.skipBlank();
    }
    if (this.lines.line >= this.lines.starts.length || this.lines.indent(this.lines.line) !== 0) bail();
    const root = this.nodes.add(this.lines.starts[this.lines.line] ?? 0);
    const value = this.block(0);
    this.nodes.close(root);
    this.lines.skipBlank();
    if (this.lines.line < this.lines.starts.length) bail();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) bail();
    const nodes = this.nodes;
    return { value: value as Record<string, unknown>, locate: (path) => nodes.locate(value, path) };
  }

  /** A block collection starting at the current line, indented `indent`; its entries or items are the nodes read next. */
  private block(indent: number): unknown {
    this.lines.enter();
    const raw = this.lines.raw(this.lines.line);
    const value = isItemAt(raw, indent) ? this.sequence(indent) : this.mapping(indent);
    this.lines.leave();
    return value;
  }

  /** A list whose `-` stand at `indent`; `inline` when the first is on a line already begun (`- - a`). */
  private sequence(indent: number, inline = false): unknown[] {
    const list: unknown[] = [];
    let firstLine = inline;
    for (;;) {
      if (!firstLine) {
        this.lines.skipBlank();
        if (this.lines.line >= this.lines.starts.length) break;
        const at = this.lines.indent(this.lines.line);
        if (at < indent || (at === indent && !isItemAt(this.lines.raw(this.lines.line), at))) break;
        if (at > indent) bail();
      }
      firstLine = false;
      const raw = this.lines.raw(this.lines.line);
      this.lines.count(); // the `-`
      const lineStart = this.lines.starts[this.lines.line] ?? 0;
      let col = indent + 1;
      while (raw[col] === ' ') col++;
      const item = this.nodes.add(lineStart + col);
      list.push(this.after(raw, col, indent, item, true));
      this.nodes.close(item);
    }
    return list;
  }

  private mapping(indent: number, first?: { col: number }): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    let firstLine = first !== undefined;
    for (;;) {
      if (!firstLine) {
        this.lines.skipBlank();
        if (this.lines.line >= this.lines.starts.length) break;
        const at = this.lines.indent(this.lines.line);
        if (at < indent) break;
        if (at > indent) bail();
        if (isItemAt(this.lines.raw(this.lines.line), at)) break;
      }
      firstLine = false;
      const raw = this.lines.raw(this.lines.line);
      const colon = raw.indexOf(':', indent);
      if (colon === -1 || (raw[colon + 1] !== undefined && raw[colon + 1] !== ' ')) bail();
      const key = raw.slice(indent, colon);
      if (!KEY.test(key) || NOT_STRING_KEY.test(key) || Object.hasOwn(record, key)) bail();
      this.lines.count(); // the key
      const lineStart = this.lines.starts[this.lines.line] ?? 0;
      const entry = this.nodes.add(lineStart + indent);
      let col = colon + 1;
      while (raw[col] === ' ') col++;
      this.folded = false;
      const value = this.after(raw, col, indent, entry, false, colon + 1);
      this.nodes.close(entry);
      // As parse.ts does for the yaml path: folded notes keep their paragraphs.
      record[key] =
        key === 'notes' && this.folded && typeof value === 'string' ? value.replace(/\n/g, '\n\n') : value;
    }
    return record;
  }

  /**
   * The value written from `col` of the current line, after a `-` (an item) or a key's colon, for
   * `node`: an item starts where its value starts, an entry at its key.
   */
  private after(
    raw: string,
    col: number,
    parent: number,
    node: number,
    item: boolean,
    colonEnd = col,
  ): unknown {
    const lineStart = this.lines.starts[this.lines.line] ?? 0;
    const rest = raw.slice(col);
    if (rest === '' || rest.startsWith('#')) {
      if (rest.startsWith('#') && raw[col - 1] !== ' ') bail();
      this.lines.line++;
      this.lines.skipBlank();
      const next = this.lines.line < this.lines.starts.length ? this.lines.indent(this.lines.line) : -1;
      const nested =
        next > parent || (!item && next === parent && isItemAt(this.lines.raw(this.lines.line), next));
      if (!nested) {
        if (item) bail(); // an empty item: where yaml places it is not worth copying
        this.nodes.setText(node, lineStart + colonEnd, lineStart + colonEnd);
        return null;
      }
      if (item) this.nodes.setStart(node, (this.lines.starts[this.lines.line] ?? 0) + next);
      return this.block(next);
    }
    if (item && isItemAt(rest, 0)) {
      // A list that starts on the item's line: `- - a`.
      this.lines.enter();
      const value = this.sequence(col, true);
      this.lines.leave();
      return value;
    }
    if (item && KEY.test(rest.slice(0, rest.indexOf(':'))) && /^[^:]*:(?: |$)/.test(rest)) {
      // A mapping that starts on the item's line: `- title: A`.
      this.lines.enter();
      const value = this.mapping(col, { col });
      this.lines.leave();
      return value;
    }
    const header = BLOCK_HEADER.exec(trimEndSpaces(rest));
    let value: unknown;
    let end: number;
    const c = rest[0];
    if (header) {
      const folded = header[1] === '>';
      value = readBlockScalar(this.lines, folded, header[2] ?? '', parent, this.nodes, node, lineStart + col);
      this.folded = folded;
      this.lines.skipBlank();
      if (this.lines.line < this.lines.starts.length && this.lines.indent(this.lines.line) > parent) bail();
      return value;
    }
    if (c === '"' && closingQuote(rest) === -1) {
      return readScalarLines(this.lines, rest, parent, this.nodes, node, lineStart + col, true);
    }
    if (c === '"' || c === "'") {
      ({ value, end } = quoted(rest));
    } else if (c === '[') {
      ({ value, end } = readFlowList(this.lines, rest, lineStart + col, this.nodes));
    } else {
      if (!PLAIN_START.test(rest) && !/^-[^\s]/.test(rest)) bail();
      const comment = rest.indexOf(' #');
      const source = trimEndSpaces(comment === -1 ? rest : rest.slice(0, comment));
      if (source.includes(': ') || source.endsWith(':')) bail();
      if (comment === -1 && continues(this.lines, parent)) {
        return readScalarLines(this.lines, rest, parent, this.nodes, node, lineStart + col, false);
      }
      value = plainValue(source);
      end = source.length;
    }
    const tail = rest.slice(end);
    if (trimSpaces(tail) !== '' && !/^ +#/.test(tail)) bail();
    if (c !== '[') {
      this.lines.count();
      this.nodes.setText(node, lineStart + col, lineStart + col + end);
    }
    this.lines.line++;
    this.lines.skipBlank();
    // A more indented line would continue the scalar, or be an error: the yaml path decides.
    if (this.lines.line < this.lines.starts.length && this.lines.indent(this.lines.line) > parent) bail();
    return value;
  }
}
