import { renderCoursePage } from '../core/course-page.js';
import type { TemplateSet } from '../core/deck.js';
import type { SiteCourse } from '../core/site-course.js';
import { ASSETS_BASE, COURSE_DECKS_BASE, DECK_DOWNLOADS } from '../site/layout.js';
import type { CourseStore } from '../store/course-store.js';
import type { DeckStore, StoredDeck } from '../store/deck-store.js';

/** The public page of a course on the site: its lectures in its order, from the decks stored now. */
export async function renderSiteCoursePage(
  course: SiteCourse,
  decks: Pick<DeckStore, 'getDeck'>,
  templates: TemplateSet,
): Promise<string> {
  const found = await Promise.all(course.lectures.map((id) => decks.getDeck(id)));
  return renderCoursePage(
    [
      {
        course,
        decks: found.filter((deck): deck is StoredDeck => deck !== undefined),
        lectureIds: course.lectures,
      },
    ],
    templates,
    {
      title: [course.code, course.title].filter(Boolean).join(' · '),
      assetsBase: ASSETS_BASE.course,
      decksBase: COURSE_DECKS_BASE,
      // Every publish writes these into the version (a deck last published before them lacks them).
      downloads: DECK_DOWNLOADS,
    },
  );
}

/** Re-render the page of every stored course that lists `deckId` (after it was published or deleted). */
export async function refreshCoursePagesOf(
  deckId: string,
  courses: CourseStore,
  decks: Pick<DeckStore, 'getDeck'>,
  templates: TemplateSet,
): Promise<void> {
  const listing = await courses.listCourses();
  for (const { course } of listing) {
    if (!course.lectures.includes(deckId)) continue;
    await courses.putCoursePage(course.id, await renderSiteCoursePage(course, decks, templates));
  }
}
