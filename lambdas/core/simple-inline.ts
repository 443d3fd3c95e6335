/**
 * The HTML of the commonest inline Markdown, written without markdown-it: plain text with whole
 * `**bold**` and `*italic*` words, `` `code` `` spans and `[label](https://…)` links, each standing
 * where markdown-it can read it only one way. markdown-it builds a dozen-field token object for every
 * piece of a text, which on 25,000 such points was most of a render's time. Anything else (an
 * underscore, an escape, a bracket or asterisk out of those shapes, a URL markdown-it would encode)
 * answers undefined, and markdown-it renders the text. The unit test holds the answers to
 * markdown-it's own over many thousands of texts.
 */

// What may stand in plain text, in emphasis and in a link's label: no Markdown character at all.
const PLAIN = /^[^*_`[\]\\\r\n\0]+$/;
// Emphasis hugs a letter or digit at each end, so each delimiter can only open, or only close.
const WORD_EDGE = /^[\p{L}\p{N}]$/u;
// What may follow a closing delimiter: the end, a space, or punctuation that cannot start emphasis.
const AFTER_CLOSE = new Set(['', ' ', '.', ',', ';', ':', '!', '?', ')']);
// An ASCII http(s) or mailto URL that markdown-it takes as written: no parenthesis, backslash or
// entity (it would balance, unescape or decode them), nothing it percent-encodes.
const PLAIN_TARGET =
  /^(?:https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][A-Za-z0-9\-._~!$&'*+,;=:@/?#]*)?|mailto:[A-Za-z0-9.+_-]+@[A-Za-z0-9.-]+)$/;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

// Where the next Markdown character is, or a character markdown-it changes (line breaks, NUL); the
// same without the emphasis characters, the brackets, or both, where those are text.
const SPECIAL = [/[*_`[\]\\\r\n\0]/g, /[`[\]\\\r\n\0]/g, /[*_`\\\r\n\0]/g, /[`\\\r\n\0]/g] as const;

const htmlText = (text: string) => text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);

/** One piece of Markdown read: its HTML, the words markdown-it's tokens hold (`inlineText`), where it ends. */
interface Piece {
  html: string;
  text: string;
  end: number;
}

/** A run of `*` or `**` around `inner`, if markdown-it reads it as emphasis and nothing else. */
function emphasis(text: string, at: number): Piece | undefined {
  const before = at === 0 ? '' : text[at - 1];
  if (before !== '' && before !== ' ') return undefined;
  const marks = text.startsWith('**', at) ? '**' : '*';
  const from = at + marks.length;
  const close = text.indexOf(marks, from);
  if (close === -1) return undefined;
  const inner = text.slice(from, close);
  if (!PLAIN.test(inner)) return undefined;
  const first = String.fromCodePoint(inner.codePointAt(0) ?? 0);
  const last = inner.slice(inner.length - (/[\uDC00-\uDFFF]/.test(inner.at(-1) ?? '') ? 2 : 1));
  if (!WORD_EDGE.test(first) || !WORD_EDGE.test(last)) return undefined;
  const end = close + marks.length;
  if (!AFTER_CLOSE.has(text[end] ?? '')) return undefined;
  const tag = marks === '**' ? 'strong' : 'em';
  return { html: `<${tag}>${htmlText(inner)}</${tag}>`, text: inner, end };
}

/** A code span of one backtick on each side, its content neither empty nor padded. */
function codeSpan(text: string, at: number): Piece | undefined {
  const close = text.indexOf('`', at + 1);
  // A longer run of backticks does not close a span of one.
  if (close === -1 || text[close + 1] === '`') return undefined;
  const inner = text.slice(at + 1, close);
  if (inner === '' || inner.startsWith(' ') || inner.endsWith(' ') || /[\r\n\0]/.test(inner))
    return undefined;
  return { html: `<code>${htmlText(inner)}</code>`, text: inner, end: close + 1 };
}

