import type { NodeTable } from './node-table.js';
import type { YamlLines } from './yaml-lines.js';
import {
  bail,
  blockText,
  foldLines,
  plainValue,
  quoted,
  trimEndSpaces,
  trimSpaces,
  unescapedQuote,
} from './yaml-scalars.js';

/**
 * The YAML fast path's readers of scalars that take more than the rest of one line (yaml-index.ts
 * reads the rest): plain and double-quoted ones over several lines, one-line `[a, b]` lists, and
 * `|` and `>` blocks. Each moves `lines.line` past what it read, or bails.
 */

// A plain scalar starts with none of YAML's indicators, and holds no `: ` (a key) nor ` #` (a comment).
export const PLAIN_START = /^[^-?:,[\]{}#&*!|>'"%@`\s]/;
const FLOW_PLAIN = /^(?:[A-Za-z0-9._/~]|[-+][^\s])[^,[\]{}#:'"\\]*$/;

/** Whether the line after the current one (blank ones skipped) is indented further than `parent`. */
export function continues(lines: YamlLines, parent: number): boolean {
  for (let line = lines.line + 1; line < lines.starts.length; line++) {
    if (trimSpaces(lines.raw(line)) !== '') return lines.indent(line) > parent;
  }
  return false;
}

/**
 * A plain or double-quoted scalar over several lines, starting with `first`: each further line is
 * indented more than `parent` and trimmed, a single line break becomes a space, and each blank line
 * a line break.
 */
export function readScalarLines(
  lines: YamlLines,
  first: string,
  parent: number,
  nodes: NodeTable,
  node: number,
  offset: number,
  quote: boolean,
): unknown {
  const pieces = [trimEndSpaces(quote ? first.slice(1) : first)];
  let last = lines.line;
  let closed = !quote;
  let tail = '';
  let kept = 1; // pieces up to the last line that is not blank
  for (let line = lines.line + 1; line < lines.starts.length; line++) {
    const raw = lines.raw(line);
    const content = trimSpaces(raw);
    if (content === '') {
      pieces.push('');
      continue;
    }
    if ((quote && closed) || lines.indent(line) <= parent) break;
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
  lines.count();
  const lastRaw = lines.raw(last);
  nodes.setText(
    node,
    offset,
    (lines.starts[last] ?? 0) + (quote ? lastRaw.lastIndexOf('"') + 1 : trimEndSpaces(lastRaw).length),
  );
  lines.line = last + 1;
  lines.skipBlank();
  if (lines.line < lines.starts.length && lines.indent(lines.line) > parent) bail();
  // The blank lines' breaks are characters of the value, not of the source: escaped, for JSON.parse.
  return quote ? quoted(`"${folded.replaceAll('\n', '\\n')}"`).value : plainValue(folded);
}

/** A one-line `[a, "b", 3]` of scalars. */
export function readFlowList(
  lines: YamlLines,
  rest: string,
  offset: number,
  nodes: NodeTable,
): { value: unknown[]; end: number } {
  lines.count(); // the `[`
  const list: unknown[] = [];
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
    lines.count();
    const item = nodes.add(offset + start);
    nodes.setText(item, offset + start, offset + end);
    nodes.close(item);
    list.push(value);
    skipSpace();
    const c = rest[at++];
    if (c === ']') return { value: list, end: at };
    if (c !== ',') bail();
  }
}

/** A `|` or `>` block: its lines, indented further than `parent`, start on the next line. */
export function readBlockScalar(
  lines: YamlLines,
  folded: boolean,
  chomp: string,
  parent: number,
  nodes: NodeTable,
  node: number,
  header: number,
): string {
  lines.count();
  lines.line++;
  // The lexer check counts the text as a value of its own when it starts with an empty line (it
  // lexes as a scalar, not as space): count as it does.
  if (lines.line < lines.starts.length && lines.raw(lines.line) === '') lines.count();
  const body: string[] = [];
  let indent = -1;
  let kept = 0; // lines up to the last that is not blank
  let end = lines.line;
  for (; lines.line < lines.starts.length; lines.line++) {
    const raw = lines.raw(lines.line);
    const at = lines.indent(lines.line);
    if (at === raw.length) {
      // A blank line before the first one sets the indentation, or one with more spaces than it: leave it to yaml.
      if (raw.length > 0 && (indent === -1 || raw.length > indent)) bail();
      // Spaces that end the text without a line break add no line to a kept (`+`) block.
      if (lines.line + 1 < lines.starts.length || lines.text.endsWith('\n')) body.push('');
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
    body.push(line);
    kept = body.length;
    end = lines.line + 1;
  }
  if (indent === -1) bail();
  const trailing = body.length - kept;
  body.length = kept;
  // Blank lines after the block belong to what follows it.
  lines.line = end;
  const next = lines.starts[end];
  nodes.setText(node, header, next === undefined ? lines.text.length : next);
  return blockText(body, folded, chomp, trailing);
}
