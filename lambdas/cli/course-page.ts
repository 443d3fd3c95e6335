import { join, resolve } from 'node:path';
import { type CourseGroup, groupByCourseLine, renderCoursePage } from '../core/course-page.js';
import type { DeckManifest, TemplateSet } from '../core/deck.js';
import type { CourseFile } from '../node/course-files.js';
import { writeFileWhole } from '../node/write-whole.js';
import { DECK_DOWNLOADS, DECK_FILES } from '../site/layout.js';

/**
 * Write `<outDir>/index.html`: each course file's decks in its order, then every other rendered
 * deck grouped by its lecture's `course` line. Returns the page's path.
 */
export function writeCoursePage(
  outDir: string,
  courses: readonly CourseFile[],
  rendered: ReadonlyMap<string, DeckManifest>,
  cwd: string,
  templates: TemplateSet,
  /** Each deck folder holds deck.pptx (`render --pptx`): link it. */
  pptx = false,
): string {
  const placed = new Set<string>();
  const groups: CourseGroup[] = courses.map(({ course, lectureFiles }) => {
    const decks = lectureFiles.flatMap((file) => {
      const key = resolve(cwd, file);
      const deck = rendered.get(key);
      if (!deck) return [];
      placed.add(key);
      return [deck];
    });
    return { course, decks };
  });
  const rest = [...rendered].filter(([key]) => !placed.has(key)).map(([, deck]) => deck);
  groups.push(...groupByCourseLine(rest));
  const only = courses.length === 1 && rest.length === 0 ? courses[0]?.course : undefined;
  const title = only ? [only.code, only.title].filter(Boolean).join(' · ') : 'Lectures';
  // `render --pptx` writes each deck's PowerPoint file; it makes no single-file page beside it.
  const downloads = pptx ? DECK_DOWNLOADS.filter(({ file }) => file === DECK_FILES.pptx) : [];
  const html = renderCoursePage(groups, templates, {
    title,
    assetsBase: 'assets/',
    decksBase: '',
    downloads,
  });
  return writeFileWhole(join(outDir, 'index.html'), html);
}
