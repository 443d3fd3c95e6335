import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, normalize, resolve } from 'node:path';
import { type Course, checkCourse, isCourseFileName } from '../core/course.js';
import type { Diagnostic } from '../core/errors.js';
import { ParseError } from '../core/errors.js';
import { formatOf } from './collect-files.js';

/** A valid course file and its lecture files, as paths the CLI shows (relative to where it runs). */
export interface CourseFile {
  file: string;
  course: Course;
  lectureFiles: string[];
}

export interface SortedFiles {
  lectures: string[];
  courses: CourseFile[];
  /** Diagnostics of course files, keyed by the course file. */
  problems: { file: string; diagnostics: Diagnostic[] }[];
}

/**
 * Split the collected files into lectures and course files. A course's lectures join the lecture
 * list when they were not given, so `lectern render content/cold-war/course.yaml` renders the course.
 */
export function sortCourseFiles(files: readonly string[], cwd: string): SortedFiles {
  const lectures = files.filter((file) => !isCourseFileName(basename(file)));
  const known = new Set(lectures.map((file) => resolve(cwd, file)));
  const courses: CourseFile[] = [];
  const problems: SortedFiles['problems'] = [];
  for (const file of files.filter((f) => isCourseFileName(basename(f)))) {
    const { course, lectures: listed, diagnostics } = readCourse(file, cwd);
    if (diagnostics.length > 0) problems.push({ file, diagnostics });
    // Even a course with errors brings in the lectures it lists: they are checked and rendered all the same.
    const lectureFiles = listed.map((lecture) => normalize(join(dirname(file), lecture)));
    for (const lectureFile of lectureFiles) {
      const absolute = resolve(cwd, lectureFile);
      if (!known.has(absolute)) {
        known.add(absolute);
        lectures.push(lectureFile);
      }
    }
    if (course) courses.push({ file, course, lectureFiles });
  }
  return { lectures, courses, problems };
}

function readCourse(
  file: string,
  cwd: string,
): { course?: Course; lectures: string[]; diagnostics: Diagnostic[] } {
  const absolute = resolve(cwd, file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? String(cause);
    return {
      lectures: [],
      diagnostics: [{ severity: 'error', code: 'read-error', path: '', message: `cannot be read (${code})` }],
    };
  }
  const isFile = (lecture: string) => {
    const path = resolve(dirname(absolute), lecture);
    return existsSync(path) && statSync(path).isFile();
  };
  try {
    return checkCourse(text, { format: formatOf(file), lectureExists: isFile });
  } catch (error) {
    if (error instanceof ParseError) return { lectures: [], diagnostics: error.diagnostics };
    throw error;
  }
}
