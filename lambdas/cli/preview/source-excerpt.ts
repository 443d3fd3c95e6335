import type { Diagnostic } from '../../core/errors.js';
import { formatDiagnostic } from '../format-diagnostic.js';

/** The line a diagnostic points at, as the file writes it, and the column to mark (1-based). */
export interface SourceExcerpt {
  line: number;
  col: number;
  text: string;
}

// Long lines are cut around the column, so a minified JSON lecture still quotes readably.
const MAX_WIDTH = 160;

/** The offending line of `text` for a diagnostic with a line, or undefined. Pure. */
export function sourceExcerpt(text: string, d: Diagnostic): SourceExcerpt | undefined {
  if (!d.line) return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  const raw = lines[d.line - 1];
  if (raw === undefined) return undefined;
  let col = Math.max(1, d.col ?? 1);
  let shown = raw.replace(/\t/g, ' ');
  if (shown.length > MAX_WIDTH) {
    const start = Math.max(0, Math.min(col - 1 - MAX_WIDTH / 2, shown.length - MAX_WIDTH));
    shown = shown.slice(start, start + MAX_WIDTH);
    col -= start;
  }
  return { line: d.line, col: Math.min(col, shown.length + 1), text: shown };
}

/**
 * A diagnostic for the terminal: `file:line:col  path  message`, then the line quoted with a caret
 * under the column, as the preview's error page shows it.
 */
export function formatWithSource(file: string, d: Diagnostic, text: string | undefined): string {
  const head = formatDiagnostic(file, d);
  const excerpt = text === undefined ? undefined : sourceExcerpt(text, d);
  if (!excerpt) return head;
  const gutter = String(excerpt.line);
  const pad = ' '.repeat(gutter.length);
  return `${head}\n  ${gutter} | ${excerpt.text}\n  ${pad} | ${' '.repeat(excerpt.col - 1)}^`;
}