/** `[label](url)` with a plain label and a plain http(s) or mailto URL. */
function link(text: string, at: number): Piece | undefined {
  const labelEnd = text.indexOf('](', at + 1);
  if (labelEnd === -1) return undefined;
  const label = text.slice(at + 1, labelEnd);
  if (!PLAIN.test(label)) return undefined;
  const close = text.indexOf(')', labelEnd + 2);
  if (close === -1) return undefined;
  const url = text.slice(labelEnd + 2, close);
  if (!PLAIN_TARGET.test(url) || (url.includes('&') && url.includes(';'))) return undefined;
  return {
    html: `<a href="${htmlText(url)}" rel="noopener noreferrer">${htmlText(label)}</a>`,
    text: label,
    end: close + 1,
  };
}

/** The HTML markdown-it gives `text`, when `text` is in the simple shapes above; else undefined. */
export function renderSimpleInline(text: string): string | undefined {
  return readSimple(text, 'html');
}

/**
 * The words of `text` without its markup, as markdown.ts's inlineText takes them from markdown-it's
 * tokens (emphasis and code by their content, a link by its label), when `text` is in the simple
 * shapes above; else undefined.
 */
export function simpleInlineText(text: string): string | undefined {
  return readSimple(text, 'text');
}

function readSimple(text: string, as: 'html' | 'text'): string | undefined {
  // Emphasis needs a delimiter that can close it, and a link `](`: without them, those characters are text.
  const literalEmphasis = !MAY_CLOSE.test(text);
  const literalBrackets = !text.includes('](');
  const special = SPECIAL[(literalEmphasis ? 1 : 0) + (literalBrackets ? 2 : 0)] ?? SPECIAL[0];
  const plain = as === 'html' ? htmlText : (part: string) => part;
  let out = '';
  let plainFrom = 0;
  let at = 0;
  for (;;) {
    special.lastIndex = at;
    const found = special.exec(text);
    if (!found) break;
    at = found.index;
    const c = found[0];
    const piece =
      c === '*'
        ? emphasis(text, at)
        : c === '`'
          ? codeSpan(text, at)
          : c === '['
            ? link(text, at)
            : undefined;
    if (!piece) return undefined;
    out += plain(text.slice(plainFrom, at)) + piece[as];
    at = piece.end;
    plainFrom = at;
  }
  return out + plain(text.slice(plainFrom));
}

/**
 * A run of `*` or `_` that might close emphasis: one after anything but the start of the text or
 * white space as markdown-it counts it (its right-flanking rule: after white space, never), or `*`
 * and `_` side by side.
 */
const MAY_CLOSE = /[^ \t\n\v\f\r\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000*_][*_]|\*_|_\*/;

// Lines markdown-it's notes renderer reads as list items, and characters its blocks treat apart.
const LIST_LINE = /^ *(?:[-+*](?: |$)|\d{1,9}[.)](?: |$))/m;
const UNUSUAL_SPACE = /[\t\r\0\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Speaker notes as markdown-it renders them (markdown.ts, renderNotes), when they are paragraphs of
 * lines in the simple inline shapes: each run of lines that are not blank is a paragraph, its lines
 * trimmed and kept on their own lines. A list, a hard break (two spaces ending a line), a tab or an
 * unusual space answers undefined.
 */
export function renderSimpleNotes(text: string): string | undefined {
  if (UNUSUAL_SPACE.test(text) || LIST_LINE.test(text)) return undefined;
  const paragraphs: string[] = [];
  let lines: string[] = [];
  const endParagraph = (): boolean => {
    if (lines.length === 0) return true;
    const html: string[] = [];
    for (const [i, line] of lines.entries()) {
      const last = i === lines.length - 1;
      if (!last && line.endsWith('  ')) return false; // a hard break
      const inline = renderSimpleInline(line.trim());
      if (inline === undefined) return false;
      html.push(inline);
    }
    paragraphs.push(`<p>${html.join('\n')}</p>`);
    lines = [];
    return true;
  };
  for (const line of text.split('\n')) {
    if (line.trim() !== '') lines.push(line);
    else if (!endParagraph()) return undefined;
  }
  return endParagraph() ? paragraphs.join('\n') : undefined;
}
