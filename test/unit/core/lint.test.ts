import { describe, expect, it } from 'vitest';
import { lintLecture, MAX_POINTS, MAX_WORDS_ON_SCREEN } from '../../../lambdas/core/lint.js';
import { lectureSchema } from '../../../lambdas/core/schema.js';
import { allKindsText, check, colOf, deck, lineOf, MARK, SLIDE, warningsOf } from './lecture-helpers.js';
import { allKinds } from './render-helpers.js';

const words = (n: number, word = 'word') => Array(n).fill(word).join(' ');
const list = (items: readonly string[]) => `[${items.map((item) => `"${item}"`).join(', ')}]`;
const points = (n: number) => list(Array.from({ length: n }, (_, i) => `Point ${i + 1}`));

interface WarningRow {
  name: string;
  text: string;
  code: string;
  path: string;
  message: RegExp;
}

// One row per warning the spec lists; each document has exactly one warning, on the line marked MARK.
const WARNINGS: WarningRow[] = [
  {
    name: 'a slide over 6 points',
    text: deck({ slide: `- title: Many ${MARK}\n  points: ${points(MAX_POINTS + 1)}\n  notes: "N."` }),
    code: 'too-many-points',
    path: SLIDE,
    message: /^slide has 7 points; more than 6 is hard to follow/,
  },
  {
    name: 'a slide over 6 points, counting nested points',
    text: deck({
      slide: `- points: ${MARK}\n    - text: "A"\n      points: ["a1", "a2", "a3"]\n    - text: "B"\n      points: ["b1", "b2"]\n  notes: "N."`,
    }),
    code: 'too-many-points',
    path: SLIDE,
    message: /slide has 7 points/,
  },
  {
    name: 'a compare slide over 6 points across its columns',
    text: deck({
      slide: `- kind: compare ${MARK}\n  columns:\n    - {heading: A, points: ${points(4)}}\n    - {heading: B, points: ${points(3)}}\n  notes: "N."`,
    }),
    code: 'too-many-points',
    path: SLIDE,
    message: /slide has 7 points/,
  },
  {
    name: 'a questions slide over 6 questions',
    text: deck({ slide: `- kind: questions ${MARK}\n  items: ${points(7)}\n  notes: "N."` }),
    code: 'too-many-points',
    path: SLIDE,
    message: /slide has 7 points/,
  },
  {
    name: 'a slide over 60 words on screen',
    text: deck({ slide: `- title: "Two words" ${MARK}\n  points: ["${words(59)}"]\n  notes: "N."` }),
    code: 'too-many-words',
    path: SLIDE,
    message: /^slide shows 61 words; more than 60 is hard to read/,
  },
  {
    name: 'a quote over 60 words, counting its attribution',
    text: deck({
      slide: `- kind: quote ${MARK}\n  text: "${words(58)}"\n  by: "Mao Zedong, 1949"\n  notes: "N."`,
    }),
    code: 'too-many-words',
    path: SLIDE,
    message: /slide shows 61 words/,
  },
  {
    name: 'a questions slide over 60 words, counting its default title "Discussion"',
    text: deck({ slide: `- kind: questions ${MARK}\n  items: ["${words(60)}"]\n  notes: "N."` }),
    code: 'too-many-words',
    path: SLIDE,
    message: /slide shows 61 words/,
  },
  {
    name: 'a table over 60 words',
    text: deck({
      slide: `- kind: table ${MARK}\n  header: [A, B]\n  rows:\n${Array(31).fill('    - [one, two]').join('\n')}\n  notes: "N."`,
    }),
    code: 'too-many-words',
    path: SLIDE,
    message: /slide shows 64 words/,
  },
  {
    name: 'a slide of Chinese over 60 words (two characters a word)',
    text: deck({ slide: `- kind: statement ${MARK}\n  text: "${'毛泽东'.repeat(41)}"\n  notes: "N."` }),
    code: 'too-many-words',
    path: SLIDE,
    message: /slide shows 62 words/,
  },
  {
    name: 'a slide of Hindi over 60 words (vowel signs are part of their word)',
    text: deck({ slide: `- kind: statement ${MARK}\n  text: "${words(61, 'नमस्ते')}"\n  notes: "N."` }),
    code: 'too-many-words',
    path: SLIDE,
    message: /slide shows 61 words/,
  },
  {
    name: 'a slide without notes',
    text: deck({ slide: `- points: ["e"] ${MARK}` }),
    code: 'no-notes',
    path: SLIDE,
    message: /^slide has no notes/,
  },
  {
    name: 'a slide whose notes are only white space',
    text: deck({ slide: `- kind: statement ${MARK}\n  text: "A"\n  notes: "   "` }),
    code: 'no-notes',
    path: SLIDE,
    message: /^slide has no notes/,
  },
  {
    name: 'a source nothing cites',
    text: deck({ sources: `- id: s1\n  text: "A"\n- id: s2 ${MARK}\n  text: "B"` }),
    code: 'unused-source',
    path: 'sources[1]',
    message: /^source "s2" is never cited$/,
  },
  {
    name: 'a planned duration far longer than the estimate',
    text: deck({ top: `duration: 50 ${MARK}` }),
    code: 'duration-off',
    path: 'duration',
    message:
      /^estimated speaking time is 3.8 minutes but the planned duration is 50 minutes \(more than 25% off/,
  },
  {
    name: 'a planned duration far shorter than the estimate',
    text: deck({ top: `duration: 2 ${MARK}` }),
    code: 'duration-off',
    path: 'duration',
    message: /estimated speaking time is 3.8 minutes but the planned duration is 2 minutes/,
  },
  {
    name: 'a planned duration of one minute, in the singular',
    text: deck({ top: `duration: 1 ${MARK}` }),
    code: 'duration-off',
    path: 'duration',
    message: /the planned duration is 1 minute \(/,
  },
  {
    name: 'a slide id of digits only, which a #/ link would read as a slide number',
    text: deck({ slide: `- points: ["e"]\n  id: "2026" ${MARK}\n  notes: "N."` }),
    code: 'numeric-slide-id',
    path: `${SLIDE}.id`,
    message: /^slide id "2026" is only digits, so the link #\/2026 opens slide number 2026/,
  },
];

describe('lint: each warning of the spec', () => {
  it('starts from a lecture with no warnings, so every row has only its own', () => {
    expect(check(deck()).diagnostics).toEqual([]);
  });

  it.each(WARNINGS)('$name → $code at $path', (row) => {
    const result = check(row.text);
    expect(result.lecture).toBeDefined();
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.path])).toEqual([
      ['warning', row.code, row.path],
    ]);
    const [warning] = result.diagnostics;
    expect(warning?.message).toMatch(row.message);
    expect(warning?.line).toBe(lineOf(row.text));
  });

  it('points at the slide itself', () => {
    const text = deck({ slide: `- points: ["e"] ${MARK}` });
    expect(warningsOf(text)[0]?.col).toBe(colOf(text, 'points'));
  });

  it.each([
    ['6 points', deck({ slide: `- points: ${points(MAX_POINTS)}\n  notes: "N."` })],
    ['60 words', deck({ slide: `- title: "Two words"\n  points: ["${words(58)}"]\n  notes: "N."` })],
    [
      '60 words of Hindi',
      deck({ slide: `- kind: statement\n  text: "${words(60, 'नमस्ते')}"\n  notes: "N."` }),
    ],
    [
      '60 decomposed accented words',
      deck({ slide: `- kind: statement\n  text: "${words(60, 'cafe\u0301')}"\n  notes: "N."` }),
    ],
    [
      'a questions slide of 59 words and its title',
      deck({ slide: `- kind: questions\n  items: ["${words(59)}"]\n  notes: "N."` }),
    ],
    [
      'a link whose address is not shown',
      deck({
        slide: `- points: ["${words(59)} [label](https://example.org/a/very/long/path/with/many/parts)"]\n  notes: "N."`,
      }),
    ],
    [
      'a long code listing (read line by line, not as prose)',
      deck({ slide: `- kind: code\n  text: "${words(100)}"\n  notes: "N."` }),
    ],
    [
      'an image alt text (not on screen)',
      deck({
        slide: `- kind: image\n  src: https://example.org/a.jpg\n  alt: "${words(80)}"\n  notes: "N."`,
      }),
    ],
  ])('stays quiet at the limit: %s', (_, text) => {
    expect(check(text).diagnostics).toEqual([]);
  });

  it('gives every warning at once, in document order, and still returns the lecture', () => {
    const text = deck({
      top: 'duration: 90',
      sources: '- id: s1\n  text: "A"\n- id: s2\n  text: "B"',
      slide: `- points: ${points(7)}`,
    });
    const result = check(text);
    expect(result.lecture?.id).toBe('test-deck');
    expect(result.diagnostics.map((d) => [d.code, d.path])).toEqual([
      ['duration-off', 'duration'],
      ['unused-source', 'sources[1]'],
      ['too-many-points', SLIDE],
      ['no-notes', SLIDE],
    ]);
  });
});

