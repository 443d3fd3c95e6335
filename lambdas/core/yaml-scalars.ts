/** Scalars as the yaml package reads them, for the YAML fast path (yaml-index.ts). */

/** Thrown where the fast path stops, so the yaml path reads the text. */
export class NotPlain extends Error {}

// A plain scalar that may be something other than a string: it starts like a number, or is a word of the schema.
const MAY_NOT_BE_TEXT = /^(?:[-+.~0-9]|(?:[Nn]ull|NULL|[Tt]rue|TRUE|[Ff]alse|FALSE)$)/;
// The core schema's types, tried in the yaml package's order, and read as it reads them: written
// out here so that the fast path does not load the package (a unit test compares the two).
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const OCTAL = /^0o[0-7]+$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const INFINITE = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$|^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Leave the text to the yaml path. */
export function bail(): never {
  throw new NotPlain();
}

/** A plain scalar's value, as the core schema reads it: a string, or null, a boolean or a number. */
export function plainValue(source: string): unknown {
  if (!MAY_NOT_BE_TEXT.test(source)) return source;
  if (NULL.test(source)) return null;
  if (BOOLEAN.test(source)) return source[0] === 't' || source[0] === 'T';
  if (OCTAL.test(source)) return Number.parseInt(source.slice(2), 8);
  if (DECIMAL.test(source)) return Number.parseInt(source, 10);
  if (HEX.test(source)) return Number.parseInt(source.slice(2), 16);
  if (INFINITE.test(source)) {
    if (source.slice(-3).toLowerCase() === 'nan') return Number.NaN;
    return source[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT.test(source)) return Number.parseFloat(source);
  return source;
}

/**
 * `text` without the spaces at its ends. YAML trims spaces and tabs only (and tabs never reach the
 * fast path), where String.prototype.trim takes every Unicode space: a no-break space is text.
 */
export function trimSpaces(text: string): string {
  let start = 0;
  while (text.charCodeAt(start) === 32) start++;
  return trimEndSpaces(text).slice(start);
}

/** `text` without the spaces at its end (see trimSpaces). */
export function trimEndSpaces(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * A flow scalar's lines, each trimmed, as one value: a single line break becomes a space, and each
 * blank line a line break. With `closing`, the last piece is the line that closes a quote, text
 * even when empty.
 */
export function foldLines(pieces: readonly string[], closing = false): string {
  let folded = pieces[0] ?? '';
  let breaks = 0;
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i] ?? '';
    if (piece === '' && !(closing && i === pieces.length - 1)) {
      breaks++;
    } else {
      folded += breaks === 0 ? ` ${piece}` : '\n'.repeat(breaks) + piece;
      breaks = 0;
    }
  }
  return folded;
}

/**
 * A `|` or `>` block's value from its lines (indentation removed, trailing blank lines not among
 * them): literal lines joined, or folded ones; then the final line break, none (`-`) or every
 * trailing one (`+`).
 */
export function blockText(
  lines: readonly string[],
  folded: boolean,
  chomp: string,
  trailing: number,
): string {
  let body = '';
  if (folded) {
    // A line break between two lines of text folds into a space; each blank line is a line break.
    let breaks = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line === '') {
        breaks++;
        continue;
      }
      body += breaks > 0 ? '\n'.repeat(breaks) + line : i === 0 ? line : ` ${line}`;
      breaks = 0;
    }
  } else {
    body = lines.join('\n');
  }
  if (chomp === '-') return body;
  if (chomp === '+') return `${body}\n${'\n'.repeat(trailing)}`;
  return `${body}\n`;
}

/** A quoted scalar at the start of `text`: its value and where it ends. */
export function quoted(text: string): { value: string; end: number } {
  const quote = text[0];
  if (quote === "'") {
    let at = 1;
    for (;;) {
      const close = text.indexOf("'", at);
      if (close === -1) bail();
      if (text[close + 1] !== "'")
        return { value: text.slice(1, close).replaceAll("''", "'"), end: close + 1 };
      at = close + 2;
    }
  }
  const close = closingQuote(text);
  if (close === -1) bail();
  const body = text.slice(0, close + 1);
  if (!body.includes('\\')) return { value: body.slice(1, -1), end: close + 1 };
  // Escapes JSON shares with YAML mean the same in both; any other is left to yaml.
  if (body.replace(/\\(?:[\\"/bfnrt]|u[0-9a-fA-F]{4})/g, '').includes('\\')) bail();
  return { value: JSON.parse(body) as string, end: close + 1 };
}

/** Where the double quote that opens `text` is closed, or -1. */
export function closingQuote(text: string): number {
  return unescapedQuote(text, 1);
}

/** The first double quote from `from` on that no backslash escapes, or -1. */
export function unescapedQuote(text: string, from: number): number {
  let close = text.indexOf('"', from);
  while (close !== -1) {
    let slashes = 0;
    while (text.charCodeAt(close - 1 - slashes) === 92) slashes++;
    if (slashes % 2 === 0) return close;
    close = text.indexOf('"', close + 1);
  }
  return -1;
}
