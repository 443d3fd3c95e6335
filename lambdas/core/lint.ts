import { countAllWords } from './count-words.js';
import type { ParsedDocument } from './deck.js';
import type { Diagnostic } from './errors.js';
import { type DocPath, type Finding, placeFinding } from './paths.js';
import type { Lecture, Point, Slide } from './schema.js';
import { estimateMinutes, MIN_MINUTES_PER_SLIDE, WORDS_PER_MINUTE } from './speaking-time.js';

/**
 * Warnings about a valid lecture: advice, never a reason to refuse the deck.
 * The limits are the format's (docs/lecture-format.md, "Warnings").
 */

export const MAX_POINTS = 6;
export const MAX_WORDS_ON_SCREEN = 60;
/** How far the estimate may be from the planned `duration` before lint says so. */
export const DURATION_TOLERANCE = 0.25;

/** Every lint warning for a valid lecture, placed in the document when `locate` is given. */
export function lintLecture(
  lecture: Lecture,
  locate: ParsedDocument['locate'] = () => undefined,
): Diagnostic[] {
  const findings: Finding[] = [];
  lecture.sections.forEach((section, s) => {
    section.slides.forEach((slide, i) => {
      findings.push(...lintSlide(slide, ['sections', s, 'slides', i]));
    });
  });
  findings.push(...findUncitedSources(lecture), ...checkDuration(lecture));
  return findings.map((finding) => placeFinding(finding, locate));
}

function warning(code: string, path: DocPath, message: string): Finding {
  return { severity: 'warning', code, path, message };
}

function lintSlide(slide: Slide, path: DocPath): Finding[] {
  const found: Finding[] = [];
  const points = countPoints(slide);
  if (points > MAX_POINTS) {
    const message = `slide has ${points} points; more than ${MAX_POINTS} is hard to follow: split it or trim it`;
    found.push(warning('too-many-points', path, message));
  }
  const words = countAllWords(visibleText(slide));
  if (words > MAX_WORDS_ON_SCREEN) {
    const message = `slide shows ${words} words; more than ${MAX_WORDS_ON_SCREEN} is hard to read: move detail to the notes`;
    found.push(warning('too-many-words', path, message));
  }
  if (slide.id !== undefined && /^\d+$/.test(slide.id)) {
    // reveal.js reads a hash of digits as a slide number, so #/2026 would open slide 2026.
    const message = `slide id "${slide.id}" is only digits, so the link #/${slide.id} opens slide number ${slide.id}, not this slide: add a letter (e.g. "y${slide.id}")`;
    found.push(warning('numeric-slide-id', [...path, 'id'], message));
  }
  if (!slide.notes?.trim()) {
    found.push(
      warning(
        'no-notes',
        path,
        'slide has no notes (they feed the speaker view, the handout and the timing)',
      ),
    );
  }
  return found;
}

function pointTexts(points: readonly Point[] | undefined): string[] {
  return (points ?? []).flatMap((p) => (typeof p === 'string' ? [p] : [p.text, ...(p.points ?? [])]));
}

/** Items listed on the slide: points with their nested points, compare columns' points, questions. */
function countPoints(slide: Slide): number {
  switch (slide.kind) {
    case undefined:
    case 'bullets':
      return pointTexts(slide.points).length;
    case 'compare':
      return slide.columns.reduce((sum, column) => sum + (column.points?.length ?? 0), 0);
    case 'questions':
      return slide.items.length;
    default:
      return 0;
  }
}

/** The text a slide shows. Code is left out: a listing is read line by line, not as prose. */
function visibleText(slide: Slide): (string | undefined)[] {
  switch (slide.kind) {
    case undefined:
    case 'bullets':
      return [slide.title, ...pointTexts(slide.points)];
    case 'quote':
      return [slide.title, slide.text, slide.by];
    case 'timeline':
      return [slide.title, ...slide.events.flatMap((e) => [e.date, e.text])];
    case 'compare':
      return [slide.title, ...slide.columns.flatMap((c) => [c.heading, ...(c.points ?? [])])];
    case 'table':
      return [slide.title, ...slide.header, ...slide.rows.flat()];
    case 'image':
      return [slide.title, slide.caption, slide.credit];
    case 'statement':
      return [slide.title, slide.text];
    case 'questions':
      return [slide.title ?? 'Discussion', ...slide.items];
    case 'code':
      return [slide.title];
    case 'math':
      return [slide.title, slide.caption];
  }
}

function findUncitedSources(lecture: Lecture): Finding[] {
  const cited = new Set(lecture.sections.flatMap((s) => s.slides.flatMap((slide) => slide.cite ?? [])));
  return lecture.sources.flatMap((source, i) =>
    cited.has(source.id)
      ? []
      : [warning('unused-source', ['sources', i], `source "${source.id}" is never cited`)],
  );
}

function minutes(n: number): string {
  return n === 1 ? '1 minute' : `${n} minutes`;
}

function checkDuration(lecture: Lecture): Finding[] {
  if (lecture.duration === undefined) return [];
  const estimate = estimateMinutes(lecture);
  if (Math.abs(estimate - lecture.duration) <= DURATION_TOLERANCE * lecture.duration) return [];
  const message =
    `estimated speaking time is ${minutes(estimate)} but the planned duration is ${minutes(lecture.duration)} ` +
    `(more than ${DURATION_TOLERANCE * 100}% off; the estimate reads notes at ${WORDS_PER_MINUTE} words a minute, ` +
    `at least ${MIN_MINUTES_PER_SLIDE} minutes a slide)`;
  return [warning('duration-off', ['duration'], message)];
}
