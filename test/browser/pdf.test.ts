import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../../lambdas/cli/run.js';
import { contentLectures, ROOT } from './support/lectures.js';
import { type PdfPage, readPdf, squash } from './support/pdf.js';

// `lectern pdf` as the CLI runs it (in process: the command starts its own server and Chromium).
const lecture = contentLectures()[0];
let out: string;

interface SlideData {
  kind?: string;
  title?: string;
  notes?: string;
}
interface LectureData {
  title: string;
  sections: { title: string; slides: SlideData[] }[];
}
const data = parse(lecture?.text ?? '') as LectureData;
const slidesWithNotes = data.sections.flatMap((s) => s.slides).filter((s) => s.notes?.trim()).length;

async function printPdf(...flags: string[]): Promise<PdfPage[]> {
  if (!lecture) throw new Error('no lecture in content/');
  const target = join(out, `${flags.join('') || 'deck'}.pdf`);
  const errors: string[] = [];
  const code = await runCli(['pdf', lecture.file, '--out', target, ...flags], {
    out: () => {},
    err: (text) => errors.push(text),
    interactive: false,
    cwd: ROOT,
  });
  expect(code, errors.join('\n')).toBe(0);
  return readPdf(await readFile(target));
}

/** How many slides the deck has: title, one divider per section, the content slides, the sources slide(s). */
async function deckSlides(): Promise<number> {
  const { buildDeck } = await import('../../lambdas/core/pipeline.js');
  const { loadTemplates } = await import('../../lambdas/node/templates-fs.js');
  const { readLocalMedia } = await import('../../lambdas/node/read-media.js');
  const { parse } = await import('yaml');
  // Its own figures, read from beside it as the CLI reads them.
  const { entries: media } = await readLocalMedia(
    join(ROOT, lecture?.file ?? ''),
    parse(lecture?.text ?? ''),
  );
  const built = buildDeck(lecture?.text ?? '', {
    format: 'yaml',
    media,
    templates: loadTemplates(),
    assetsBase: '../assets/',
    generatedAt: '2026-01-01T00:00:00.000Z',
  });
  if (!built.ok) throw new Error('lecture does not build');
  return built.manifest.slides;
}

/** Text as shown: the inline Markdown marks gone. */
const plain = (text: string) => text.replace(/[*`]/g, '');

const firstNoteWords = (notes: string) => squash(notes.split(/\s+/).slice(0, 6).join(' '));

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'lectern-pdf-test-'));
});

afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('lectern pdf', () => {
  it('prints the deck one page per slide, each page showing its own slide', async () => {
    const pages = await printPdf();
    expect(pages).toHaveLength(await deckSlides());
    // Landscape pages, all the same size.
    const [width, height] = pages[0]?.size ?? [0, 0];
    expect(width).toBeGreaterThan(height);
    expect(pages.every((p) => p.size[0] === width && p.size[1] === height)).toBe(true);
    expect(squash(pages[0]?.text ?? '')).toContain(squash(data.title));
    // Then each section: its divider, then its slides, each on the page of its own number.
    let index = 1;
    for (const section of data.sections) {
      expect(squash(pages[index]?.text ?? ''), `page ${index + 1}`).toContain(squash(plain(section.title)));
      index += 1;
      for (const slide of section.slides) {
        if (slide.title)
          expect(squash(pages[index]?.text ?? ''), `page ${index + 1}`).toContain(squash(plain(slide.title)));
        index += 1;
      }
    }
    expect(pages.slice(index).every((p) => p.text.startsWith('Sources'))).toBe(true);
    // No page is blank.
    expect(pages.filter((p) => squash(p.text).length === 0)).toEqual([]);
  });

  it('with --notes, adds a page of notes after each slide that has notes', async () => {
    const pages = await printPdf('--notes');
    expect(pages).toHaveLength((await deckSlides()) + slidesWithNotes);
    const first = data.sections.flatMap((s) => s.slides).find((s) => s.notes?.trim());
    const text = squash(pages.map((p) => p.text).join(' '));
    expect(text).toContain(firstNoteWords(first?.notes ?? '?'));
  });

  it('with --handout, prints a readable A4 document with the content, the notes and the sources', async () => {
    const pages = await printPdf('--handout');
    // A4 is 595.3 × 841.9 pt; Chromium rounds the page to whole CSS pixels.
    for (const page of pages) {
      expect(page.size[0]).toBeCloseTo(595.3, -1);
      expect(page.size[1]).toBeCloseTo(841.9, -1);
    }
    expect(pages.length).toBeGreaterThan(2);
    const text = squash(pages.map((p) => p.text).join(' '));
    expect(text).toContain(squash(data.title));
    for (const slide of data.sections.flatMap((s) => s.slides)) {
      if (slide.title) expect(text).toContain(squash(plain(slide.title)));
      if (slide.notes?.trim()) expect(text).toContain(firstNoteWords(plain(slide.notes)));
    }
    expect(text).toContain('Sources');
  });
});
