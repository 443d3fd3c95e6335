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
