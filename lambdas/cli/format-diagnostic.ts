import type { Diagnostic } from '../core/errors.js';

/** `file:line:col  path  message`, the form editors and CI logs link to. Warnings say so. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = d.line ? `${file}:${d.line}:${d.col ?? 1}` : file;
  const path = d.path || '(document)';
  const message = d.severity === 'warning' ? `warning: ${d.message}` : d.message;
  return `${where}  ${path}  ${message}`;
}

/** "2 errors, 1 warning". */
export function countDiagnostics(errors: number, warnings: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}
