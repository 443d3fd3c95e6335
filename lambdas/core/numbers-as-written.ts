import type { ParsedDocument } from './deck.js';
import { valueAt } from './paths.js';
import type { Lecture } from './schema.js';

/**
 * YAML and JSON read `1.10` as 1.1 and `007` as 7: a table shows its numbers as the file writes them.
 * Returns the lecture with every numeric table cell replaced by its source text; the input is not changed.
 */
export function keepNumbersAsWritten(lecture: Lecture, doc: ParsedDocument): Lecture {
  const sourceText = doc.sourceText;
  if (!sourceText) return lecture;
  const sections = lecture.sections.map((section, s) => ({
    ...section,
    slides: section.slides.map((slide, i) => {
      if (slide.kind !== 'table') return slide;
      const base = ['sections', s, 'slides', i];
      const written = (path: (string | number)[], cell: string) =>
        typeof valueAt(doc.value, path) === 'number' ? (sourceText(path) ?? cell) : cell;
      return {
        ...slide,
        header: slide.header.map((cell, c) => written([...base, 'header', c], cell)),
        rows: slide.rows.map((row, r) => row.map((cell, c) => written([...base, 'rows', r, c], cell))),
      };
    }),
  }));
  return { ...lecture, sections };
}
