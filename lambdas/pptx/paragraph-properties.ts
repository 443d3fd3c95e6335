/**
 * pptxgenjs 4.0.1 writes paragraph properties (`<a:pPr>`) before every run of a paragraph, not only
 * before its first, so a paragraph with bold or linked words carries several, the later ones saying
 * "no bullet". The schema allows one, first: PowerPoint offers to repair such a file and LibreOffice
 * takes the last, dropping the bullet. The writer keeps each paragraph's first and removes the rest.
 */

// A pPr right after a run or a line break is one of the misplaced ones (the first follows <a:p>).
const MISPLACED = /(<\/a:r>|<a:br\/>|<a:br>[\s\S]*?<\/a:br>)<a:pPr\b[^>]*?(?:\/>|>[\s\S]*?<\/a:pPr>)/g;

/** `xml` (a slide) with only the first paragraph properties left in each paragraph. */
export function keepFirstParagraphProperties(xml: string): string {
  let previous: string;
  let current = xml;
  // Each pass removes the pPr after each run; a paragraph of n runs needs at most n - 1 passes, but
  // the pattern consumes the run's end, so consecutive ones are taken on the next pass.
  do {
    previous = current;
    current = current.replace(MISPLACED, '$1');
  } while (current !== previous);
  return current;
}
