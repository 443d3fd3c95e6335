import './zod-setup.js';
// Namespace import: it lets esbuild leave out zod's 60-odd locales and other unused parts (~340 KB).
import * as z from 'zod/mini';
import type { LectureFormat } from './deck.js';
import type { Diagnostic } from './errors.js';
import { parseLecture } from './parse.js';
import { type Finding, placeFinding, sortDiagnostics } from './paths.js';
import { ID_PATTERN } from './schema.js';
import { type DocumentKind, describeIssues } from './schema-issues.js';

/**
 * A course: a titled series of lectures in teaching order (docs/course-format.md). It names its
 * lectures by file path, relative to the course file, so a course folder can be moved as a whole.
 */

const text = z.string({ error: 'must be text' });
const requiredText = text.check(z.trim(), z.minLength(1, 'must not be empty'));
const lecturePath = z.string({ error: 'must be the path of a lecture file' }).check(
  z.trim(),
  z.minLength(1, 'must not be empty'),
  z.regex(/\.(ya?ml|json)$/i, 'must name a .yaml, .yml or .json lecture file'),
  z.refine((path) => !path.startsWith('/'), 'must be relative to the course file'),
);

export const courseSchema = z.strictObject({
  id: z
    .string({ error: 'must be text' })
    .check(
      z.regex(
        ID_PATTERN,
        'must be 1–64 lowercase letters, digits and dashes, starting with a letter or digit',
      ),
    ),
  title: requiredText,
  code: z.optional(text),
  term: z.optional(text),
  instructor: z.optional(text),
  description: z.optional(text),
  lectures: z
    .array(lecturePath, { error: 'must be a list of lecture files' })
    .check(z.minLength(1, 'needs at least one lecture')),
});

export type Course = z.output<typeof courseSchema>;

/** File names that hold a course description rather than a lecture. */
export const COURSE_FILE_NAMES = ['course.yaml', 'course.yml', 'course.json'] as const;

/** True when `fileName` (a base name) is a course description. */
export function isCourseFileName(fileName: string): boolean {
  return (COURSE_FILE_NAMES as readonly string[]).includes(fileName.toLowerCase());
}

export interface CourseCheckOptions {
  format?: LectureFormat;
  /** Whether a lecture path (as written in the course) names a readable file; the caller owns the I/O. */
  lectureExists?: (path: string) => boolean;
}

export interface CourseCheck {
  course?: Course;
  /**
   * The lecture paths the file lists, read as well as can be even when the course has errors, so a
   * broken course file does not stop its lectures from being checked and rendered.
   */
  lectures: string[];
  diagnostics: Diagnostic[];
}

/** Parse and validate a course file's text: every error at once, each with its path, line and column. */
export function checkCourse(source: string, options: CourseCheckOptions = {}): CourseCheck {
  const doc = parseLecture(source, options.format ? { format: options.format } : {});
  const parsed = courseSchema.safeParse(doc.value);
  const findings: Finding[] = parsed.success
    ? []
    : describeIssues(parsed.error.issues, doc.value, COURSE_DOCUMENT);
  if (parsed.success) {
    findings.push(...duplicateLectures(parsed.data.lectures));
    if (options.lectureExists) findings.push(...missingLectures(parsed.data.lectures, options.lectureExists));
  }
  const diagnostics = sortDiagnostics(findings.map((finding) => placeFinding(finding, doc.locate)));
  const lectures = listedLectures(doc.value, options.lectureExists);
  return parsed.success && diagnostics.length === 0
    ? { course: parsed.data, lectures, diagnostics }
    : { lectures, diagnostics };
}

function listedLectures(value: unknown, exists?: (path: string) => boolean): string[] {
  const list = (value as { lectures?: unknown } | null)?.lectures;
  if (!Array.isArray(list)) return [];
  const paths = list.filter(
    (item): item is string =>
      typeof item === 'string' && lecturePath.safeParse(item).success && (!exists || exists(item.trim())),
  );
  return [...new Set(paths.map((path) => path.trim()))];
}

/** How schema messages name a course document (the fields are the same for a course file and a site course). */
export const COURSE_DOCUMENT: DocumentKind = {
  schema: courseSchema,
  name: 'course',
  leading: ['id', 'title', 'lectures'],
};

/** A finding for each lecture listed a second time. */
export function duplicateLectures(lectures: readonly string[]): Finding[] {
  const seen = new Map<string, number>();
  const findings: Finding[] = [];
  lectures.forEach((lecture, index) => {
    const first = seen.get(lecture);
    if (first === undefined) seen.set(lecture, index);
    else
      findings.push({
        severity: 'error',
        code: 'duplicate-lecture',
        path: ['lectures', index],
        message: `"${lecture}" is already listed at lectures[${first}]`,
      });
  });
  return findings;
}

function missingLectures(lectures: readonly string[], exists: (path: string) => boolean): Finding[] {
  return lectures.flatMap((lecture, index) =>
    exists(lecture)
      ? []
      : [
          {
            severity: 'error' as const,
            code: 'lecture-missing',
            path: ['lectures', index],
            message: `there is no lecture file "${lecture}" beside the course file`,
          },
        ],
  );
}
