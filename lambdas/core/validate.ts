import { checkReferences } from './cross-references.js';
import type { ParsedDocument } from './deck.js';
import type { Diagnostic } from './errors.js';
import { checkLimits } from './limits.js';
import { type Finding, formatPath, placeFinding, sortDiagnostics } from './paths.js';
import { type Lecture, lectureSchema } from './schema.js';
import { describeIssues } from './schema-issues.js';

export interface ValidateOptions {
  /** Theme names the template set ships; a lecture naming another theme is an error. */
  themes: readonly string[];
}

export interface ValidationResult {
  /** The lecture with defaults applied; set if and only if there is no error. */
  lecture?: Lecture;
  /** Every error, in document order, each with its path and line/col. */
  diagnostics: Diagnostic[];
}

/** Check a parsed lecture against the schema and its references (cites, themes, ids): every error at once. */
export function validateLecture(doc: ParsedDocument, options: ValidateOptions): ValidationResult {
  const parsed = lectureSchema.safeParse(doc.value);
  const findings = [
    ...(parsed.success ? [] : describeIssues(parsed.error.issues, doc.value)),
    ...checkReferences(doc.value, { themes: options.themes }),
    ...checkLimits(doc.value),
  ];
  const errors = sortDiagnostics(firstPerPath(findings).map((finding) => placeFinding(finding, doc.locate)));
  if (!parsed.success || errors.length > 0) return { diagnostics: errors };
  return { lecture: parsed.data, diagnostics: [] };
}

// One error per place: a bad URL is reported once, not once per rule it breaks.
function firstPerPath(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = formatPath(finding.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
