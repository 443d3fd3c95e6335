import type { ParsedDocument } from './deck.js';
import type { Diagnostic } from './errors.js';

/** A path into a lecture document: keys of mappings and 0-based indices of lists. */
export type DocPath = readonly (string | number)[];

/** What a check found, before it is placed in the document. */
export interface Finding {
  severity: Diagnostic['severity'];
  code: string;
  path: DocPath;
  message: string;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `['sections', 1, 'slides', 3, 'cite', 0]` → `sections[1].slides[3].cite[0]`; the root is `''`. */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (PLAIN_KEY.test(key)) out += out === '' ? key : `.${key}`;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Turn a finding into a diagnostic, with the line and column of its node (or nearest ancestor) when known. */
export function placeFinding(finding: Finding, locate: ParsedDocument['locate']): Diagnostic {
  const where = locate(finding.path);
  const diagnostic: Diagnostic = {
    severity: finding.severity,
    code: finding.code,
    path: formatPath(finding.path),
    message: finding.message,
  };
  if (where) {
    diagnostic.line = where.line;
    diagnostic.col = where.col;
  }
  return diagnostic;
}

/** The plain value at `path`, or undefined where the path leaves the document. */
export function valueAt(root: unknown, path: DocPath): unknown {
  let node = root;
  for (const key of path) {
    if (typeof key === 'number' ? !Array.isArray(node) : !isRecord(node)) return undefined;
    // Own properties only: a key named "constructor" must not find Object's.
    if (!Object.hasOwn(node as object, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Errors first, each group in document order (line, then column); unplaced ones keep their order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : 1);
  return [...diagnostics].sort(
    (a, b) => rank(a) - rank(b) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0),
  );
}
