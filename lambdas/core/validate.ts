import { checkReferences } from './cross-references.js';
import type { ParsedDocument } from './deck.js';
import type { Diagnostic } from './errors.js';
import { lintLecture } from './lint.js';
import { type Finding, formatPath, placeFinding, sortDiagnostics, valueAt } from './paths.js';
import { type Lecture, lectureSchema } from './schema.js';
import { describeIssues } from './schema-issues.js';

export interface ValidateOptions {
  /** Theme names the template set ships; a lecture naming another theme is an error. */
  themes: readonly string[];
}

export interface ValidationResult {
  /** The lecture with defaults applied; set if and only if there is no error. */
  lecture?: Lecture;
  /** Errors first, then warnings, each group in document order, each with its path and line/col. */
  diagnostics: Diagnostic[];
}

/** Check a parsed lecture against the format: every error at once, and the lint warnings when it is valid. */
export function validateLecture(doc: ParsedDocument, options: ValidateOptions): ValidationResult {
  const parsed = lectureSchema.safeParse(doc.value);
  const findings = [
    ...(parsed.success ? [] : describeIssues(parsed.error.issues, doc.value)),
    ...checkReferences(doc.value, { themes: options.themes }),
  ];
  const errors = sortDiagnostics(firstPerPath(findings).map((finding) => placeFinding(finding, doc.locate)));
  if (!parsed.success || errors.length > 0) return { diagnostics: errors };
  keepNumbersAsWritten(parsed.data, doc);
  return { lecture: parsed.data, diagnostics: sortDiagnostics(lintLecture(parsed.data, doc.locate)) };
}

// YAML and JSON read `1.10` as 1.1 and `007` as 7: a table shows its numbers as the file writes them.
function keepNumbersAsWritten(lecture: Lecture, doc: ParsedDocument): void {
  if (!doc.sourceText) return;
  lecture.sections.forEach((section, s) => {
    section.slides.forEach((slide, i) => {
      if (slide.kind !== 'table') return;
      const base = ['sections', s, 'slides', i];
      const written = (path: (string | number)[], cell: string) =>
        typeof valueAt(doc.value, path) === 'number' ? (doc.sourceText?.(path) ?? cell) : cell;
      slide.header = slide.header.map((cell, c) => written([...base, 'header', c], cell));
      slide.rows = slide.rows.map((row, r) => row.map((cell, c) => written([...base, 'rows', r, c], cell)));
    });
  });
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
