import './zod-setup.js';
import * as z from 'zod/mini';
import { COURSE_DOCUMENT, courseSchema, duplicateLectures } from './course.js';
import type { LectureFormat } from './deck.js';
import type { Diagnostic } from './errors.js';
import { parseLecture } from './parse.js';
import { type Finding, placeFinding, sortDiagnostics } from './paths.js';
import { ID_PATTERN } from './schema.js';
import { describeIssues } from './schema-issues.js';

/**
 * A course as the site stores it: the course format's fields, with `lectures` naming deck ids in
 * teaching order rather than lecture files (the site knows decks, not the instructor's folders).
 */
export const siteCourseSchema = z.extend(courseSchema, {
  lectures: z
    .array(
      z
        .string({ error: 'must be a deck id' })
        .check(z.regex(ID_PATTERN, 'must be a deck id: 1–64 lowercase letters, digits and dashes')),
      { error: 'must be a list of deck ids' },
    )
    .check(z.minLength(1, 'needs at least one lecture')),
});

export type SiteCourse = z.output<typeof siteCourseSchema>;

export interface SiteCourseCheck {
  course?: SiteCourse;
  diagnostics: Diagnostic[];
}

/** Parse and validate a course document sent to the site: every error with its path, line and column. */
export function checkSiteCourse(
  source: string,
  options: { format?: LectureFormat; expectedId?: string } = {},
): SiteCourseCheck {
  const doc = parseLecture(source, options.format ? { format: options.format } : {});
  const parsed = siteCourseSchema.safeParse(doc.value);
  const findings: Finding[] = parsed.success
    ? [...duplicateLectures(parsed.data.lectures), ...otherId(parsed.data.id, options.expectedId)]
    : describeIssues(parsed.error.issues, doc.value, { ...COURSE_DOCUMENT, schema: siteCourseSchema });
  const diagnostics = sortDiagnostics(findings.map((finding) => placeFinding(finding, doc.locate)));
  return parsed.success && diagnostics.length === 0 ? { course: parsed.data, diagnostics } : { diagnostics };
}

function otherId(id: string, expected: string | undefined): Finding[] {
  if (expected === undefined || id === expected) return [];
  return [
    {
      severity: 'error',
      code: 'id-mismatch',
      path: ['id'],
      message: `the course's id "${id}" does not match "${expected}" in the URL`,
    },
  ];
}
