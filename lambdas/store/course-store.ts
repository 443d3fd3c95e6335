import '../core/zod-setup.js';
import * as z from 'zod/mini';
import { type SiteCourse, siteCourseSchema } from '../core/site-course.js';
import { contentTypeFor } from '../site/content-type.js';
import { CACHE, COURSE_FILES, COURSES_PREFIX, courseKey } from '../site/layout.js';
import { StorageError } from './errors.js';
import { createKeyedLock } from './keyed-lock.js';
import type { ObjectStore, StoredObject } from './object-store.js';
import { ownerSchema } from './pointer.js';

/**
 * Courses beside the decks, under `courses/` (the key is the site path):
 *   {id}/course.json   the course document, its owner and when it last changed (written last)
 *   {id}/index.html    the public course page
 * Both are small and rewritten whole, so a reader sees the old course or the new one.
 */

/** Who owns a course: the instructor who first stored it. */
export interface CourseOwner {
  id: string;
  name: string;
}

export interface StoredCourse {
  course: SiteCourse;
  owner: CourseOwner;
  updatedAt: string;
}

/** course.json as written by this store, read back through a schema rather than trusted. */
const storedCourseSchema = z.object({
  course: siteCourseSchema,
  owner: ownerSchema,
  updatedAt: z.catch(z.string(), '1970-01-01T00:00:00.000Z'),
});

export interface CourseStore {
  getCourse(id: string): Promise<StoredCourse | undefined>;
  listCourses(): Promise<StoredCourse[]>;
  /** Store the course and its page; `created` is false when that id was already stored. */
  putCourse(stored: StoredCourse, page: string): Promise<{ created: boolean }>;
  /** Rewrite the page of a stored course (after one of its decks changed). */
  putCoursePage(id: string, page: string): Promise<void>;
  /** Remove the course and its page; false when there was none. */
  deleteCourse(id: string): Promise<boolean>;
  readCourseFile(id: string, name: string): Promise<StoredObject | undefined>;
}

class MalformedCourseError extends StorageError {}

function parseStored(id: string, body: Uint8Array): StoredCourse {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (error) {
    throw new MalformedCourseError(`The stored course "${id}" is not readable`, { cause: error });
  }
  const parsed = storedCourseSchema.safeParse(value);
  if (!parsed.success) {
    throw new MalformedCourseError(`The stored course "${id}" is not a course record`, {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** A course store over any object store backing. */
export function createCourseStore(objects: ObjectStore): CourseStore {
  const lock = createKeyedLock();

  const read = async (id: string) => {
    const object = await objects.get(courseKey(id, COURSE_FILES.document));
    return object ? parseStored(id, object.body) : undefined;
  };
  const putPage = (id: string, page: string) =>
    objects.put(courseKey(id, COURSE_FILES.page), page, {
      contentType: contentTypeFor(COURSE_FILES.page),
      cacheControl: CACHE.revalidate,
    });

  return {
    getCourse: read,

    async listCourses() {
      const ids = await objects.listChildren(COURSES_PREFIX);
      const found = await Promise.all(
        ids.map((id) =>
          read(id).catch((error: unknown) => {
            if (error instanceof MalformedCourseError) return undefined;
            throw error;
          }),
        ),
      );
      return found
        .filter((stored): stored is StoredCourse => stored !== undefined)
        .sort((a, b) => a.course.id.localeCompare(b.course.id));
    },

    putCourse: (stored, page) =>
      lock.run(stored.course.id, async () => {
        const { id } = stored.course;
        const created = (await read(id)) === undefined;
        // The page first: a course listed by its document always has a page to link to.
        await putPage(id, page);
        await objects.put(courseKey(id, COURSE_FILES.document), `${JSON.stringify(stored, null, 2)}\n`, {
          contentType: contentTypeFor(COURSE_FILES.document),
          cacheControl: CACHE.revalidate,
        });
        return { created };
      }),

    putCoursePage: (id, page) => lock.run(id, () => putPage(id, page)),

    deleteCourse: (id) =>
      lock.run(id, async () => {
        if (!(await read(id))) return false;
        // The document first: once it is gone the course is gone from every listing.
        await objects.delete(courseKey(id, COURSE_FILES.document));
        await objects.delete(courseKey(id, COURSE_FILES.page));
        return true;
      }),

    readCourseFile: (id, name) => objects.get(courseKey(id, name)),
  };
}
