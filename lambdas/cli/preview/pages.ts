import type { DeckManifest } from '../../core/deck.js';
import type { Diagnostic } from '../../core/errors.js';
import { escapeHtml } from '../../core/markdown.js';
import { sortDiagnostics } from '../../core/paths.js';
import { DECK_FILES, PREVIEW } from '../../site/layout.js';
import { formatDiagnostic } from '../format-diagnostic.js';
import { sourceExcerpt } from './source-excerpt.js';

/**
 * The preview's own pages: its index of decks and the page a deck's URL shows while its file has
 * errors. Pure HTML with no inline script or style (they run under the site's CSP), each carrying
 * the preview script that keeps the tab up to date. Every piece of lecture text is escaped.
 */

/** What the preview knows of one lecture file. */
export interface PreviewEntry {
  /** The file as the user named it (relative to where the preview runs). */
  file: string;
  /** The URL segment of its deck: the deck id, or while it has never rendered, one made from the file name. */
  id: string;
  /** The last good render's manifest, when the file currently renders. */
  manifest?: DeckManifest;
  /** The current errors (and warnings) of the file; empty when it renders cleanly. */
  diagnostics: Diagnostic[];
}

const e = escapeHtml;

function page(title: string, lang: string, body: string): string {
  return `<!doctype html>
<html lang="${e(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${e(title)}</title>
<link rel="stylesheet" href="${PREVIEW.style}">
</head>
<body>
<main>
${body}
</main>
${previewScriptTag()}
</body>
</html>
`;
}

/**
 * The tag that brings the preview script into a page (decks included, as they are served). Async:
 * the deck starts without waiting for it. A deck page carries its frame key (`deckFrameKey`): a
 * tab whose next render has the same key swaps its slides in place instead of reloading.
 */
export function previewScriptTag(frameKey?: string): string {
  const key = frameKey === undefined ? '' : ` data-frame="${e(frameKey)}"`;
  return `<script src="${PREVIEW.script}" data-events="${PREVIEW.events}"${key} async></script>`;
}

/** A rendered page with the preview script added before `</body>`: only in what the preview serves. */
export function withPreviewScript(html: string, frameKey?: string): string {
  const end = html.lastIndexOf('</body>');
  const tag = `${previewScriptTag(frameKey)}\n`;
  return end < 0 ? `${html}${tag}` : `${html.slice(0, end)}${tag}${html.slice(end)}`;
}

function errorItem(file: string, d: Diagnostic, text: string | undefined): string {
  const excerpt = text === undefined ? undefined : sourceExcerpt(text, d);
  const where = d.line ? `${file}:${d.line}:${d.col ?? 1}` : file;
  const quoted = excerpt
    ? `<pre class="preview-source"><code>${e(String(excerpt.line))} | ${e(excerpt.text.slice(0, excerpt.col - 1))}<mark>${e(excerpt.text.slice(excerpt.col - 1, excerpt.col) || ' ')}</mark>${e(excerpt.text.slice(excerpt.col))}</code></pre>`
    : '';
  return `<li class="preview-error preview-${e(d.severity)}">
<p><span class="preview-where">${e(where)}</span> <span class="preview-path">${e(d.path || '(document)')}</span></p>
<p class="preview-message">${d.severity === 'warning' ? 'warning: ' : ''}${e(d.message)}</p>
${quoted}
</li>`;
}

/** The page shown at a deck's URL while its file has errors: each with file, line, column, path, message and the line quoted. */
export function errorPage(entry: PreviewEntry, text: string | undefined): string {
  const diagnostics = sortDiagnostics(entry.diagnostics);
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const body = `<h1>${e(entry.file)}: ${errors} error${errors === 1 ? '' : 's'}</h1>
<p class="preview-status">The deck comes back here as soon as the file is saved without errors.</p>
<ol class="preview-errors" aria-label="Errors">
${diagnostics.map((d) => errorItem(entry.file, d, text)).join('\n')}
</ol>
<p><a href="/">All decks</a></p>`;
  return page(`Errors · ${entry.file}`, 'en', body);
}

/** The terminal's lines for an entry: what `lectern validate` prints. */
export function errorLines(entry: PreviewEntry): string[] {
  return sortDiagnostics(entry.diagnostics).map((d) => formatDiagnostic(entry.file, d));
}

function indexItem(entry: PreviewEntry): string {
  const errors = entry.diagnostics.filter((d) => d.severity === 'error').length;
  const href = `/${encodeURIComponent(entry.id)}/`;
  if (errors > 0 || !entry.manifest) {
    return `<li><a href="${href}">${e(entry.file)}</a> <span class="preview-broken">${errors} error${errors === 1 ? '' : 's'}</span></li>`;
  }
  const m = entry.manifest;
  const warnings =
    m.warnings.length > 0 ? `, ${m.warnings.length} warning${m.warnings.length === 1 ? '' : 's'}` : '';
  return `<li><a href="${href}">${e(m.title)}</a> <a href="${href}${DECK_FILES.handout}">handout</a>
<span class="preview-status">${e(entry.file)} · ${m.slides} slides${warnings}</span></li>`;
}

/** The preview's front page: every lecture file it watches, linked to its deck or its errors. */
export function indexPage(entries: readonly PreviewEntry[]): string {
  const body = `<h1>Lectern preview</h1>
<p class="preview-status">Each deck follows in its tab, on the slide it showed, when its file is saved.</p>
<ul class="preview-list">
${entries.map(indexItem).join('\n')}
</ul>`;
  return page('Lectern preview', 'en', body);
}
