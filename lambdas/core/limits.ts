import { type DocPath, type Finding, isRecord } from './paths.js';

/**
 * Generous bounds on what one lecture may hold, far above any real lecture, so that the work of
 * checking and rendering any file stays bounded. The 1 MiB limit on a request bounds the rest.
 */
export const LIMITS = {
  /** Slides in the whole lecture, over all sections. */
  slides: 1000,
  /** Entries of `sources`. */
  sources: 1000,
  /** Source ids in one slide's `cite`. */
  citesPerSlide: 50,
  /** Characters in any one text (a title, a point, a note, a table cell, a code block…). */
  textLength: 20_000,
  /** Formulas in the whole lecture (each `\(…\)`, `\[…\]` and math slide), each drawn by the TeX engine. */
  formulas: 500,
  /**
   * Characters of TeX over all formulas, bounding what is read before any formula is parsed; a
   * maths-heavy lecture of 150 formulas holds about 12,000.
   */
  texCharacters: 16_000,
  /**
   * Parts of TeX over all formulas, as the TeX engine reads them (each symbol, group, fraction…, and
   * each part of what a command such as `\LaTeX` stands for): drawing costs 6 to 20 µs a part, so
   * this bounds a command that stands for many. A maths-heavy lecture of 150 formulas reads as about
   * 6,000.
   */
  texParts: 12_000,
} as const;

/** Every place where the lecture document `root` goes over a limit. */
export function checkLimits(root: unknown): Finding[] {
  if (!isRecord(root)) return [];
  const findings: Finding[] = [];
  const over = (path: DocPath, message: string) =>
    findings.push({ severity: 'error', code: 'over-limit', path, message });
  if (Array.isArray(root.sources) && root.sources.length > LIMITS.sources) {
    over(['sources'], `${root.sources.length} sources; a lecture may have at most ${LIMITS.sources}`);
  }
  let slides = 0;
  const sections = Array.isArray(root.sections) ? root.sections : [];
  sections.forEach((section, s) => {
    if (!isRecord(section) || !Array.isArray(section.slides)) return;
    section.slides.forEach((slide, i) => {
      slides++;
      if (slides === LIMITS.slides + 1) {
        over(['sections', s, 'slides', i], `a lecture may have at most ${LIMITS.slides} slides; split it`);
      }
      if (isRecord(slide) && Array.isArray(slide.cite) && slide.cite.length > LIMITS.citesPerSlide) {
        const message = `${slide.cite.length} cites; a slide may cite at most ${LIMITS.citesPerSlide} sources`;
        over(['sections', s, 'slides', i, 'cite'], message);
      }
    });
  });
  for (const path of longTexts(root)) {
    over(path, `text longer than ${LIMITS.textLength} characters; shorten it or split it`);
  }
  return findings;
}

/**
 * Paths of the strings over the length limit, found without recursion. Each entry keeps its parent
 * and key, and a path is built only for a text over the limit (building one for each of 25,000
 * values cost more than the check).
 */
function longTexts(root: unknown): DocPath[] {
  interface Entry {
    value: unknown;
    key?: string | number;
    parent?: Entry;
  }
  const pathOf = (entry: Entry): DocPath => {
    const path: (string | number)[] = [];
    for (let at: Entry | undefined = entry; at?.key !== undefined; at = at.parent) path.push(at.key);
    return path.reverse();
  };
  const found: DocPath[] = [];
  const stack: Entry[] = [{ value: root }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value } = next;
    if (typeof value === 'string') {
      if (value.length > LIMITS.textLength) found.push(pathOf(next));
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push({ value: value[i], key: i, parent: next });
    } else if (isRecord(value)) {
      for (const key of Object.keys(value)) stack.push({ value: value[key], key, parent: next });
    }
  }
  return found;
}
