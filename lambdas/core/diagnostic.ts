import './zod-setup.js';
// Namespace import: it lets esbuild leave out zod's locales and other unused parts.
import * as z from 'zod/mini';

/**
 * What a check found and where, as every front end reports it and deck.json keeps it: the CLI's
 * lines, the API's `details` and `warnings`, the preview's error page.
 */
export const diagnosticSchema = z.object({
  severity: z.enum(['error', 'warning']),
  /** Stable machine-readable code, e.g. `unknown-field`, `cite-unknown`, `too-many-words`. */
  code: z.string(),
  /** Path in the document, e.g. `sections[1].slides[3].cite[0]`; empty for the whole document. */
  path: z.string(),
  message: z.string(),
  /** Line and column (1-based) of the place, when known. */
  line: z.optional(z.int()),
  col: z.optional(z.int()),
});

export type Diagnostic = z.infer<typeof diagnosticSchema>;

/** A diagnostic with its keys in one fixed order, whatever the producer wrote: equal ones serialise equally. */
export function orderDiagnostic(d: Diagnostic): Diagnostic {
  const { severity, code, path, message, line, col } = d;
  return {
    severity,
    code,
    path,
    message,
    ...(line !== undefined && { line }),
    ...(col !== undefined && { col }),
  };
}
