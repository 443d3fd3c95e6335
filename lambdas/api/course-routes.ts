import type { TemplateSet } from '../core/deck.js';
import { ParseError } from '../core/errors.js';
import { checkSiteCourse } from '../core/site-course.js';
import { courseUrl } from '../site/layout.js';
import type { CourseOwner, CourseStore, StoredCourse } from '../store/course-store.js';
import type { DeckStore } from '../store/deck-store.js';
import { renderSiteCoursePage } from './course-pages.js';
import { toDetail } from './error-result.js';
import { type ApiResult, emptyResult, HttpError, jsonResult } from './http.js';
import type { LectureBody } from './read-body.js';

/** Who is asking: an instructor, and whether they administer the site. */
export interface CourseActor extends CourseOwner {
  admin: boolean;
}

export interface CourseRouteDeps {
  courses: CourseStore;
  decks: Pick<DeckStore, 'getDeck'>;
  templates: TemplateSet;
  now: () => string;
}

/** The course routes of the API: PUT, GET one, GET all, DELETE; the same ownership rules as decks. */
export function createCourseRoutes(deps: CourseRouteDeps) {
  const { courses } = deps;

  const mayChange = (stored: StoredCourse | undefined, actor: CourseActor) => {
    if (!stored || stored.owner.id === actor.id || actor.admin) return;
    throw new HttpError(
      403,
      'forbidden',
      `The course "${stored.course.id}" belongs to ${stored.owner.name || 'another instructor'}; only they or an administrator may change it.`,
    );
  };

  return {
    async put(id: string, body: LectureBody, actor: CourseActor): Promise<ApiResult> {
      const course = readCourse(id, body);
      const previous = await courses.getCourse(id);
      mayChange(previous, actor);
      const page = await renderSiteCoursePage(course, deps.decks, deps.templates);
      const stored = {
        course,
        owner: previous?.owner ?? { id: actor.id, name: actor.name },
        updatedAt: deps.now(),
      };
      const { created } = await courses.putCourse(stored, page);
      return jsonResult(created ? 201 : 200, summarise(stored), {
        ...(created ? { location: `/api/courses/${id}` } : {}),
      });
    },

    async get(id: string): Promise<ApiResult> {
      const stored = await courses.getCourse(id);
      if (!stored) throw noSuchCourse(id);
      return jsonResult(200, summarise(stored));
    },

    async list(): Promise<ApiResult> {
      const listing = await courses.listCourses();
      return jsonResult(200, { courses: listing.map(summarise) });
    },

    async remove(id: string, actor: CourseActor): Promise<ApiResult> {
      const stored = await courses.getCourse(id);
      if (!stored) throw noSuchCourse(id);
      mayChange(stored, actor);
      if (!(await courses.deleteCourse(id))) throw noSuchCourse(id);
      return emptyResult(204);
    },
  };
}

function readCourse(id: string, body: LectureBody) {
  let checked: ReturnType<typeof checkSiteCourse>;
  try {
    checked = checkSiteCourse(body.text, { expectedId: id, ...(body.format ? { format: body.format } : {}) });
  } catch (error) {
    if (!(error instanceof ParseError)) throw error;
    const first = error.diagnostics[0];
    const where = first?.line !== undefined ? ` (line ${first.line}, column ${first.col ?? 1})` : '';
    throw new HttpError(
      400,
      'parse-error',
      `The course could not be read: ${error.message}${where}`,
      error.diagnostics.map(toDetail),
      { cause: error },
    );
  }
  if (!checked.course) {
    const errors = checked.diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0];
    throw new HttpError(
      422,
      'invalid-course',
      `The course has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was stored.${first ? ` First: ${first.path || 'the document'}: ${first.message}` : ''}`,
      errors.map(toDetail),
    );
  }
  return checked.course;
}

/** A stored course as the API answers it: the document, its owner, its page and when it changed. */
function summarise(stored: StoredCourse) {
  return {
    ...stored.course,
    owner: stored.owner,
    updatedAt: stored.updatedAt,
    url: courseUrl(stored.course.id),
  };
}

function noSuchCourse(id: string): HttpError {
  return new HttpError(404, 'course-not-found', `There is no course "${id}".`);
}
