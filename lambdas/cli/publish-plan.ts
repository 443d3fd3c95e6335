import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Course } from '../core/course.js';
import type { LectureFormat, TemplateSet } from '../core/deck.js';
import type { Diagnostic } from '../core/errors.js';
import { collectFiles, formatOf } from '../node/collect-files.js';
import { sortCourseFiles } from '../node/course-files.js';
import { ASSETS_BASE } from '../site/layout.js';
import { buildFile, readError } from './check-file.js';

/** A lecture file checked on this machine: what to send, or why it is not sent. */
export interface PlannedLecture {
  file: string;
  diagnostics: Diagnostic[];
  /** Present when the lecture has no error: the deck id and the text to send. */
  send?: {
    id: string;
    text: string;
    format: LectureFormat;
    /** Its local images: `src` as written → the file on disk. */
    mediaFiles: ReadonlyMap<string, string>;
  };
}

/** A course to store on the site, its lectures named by the deck ids of its files. */
export interface PlannedCourse {
  file: string;
  course: Course;
  /** Deck ids in the course's order; a lecture whose id could not be read is left out. */
  lectureIds: string[];
}

export interface PublishPlan {
  lectures: PlannedLecture[];
  courses: PlannedCourse[];
  /** Course files with errors: reported like validate, not sent. */
  problems: { file: string; diagnostics: Diagnostic[] }[];
}

/** Check every lecture and course named on the command line, as `lectern validate` does, before anything is sent. */
export async function planPublish(
  args: readonly string[],
  cwd: string,
  templates: TemplateSet,
  onChecked: (file: string) => void = () => {},
): Promise<PublishPlan> {
  const sorted = sortCourseFiles(collectFiles(args, cwd), cwd);
  const lectures: PlannedLecture[] = [];
  const idOf = new Map<string, string>();
  for (const file of sorted.lectures) {
    const planned = await checkLectureFile(file, cwd, templates);
    if (planned.send) idOf.set(resolve(cwd, file), planned.send.id);
    lectures.push(planned);
    onChecked(file);
  }
  const courses = sorted.courses.map(({ file, course, lectureFiles }) => ({
    file,
    course,
    lectureIds: lectureFiles.flatMap((lecture) => {
      const id = idOf.get(resolve(cwd, lecture));
      return id ? [id] : [];
    }),
  }));
  return { lectures, courses, problems: sorted.problems };
}

async function checkLectureFile(file: string, cwd: string, templates: TemplateSet): Promise<PlannedLecture> {
  // The same check as validate (local images read from beside the file included).
  const { result, mediaFiles } = await buildFile(
    file,
    cwd,
    templates,
    ASSETS_BASE.output,
    new Date(0).toISOString(),
  );
  if (!result.ok) return { file, diagnostics: result.diagnostics };
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (cause) {
    return { file, diagnostics: [readError(cause)] };
  }
  return {
    file,
    diagnostics: result.diagnostics,
    send: { id: result.manifest.id, text, format: formatOf(file), mediaFiles: mediaFiles ?? new Map() },
  };
}
