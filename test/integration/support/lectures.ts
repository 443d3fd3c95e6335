import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A small valid lecture in YAML; `marker` changes the content (and so the version). */
export function lectureYaml(id: string | undefined, marker = 'first'): string {
  return `${id === undefined ? '' : `id: ${id}\n`}title: "Lecture ${id ?? 'without id'}"
duration: 2
sections:
  - title: "Opening"
    slides:
      - title: "Why this matters (${marker})"
        points:
          - "The treaty of 14 February 1950"
          - "Stalin and Mao, 毛泽东 and Сталин"
        notes: |
          Speak about the treaty for a minute or two. ${marker}
`;
}

export function lectureJson(id: string, marker = 'json'): string {
  return JSON.stringify(
    {
      id,
      title: `JSON lecture ${id}`,
      duration: 2,
      sections: [
        {
          title: 'Only section',
          slides: [
            { title: `A slide (${marker})`, points: ['One point'], notes: `Notes for the slide. ${marker}` },
          ],
        },
      ],
    },
    null,
    2,
  );
}

/** A lecture of many slides, to measure and to test sizes. */
export function bigLectureYaml(id: string, slides: number, notesWords = 40): string {
  const items = Array.from(
    { length: slides },
    (_, i) => `      - title: "Slide ${i + 1}"
        points: ["Point one of slide ${i + 1}", "Point two"]
        notes: "${'word '.repeat(notesWords).trim()}"`,
  ).join('\n');
  return `id: ${id}\ntitle: "Big lecture"\nsections:\n  - title: "All"\n    slides:\n${items}\n`;
}

export const ALL_KINDS_YAML = readFileSync(
  join(import.meta.dirname, '../../fixtures/lectures/all-kinds.yaml'),
  'utf8',
);
