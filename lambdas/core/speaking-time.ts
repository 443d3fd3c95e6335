import { countWords } from './count-words.js';
import type { Lecture } from './schema.js';

/** How long a lecture takes to speak, from its notes: used by lint (duration-off) and by deck.json. */

/** Speaking rate for notes: a relaxed lecturing pace. */
export const WORDS_PER_MINUTE = 130;
/** Even a slide with short notes stays on screen a while: it is shown, read and pointed at. */
export const MIN_MINUTES_PER_SLIDE = 0.5;
/** The title slide: a greeting and the plan of the hour. */
export const TITLE_SLIDE_MINUTES = 0.5;
/** A section divider: one sentence of transition. */
export const DIVIDER_SLIDE_MINUTES = 0.25;
/** The closing sources slide, shown only when there are sources. */
export const SOURCES_SLIDE_MINUTES = 0.25;

// Lint and deck.json both ask for a lecture's estimate; counting every word of the notes twice costs a millisecond.
const estimates = new WeakMap<Lecture, number>();

/** Estimated speaking time in minutes (one decimal): notes at WORDS_PER_MINUTE, with a minimum per slide. */
export function estimateMinutes(lecture: Lecture): number {
  const known = estimates.get(lecture);
  if (known !== undefined) return known;
  const estimate = computeEstimate(lecture);
  estimates.set(lecture, estimate);
  return estimate;
}

function computeEstimate(lecture: Lecture): number {
  let minutes = TITLE_SLIDE_MINUTES + (lecture.sources.length > 0 ? SOURCES_SLIDE_MINUTES : 0);
  for (const section of lecture.sections) {
    minutes += DIVIDER_SLIDE_MINUTES;
    for (const slide of section.slides) {
      minutes += Math.max(countWords(slide.notes) / WORDS_PER_MINUTE, MIN_MINUTES_PER_SLIDE);
    }
  }
  return Math.round(minutes * 10) / 10;
}
