// Generates a lecture of N content slides, cycling through the slide kinds, for benchmarks.
import { stringify } from 'yaml';

export function generateLecture(slides: number, id = `bench-${slides}`): string {
  const sources = Array.from({ length: 6 }, (_, i) => ({
    id: `src-${i}`,
    text: `Source number ${i}, a book (2020)`,
  }));
  const perSection = 10;
  const sections = [];
  for (let s = 0; s * perSection < slides; s++) {
    const items = [];
    for (let i = s * perSection; i < Math.min(slides, (s + 1) * perSection); i++) items.push(slide(i));
    sections.push({ title: `Section ${s + 1}`, slides: items });
  }
  return stringify({
    id,
    title: `Benchmark lecture, ${slides} slides`,
    duration: Math.max(1, slides),
    sources,
    sections,
  });
}

function slide(i: number): Record<string, unknown> {
  const notes = `Notes for slide ${i}. ${'The instructor explains the point in plain words. '.repeat(8)}`;
  const cite = [`src-${i % 6}`];
  switch (i % 6) {
    case 0:
      return {
        title: `Slide ${i}`,
        points: ['First **point**', 'Second *point*', { text: 'Third', points: ['a', 'b'] }],
        notes,
        cite,
      };
    case 1:
      return { kind: 'quote', text: 'This war poisons *blood*.', by: 'Someone, 1952', notes, cite };
    case 2:
      return {
        kind: 'timeline',
        title: `Dates ${i}`,
        events: [
          { date: '1950-02-14', text: 'Treaty' },
          { date: '1949', text: 'Bomb' },
          { date: '1953-03', text: 'Death' },
        ],
        notes,
        cite,
      };
    case 3:
      return {
        kind: 'compare',
        title: `Compare ${i}`,
        columns: [
          { heading: 'A', points: ['x', 'y'] },
          { heading: 'B', points: ['z'] },
        ],
        notes,
        cite,
      };
    case 4:
      return {
        kind: 'table',
        title: `Table ${i}`,
        header: ['Year', 'Event'],
        rows: [
          ['1950', 'Treaty'],
          ['1969', 'Border'],
        ],
        notes,
        cite,
      };
    default:
      return { kind: 'statement', text: `A statement, number ${i}.`, notes, cite };
  }
}

/**
 * The same lecture as generateLecture(slides), written as Pandoc Markdown (one `##` slide each,
 * notes in `::: notes`), so a native tool can be timed on the same content.
 */
export function generateMarkdown(slides: number): string {
  const out = [`---\ntitle: "Benchmark lecture, ${slides} slides"\n---\n`];
  for (let i = 0; i < slides; i++) {
    if (i % 10 === 0) out.push(`# Section ${i / 10 + 1}\n`);
    out.push(markdownSlide(i));
    out.push(
      `::: notes\nNotes for slide ${i}. ${'The instructor explains the point in plain words. '.repeat(8)}\n:::\n`,
    );
  }
  out.push('## Sources\n');
  for (let i = 0; i < 6; i++) out.push(`${i + 1}. Source number ${i}, a book (2020)`);
  return `${out.join('\n')}\n`;
}

function markdownSlide(i: number): string {
  const cite = ` [${(i % 6) + 1}]`;
  switch (i % 6) {
    case 0:
      return `## Slide ${i}\n\n- First **point**${cite}\n- Second *point*\n- Third\n  - a\n  - b\n`;
    case 1:
      return `## \n\n> This war poisons *blood*.${cite}\n>\n> — Someone, 1952\n`;
    case 2:
      return `## Dates ${i}\n\n- 14 February 1950: Treaty\n- 1949: Bomb\n- March 1953: Death${cite}\n`;
    case 3:
      return `## Compare ${i}\n\n:::: columns\n::: column\n### A\n\n- x\n- y\n:::\n::: column\n### B\n\n- z${cite}\n:::\n::::\n`;
    case 4:
      return `## Table ${i}\n\n| Year | Event |\n|------|-------|\n| 1950 | Treaty |\n| 1969 | Border${cite} |\n`;
    default:
      return `## \n\nA statement, number ${i}.${cite}\n`;
  }
}