describe('lint: a lecture with no warnings', () => {
  it('the all-kinds fixture gives none', () => {
    expect(check(allKindsText()).diagnostics).toEqual([]);
    expect(lintLecture(allKinds())).toEqual([]);
  });

  it('gives no line or column when it is not told where the lecture came from', () => {
    const lecture = lectureSchema.parse({
      id: 'a',
      title: 'T',
      sections: [{ title: 'A', slides: [{ points: ['x'] }] }],
    });
    expect(lintLecture(lecture)).toEqual([
      {
        severity: 'warning',
        code: 'no-notes',
        path: 'sections[0].slides[0]',
        message: expect.stringMatching(/no notes/),
      },
    ]);
  });
});

describe('the duration warning', () => {
  const lecture = (notes: readonly (string | undefined)[], extra: object = {}) =>
    lectureSchema.parse({
      id: 'a',
      title: 'T',
      ...extra,
      sections: [{ title: 'A', slides: notes.map((n) => ({ points: ['x'], ...(n ? { notes: n } : {}) })) }],
    });

  it('warns only beyond 25% of the planned duration', () => {
    // 0.5 + 0.25 + 0.5 * 4 slides = 2.75, shown as 2.8; 25% of 2.4 is 0.6.
    const four = [undefined, undefined, undefined, undefined];
    const durationWarnings = (duration: number) =>
      lintLecture(lecture(four, { duration })).filter((d) => d.code === 'duration-off');
    expect(durationWarnings(2.4)).toEqual([]);
    expect(durationWarnings(3.6)).toEqual([]);
    expect(durationWarnings(2)).toHaveLength(1);
    expect(durationWarnings(4)).toHaveLength(1);
  });

  it('says nothing about duration when none is planned', () => {
    expect(lintLecture(lecture([words(5)])).map((d) => d.code)).toEqual([]);
  });

  it('exports the limits the spec names', () => {
    expect([MAX_POINTS, MAX_WORDS_ON_SCREEN]).toEqual([6, 60]);
  });
});
