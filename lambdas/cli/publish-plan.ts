import { resolve } from 'node:path';
import type { Course } from '../core/course.js';
import type { LectureFormat, TemplateSet } from '../core/deck.js';
import type { Diagnostic } from '../core/errors.js';
import { isMediaFile, type MediaFile } from '../core/media/media-entry.js';
import { collectFiles, formatOf } from '../node/collect-files.js';
import { sortCourseFiles } from '../node/course-files.js';
import type { MediaReadCache } from '../node/read-media.js';
import { checkFile } from './check-file.js';

/** A lecture file checked on this machine: what to send, or why it is not sent. */
export interface PlannedLecture {
  file: string;
  diagnostics: Diagnostic[];
  /** Present when the lecture has no error: the deck id and the text to send. */
  send?: {
    id: string;
    text: string;
    format: LectureFormat;
    /** Its local images: `src` as written → the file on disk and what it is (hash, type, size). */
    media: ReadonlyMap<string, { path: string; file: MediaFile }>;
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
  const mediaCache: MediaReadCache = new Map();
  for (const file of sorted.lectures) {
    const planned = await checkLectureFile(file, cwd, templates, mediaCache);
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

async function checkLectureFile(
  file: string,
  cwd: string,
  templates: TemplateSet,
  cache: MediaReadCache,
): Promise<PlannedLecture> {
  // The same checks as validate, local images included; the site renders what it is sent.
  const { result, text, mediaFiles, media: found } = await checkFile(file, cwd, templates, cache);
  if (!result.ok || text === undefined) return { file, diagnostics: result.diagnostics };
  const media = new Map<string, { path: string; file: MediaFile }>();
  for (const [src, path] of mediaFiles ?? []) {
    const entry = found?.get(src);
    if (entry && isMediaFile(entry)) media.set(src, { path, file: entry });
  }
  return {
    file,
    diagnostics: result.diagnostics,
    send: { id: result.lecture.id, text, format: formatOf(file), media },
  };
}
