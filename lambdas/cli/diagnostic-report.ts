import type { Diagnostic } from '../core/errors.js';
import { sortDiagnostics } from '../core/paths.js';
import { countDiagnostics, formatDiagnostic } from './format-diagnostic.js';

/**
 * The diagnostics of a whole run, printed at its end: the errors of every file first, then the
 * warnings, so no error hides behind a screen of advice. Files keep the order they were given in,
 * and each file's diagnostics their order in the document.
 */
export class DiagnosticReport {
  private readonly entries: { file: string; diagnostic: Diagnostic }[] = [];

  add(file: string, diagnostics: readonly Diagnostic[]): void {
    for (const diagnostic of sortDiagnostics(diagnostics)) this.entries.push({ file, diagnostic });
  }

  get errors(): number {
    return this.entries.filter((entry) => entry.diagnostic.severity === 'error').length;
  }

  get warnings(): number {
    return this.entries.length - this.errors;
  }

  /** The report's lines: every error, then (unless `errorsOnly`) every warning. */
  lines(options: { errorsOnly?: boolean } = {}): string[] {
    const of = (severity: Diagnostic['severity']) =>
      this.entries
        .filter((entry) => entry.diagnostic.severity === severity)
        .map((entry) => formatDiagnostic(entry.file, entry.diagnostic));
    return [...of('error'), ...(options.errorsOnly ? [] : of('warning'))];
  }

  /** "2 errors, 1 warning". */
  summary(): string {
    return countDiagnostics(this.errors, this.warnings);
  }
}
