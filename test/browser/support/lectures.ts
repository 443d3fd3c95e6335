import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parse } from 'yaml';

export const ROOT = resolve(import.meta.dirname, '../../..');
export const ALL_KINDS_FILE = join(ROOT, 'test/fixtures/lectures/all-kinds.yaml');

export interface LectureFile {
  /** Path relative to the repository root. */
  file: string;
  id: string;
  language: string;
  text: string;
}

function readLecture(path: string): LectureFile {
  const text = readFileSync(path, 'utf8');
  const data = parse(text) as { id: string; language?: string };
  return { file: relative(ROOT, path), id: data.id, language: data.language ?? 'en', text };
}

/** Every lecture under content/ (course.yaml excluded): globbed, so new lectures are tested as they land. */
export function contentLectures(): LectureFile[] {
  const dir = join(ROOT, 'content');
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => /\.ya?ml$/.test(name) && !/(^|[\\/])course\.ya?ml$/.test(name))
    .sort()
    .map((name) => readLecture(join(dir, name)));
}

/** The fixture with every slide kind. */
export function allKindsLecture(): LectureFile {
  return readLecture(ALL_KINDS_FILE);
}

/** A copy of a lecture under another id, with top-level fields (theme, language) replaced. */
export function variantOf(
  base: LectureFile,
  id: string,
  fields: { theme?: string; language?: string } = {},
): LectureFile {
  let text = replaceField(base.text, 'id', id);
  for (const [name, value] of Object.entries(fields)) text = replaceField(text, name, value);
  return { ...base, id, language: fields.language ?? base.language, text };
}

function replaceField(text: string, name: string, value: string): string {
  const line = new RegExp(`^${name}: .*$`, 'm');
  return line.test(text) ? text.replace(line, `${name}: ${value}`) : `${name}: ${value}\n${text}`;
}

/** The https image URLs a lecture's image slides point at. */
export function imageSources(lecture: Pick<LectureFile, 'text'>): string[] {
  return [...lecture.text.matchAll(/^\s*src: (https:\S+)\s*$/gm)].map((m) => m[1] as string);
}

/** Theme names shipped in templates/themes. */
export function themes(): string[] {
  return readdirSync(join(ROOT, 'templates/themes'))
    .filter((name) => name.endsWith('.css'))
    .map((name) => name.slice(0, -4))
    .sort();
}

/** A lecture whose sources are many and long (long titles, long URLs): the Sources slides at their fullest. */
export function longSourcesLecture(count = 17): LectureFile {
  const ids = Array.from({ length: count }, (_, i) => `source-${i + 1}`);
  const sources = ids
    .map(
      (id, i) =>
        `  - id: ${id}\n    text: "Author ${i + 1}, Another Author & A. Third, *A Very Long Title About the Sino-Soviet Alliance, Its Origins, Its Negotiation and Its Consequences in Asia and Europe, 1945–1953*, second revised edition (Some University Press, 20${String(i).padStart(2, '0')})"\n    url: https://archive.example.org/collections/cold-war/sino-soviet/${id}/documents/full-record-with-a-very-long-path-segment-${i + 1}.html`,
    )
    .join('\n');
  const text = `id: long-sources
title: "Many long sources"
language: en
sources:
${sources}
sections:
  - title: "Everything cited"
    slides:
      - title: "One slide citing every source"
        points: ["Each source is cited here."]
        cite: [${ids.join(', ')}]
        notes: "The sources slides follow."
`;
  return { file: 'generated/long-sources.yaml', id: 'long-sources', language: 'en', text };
}
