import type { MarkdownIt, Token } from 'markdown-it';
import { mathPlugin } from './math/math-markup.js';
import { markdownItPackage } from './packages.js';
import { renderSimpleInline, renderSimpleNotes, simpleInlineText } from './simple-inline.js';

/**
 * The inline Markdown subset of the lecture format: **bold**, *italic*, `code` and
 * [label](https://…) links (http, https, mailto). Everything else, raw HTML included, is text.
 */

const SAFE_LINK = /^(?:https?:|mailto:)/i;

// markdown-it percent-encodes every link target through a URL parser and punycode, a fifth of the
// cost of a text with a link; a plain ASCII http(s) or mailto URL comes out of that as it went in.
const PLAIN_URL =
  /^(?:https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:[/?#][A-Za-z0-9\-._~!$&'()*+,;=:@/?#]*)?|mailto:[A-Za-z0-9.+_-]+@[A-Za-z0-9.-]+)$/;

// Both parsers are made on the first text with Markdown syntax: plain text never loads markdown-it.
let parsers: { md: MarkdownIt; notesMd: MarkdownIt } | undefined;

function markdown(): { md: MarkdownIt; notesMd: MarkdownIt } {
  parsers ??= makeParsers();
  return parsers;
}

function makeParsers(): { md: MarkdownIt; notesMd: MarkdownIt } {
  const MarkdownItClass = markdownItPackage();
  // The 'zero' preset starts with every rule off; we switch on only what the format promises.
  const md = new MarkdownItClass('zero', { html: false, linkify: false, typographer: false, breaks: false });
  md.enable(['emphasis', 'backticks', 'link', 'escape']);
  md.use(mathPlugin);
  // markdown-it drops a link whose target fails this check, leaving its source as plain text.
  md.validateLink = (url: string) => SAFE_LINK.test(url.trim());
  const encodeLink = md.normalizeLink;
  md.normalizeLink = (url: string) => (PLAIN_URL.test(url) ? url : encodeLink(url));
  md.renderer.rules.link_open = (tokens, idx, options, _env, self) => {
    tokens[idx]?.attrSet('rel', 'noopener noreferrer');
    return self.renderToken(tokens, idx, options);
  };

  // Notes also take paragraphs and `- ` lists.
  const notesMd = new MarkdownItClass('zero', {
    html: false,
    linkify: false,
    typographer: false,
    breaks: false,
  });
  notesMd.enable(['paragraph', 'list', 'emphasis', 'backticks', 'link', 'escape', 'newline']);
  notesMd.validateLink = md.validateLink;
  notesMd.normalizeLink = md.normalizeLink;
  notesMd.renderer.rules.link_open = md.renderer.rules.link_open;
  notesMd.use(mathPlugin);
  return { md, notesMd };
}

// Text with none of these characters has no Markdown in it: escaping it gives what markdown-it would.
const MARKDOWN_CHARS = /[*_`[\]\\\r\n\0]/;
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => HTML_ESCAPES[c] ?? c);
}

/** Render one text field's inline Markdown to HTML; anything outside the subset comes out escaped. */
export function renderInline(text: string): string {
  if (!MARKDOWN_CHARS.test(text)) return escapeHtml(text);
  return renderSimpleInline(text) ?? markdown().md.renderInline(text);
}

/** renderInline through markdown-it alone, for the test that holds the simple path to it. */
export function renderInlineParsed(text: string): string {
  return markdown().md.renderInline(text);
}

/** The text of an inline Markdown field without its markup (for <title>, alt text, plain contexts). */
export function inlineText(text: string): string {
  if (!MARKDOWN_CHARS.test(text)) return text;
  return simpleInlineText(text) ?? inlineTextParsed(text);
}

/** inlineText through markdown-it alone, for the test that holds the simple path to it. */
export function inlineTextParsed(text: string): string {
  const tokens = markdown().md.parseInline(text, {})[0]?.children ?? [];
  return tokens
    .filter((t) => t.type === 'text' || t.type === 'code_inline' || t.type === 'math')
    .map((t) => t.content)
    .join('');
}

// markdown-it's list rule would read "1950. The war…" as an ordered list starting at 1950, so a number
// and dot (or parenthesis) opening a line of notes is kept as text.
const ORDERED_MARKER = /^([ \t]*\d{1,9})([.)])(?=[ \t]|$)/gm;

/** Render speaker notes: paragraphs split on blank lines, `- ` lines as lists, inline Markdown within. */
export function renderNotes(text: string): string {
  return renderSimpleNotes(text) ?? renderNotesParsed(text);
}

/** renderNotes through markdown-it alone, for the test that holds the simple path to it. */
export function renderNotesParsed(text: string): string {
  return markdown().notesMd.render(text.replace(ORDERED_MARKER, '$1\\$2')).trim();
}

/** The formulas of a text field (or of notes, with their paragraphs and lists), as the renderer will find them. */
export function mathIn(text: string, notes = false): { tex: string; display: boolean }[] {
  if (!text.includes('\\')) return [];
  const tokens = notes
    ? markdown()
        .notesMd.parse(text.replace(ORDERED_MARKER, '$1\\$2'), {})
        .flatMap((t) => t.children ?? [])
    : (markdown().md.parseInline(text, {})[0]?.children ?? []);
  return tokens
    .filter((t) => t.type === 'math')
    .map((t) => ({ tex: t.content, display: t.meta?.display === true }));
}

/** The inline tokens of one text field (bold, italic, code, links, math), for writers that are not HTML. */
export function inlineTokens(text: string): Token[] {
  return markdown().md.parseInline(text, {})[0]?.children ?? [];
}

/** The block tokens of speaker notes (paragraphs and `- ` lists), read as renderNotes reads them. */
export function notesTokens(text: string): Token[] {
  return markdown().notesMd.parse(text.replace(ORDERED_MARKER, '$1\\$2'), {});
}
