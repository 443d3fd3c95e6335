import { courseMinutes, groupByCourseLine } from '../core/course-page.js';
import type { DeckManifest } from '../core/deck.js';

/** One course of the deck list: the decks whose lectures name it, by id, in teaching order. */
export interface CourseGroupSummary {
  title: string;
  decks: string[];
  minutes: number;
}

/**
 * The stored decks grouped by their lectures' `course` line, as the CLI's course page groups them,
 * so the site shows the same courses in the same order without grouping them again. Decks with no
 * course line belong to no group.
 */
export function summariseCourseGroups(decks: readonly DeckManifest[]): CourseGroupSummary[] {
  const named = decks.filter((deck) => deck.course?.trim());
  return groupByCourseLine(named).map((group) => ({
    title: group.heading ?? '',
    decks: group.decks.map((deck) => deck.id),
    minutes: courseMinutes(group.decks),
  }));
}
