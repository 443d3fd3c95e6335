import { describe, expect, it } from 'vitest';
import { parseLecture } from '../../../lambdas/core/parse.js';
import { validateLecture } from '../../../lambdas/core/validate.js';
import {
  allKindsText,
  check,
  colOf,
  deck,
  errorsOf,
  lineOf,
  MARK,
  SLIDE,
  THEMES,
  warningsOf,
} from './lecture-helpers.js';

interface ErrorRow {
  /** What the spec calls the error ("Errors and warnings", and the slide table). */
  name: string;
  text: string;
  code: string;
  path: string;
  message: RegExp;
  /** Text on the marked line that the error's column must point at, where the row checks it. */
  at?: string;
}

// One row per error the spec lists; each document has exactly one error, on the line marked MARK.
const ERRORS: ErrorRow[] = [
  {
    name: 'unknown field on a slide',
    text: deck({ slide: `- points: [e]\n  notes: "N."\n  colour: red ${MARK}` }),
    code: 'unknown-field',
    path: `${SLIDE}.colour`,
    message: /^unknown field "colour" \(allowed: kind, id, title, notes, cite, points, fragments\)$/,
    at: 'colour',
  },
  {
    name: 'unknown field on the lecture',
    text: deck({ top: `subtitel: "Typo" ${MARK}` }),
    code: 'unknown-field',
    path: 'subtitel',
    message: /^unknown field "subtitel" \(allowed: id, title, subtitle, /,
    at: 'subtitel',
  },
  {
    name: 'unknown field on a source',
    text: deck({ sources: `- id: s1\n  text: "A source"\n  link: https://example.org ${MARK}` }),
    code: 'unknown-field',
    path: 'sources[0].link',
    message: /^unknown field "link" \(allowed: id, text, url\)$/,
  },
  {
    name: 'a field of another kind, with a hint to set kind',
    text: deck({ slide: `- text: "A quote" ${MARK}\n  notes: "N."` }),
    code: 'unknown-field',
    path: `${SLIDE}.text`,
    message: /unknown field "text".*belongs to a quote or statement or code slide: set "kind"/,
  },
  {
    name: 'unknown key in labels',
    text: deck({ top: `labels:\n  sources: "Quellen"\n  handout: "Skript" ${MARK}` }),
    code: 'unknown-field',
    path: 'labels.handout',
    message: /^unknown field "handout" \(allowed: sources, discussion, continued, cited\)$/,
    at: 'handout',
  },
  {
    name: 'an empty label',
    text: deck({ top: `labels:\n  discussion: " " ${MARK}` }),
    code: 'empty-text',
    path: 'labels.discussion',
    message: /must not be empty/,
    at: 'discussion',
  },
  {
    name: 'an empty timeline label',
    text: deck({
      slide: `- kind: timeline\n  events:\n    - {date: 1949, text: "A"}\n    - {date: 1950, text: "B", label: ""} ${MARK}\n  notes: "N."`,
    }),
    code: 'empty-text',
    path: `${SLIDE}.events[1].label`,
    message: /must not be empty/,
  },
  {
    name: 'unknown kind',
    text: deck({ slide: `- kind: poem ${MARK}\n  text: "Roses"\n  notes: "N."` }),
    code: 'unknown-kind',
    path: `${SLIDE}.kind`,
    message: /^unknown slide kind "poem" \(expected one of bullets, quote, timeline, .*code, math\)$/,
    at: 'kind',
  },
  {
    name: 'quote without text',
    text: deck({ slide: `- kind: quote ${MARK}\n  by: "Mao"\n  notes: "N."` }),
    code: 'missing-field',
    path: `${SLIDE}.text`,
    message: /^"text" is required for a quote slide$/,
    at: 'kind',
  },
  {
    name: 'timeline without events',
    text: deck({ slide: `- kind: timeline ${MARK}\n  notes: "N."` }),
    code: 'missing-field',
    path: `${SLIDE}.events`,
    message: /^"events" is required for a timeline slide$/,
  },
  {
    name: 'timeline with one event',
    text: deck({
      slide: `- kind: timeline\n  events: ${MARK}\n    - date: 1950\n      text: "War"\n  notes: "N."`,
    }),
    code: 'too-few',
    path: `${SLIDE}.events`,
    message: /needs at least 2 events/,
  },
  {
    name: 'timeline event date in another format',
    text: deck({
      slide: `- kind: timeline\n  events:\n    - date: 1950\n      text: "A"\n    - date: 25/06/1950 ${MARK}\n      text: "B"\n  notes: "N."`,
    }),
    code: 'invalid-date',
    path: `${SLIDE}.events[1].date`,
    message: /must be a date: YYYY, YYYY-MM or YYYY-MM-DD \(found "25\/06\/1950"\)/,
    at: 'date',
  },
  {
    name: 'timeline event date that is no real day',
    text: deck({
      slide: `- kind: timeline\n  events:\n    - date: 1950-02-30 ${MARK}\n      text: "A"\n    - date: 1950-06\n      text: "B"\n  notes: "N."`,
    }),
    code: 'invalid-date',
    path: `${SLIDE}.events[0].date`,
    message: /^"1950-02-30" is not a real calendar date$/,
  },
  {
    name: 'timeline event month 13',
    text: deck({
      slide: `- kind: timeline\n  events:\n    - date: 1950\n      text: "A"\n    - date: 1950-13 ${MARK}\n      text: "B"\n  notes: "N."`,
    }),
    code: 'invalid-date',
    path: `${SLIDE}.events[1].date`,
    message: /"1950-13" is not a real calendar date/,
  },
  {
    name: 'timeline event without a date',
    text: deck({
      slide: `- kind: timeline\n  events:\n    - date: 1950\n      text: "A"\n    - text: "B" ${MARK}\n  notes: "N."`,
    }),
    code: 'missing-field',
    path: `${SLIDE}.events[1].date`,
    message: /^"date" is required for a timeline event$/,
  },
  {
    name: 'compare with one column',
    text: deck({ slide: `- kind: compare\n  columns: ${MARK}\n    - heading: "Moscow"\n  notes: "N."` }),
    code: 'too-few',
    path: `${SLIDE}.columns`,
    message: /needs 2 or 3 columns/,
  },
  {
    name: 'compare with four columns',
    text: deck({
      slide: `- kind: compare\n  columns: [{heading: a}, {heading: b}, {heading: c}, {heading: d}] ${MARK}\n  notes: "N."`,
    }),
    code: 'too-many',
    path: `${SLIDE}.columns`,
    message: /needs 2 or 3 columns/,
  },
  {
    name: 'table row of the wrong length',
    text: deck({
      slide: `- kind: table\n  header: [Year, Credit]\n  rows:\n    - [1950, 300]\n    - [1954] ${MARK}\n  notes: "N."`,
    }),
    code: 'table-row-length',
    path: `${SLIDE}.rows[1]`,
    message: /^row has 1 cell but the header has 2$/,
    at: '[1954]',
  },
  {
    name: 'table without rows',
    text: deck({ slide: `- kind: table ${MARK}\n  header: [Year]\n  notes: "N."` }),
    code: 'missing-field',
    path: `${SLIDE}.rows`,
    message: /^"rows" is required for a table slide$/,
  },
  {
    name: 'image src over http',
    text: deck({
      slide: `- kind: image\n  src: http://example.org/a.jpg ${MARK}\n  alt: "A map"\n  notes: "N."`,
    }),
    code: 'invalid-url',
    path: `${SLIDE}.src`,
    message:
      /must be an https URL or a path relative to the lecture file \(found "http:\/\/example.org\/a.jpg"\)/,
  },
  {
    name: 'image src with a script scheme',
    text: deck({
      slide: `- kind: image\n  src: "javascript:alert(1)" ${MARK}\n  alt: "A map"\n  notes: "N."`,
    }),
    code: 'invalid-url',
    path: `${SLIDE}.src`,
    message: /must be an https URL/,
  },
  {
    name: 'image without src',
    text: deck({ slide: `- kind: image ${MARK}\n  alt: "A map"\n  notes: "N."` }),
    code: 'missing-field',
    path: `${SLIDE}.src`,
    message: /^"src" is required for an image slide$/,
  },
  {
    name: 'image with empty alt',
    text: deck({
      slide: `- kind: image\n  src: https://example.org/a.jpg\n  alt: "  " ${MARK}\n  notes: "N."`,
    }),
    code: 'empty-text',
    path: `${SLIDE}.alt`,
    message: /must not be empty/,
  },
  {
    name: 'image without alt',
    text: deck({ slide: `- kind: image ${MARK}\n  src: https://example.org/a.jpg\n  notes: "N."` }),
    code: 'missing-field',
    path: `${SLIDE}.alt`,
    message: /^"alt" is required for an image slide$/,
  },
  {
    name: 'statement without text',
    text: deck({ slide: `- kind: statement ${MARK}\n  notes: "N."` }),
    code: 'missing-field',
    path: `${SLIDE}.text`,
    message: /^"text" is required for a statement slide$/,
  },
  {
    name: 'questions without items',
    text: deck({ slide: `- kind: questions ${MARK}\n  notes: "N."` }),
    code: 'missing-field',
    path: `${SLIDE}.items`,
    message: /^"items" is required for a questions slide$/,
  },
  {
    name: 'questions with no item',
    text: deck({ slide: `- kind: questions\n  items: [] ${MARK}\n  notes: "N."` }),
    code: 'too-few',
    path: `${SLIDE}.items`,
    message: /needs at least one question/,
  },
  {
    name: 'code without text',
    text: deck({ slide: `- kind: code ${MARK}\n  language: python\n  notes: "N."` }),
    code: 'missing-field',
    path: `${SLIDE}.text`,
    message: /^"text" is required for a code slide$/,
  },
  {
    name: 'lecture without title',
    text: `id: a ${MARK}\nsections: [{title: A, slides: [{points: [a], notes: n}]}]\n`,
    code: 'missing-field',
    path: 'title',
    message: /^"title" is required for a lecture$/,
  },
  {
    name: 'lecture without sections',
    text: `id: a ${MARK}\ntitle: T\n`,
    code: 'missing-field',
    path: 'sections',
    message: /^"sections" is required for a lecture$/,
  },
  {
    name: 'section without slides',
    text: `id: a\ntitle: T\nsections:\n  - title: A\n    slides: [] ${MARK}\n`,
    code: 'too-few',
    path: 'sections[0].slides',
    message: /needs at least one slide/,
  },
  {
    name: 'bad lecture id',
    text: deck({ id: `Test_Deck ${MARK}` }),
    code: 'invalid-id',
    path: 'id',
    message: /lowercase letters, digits and dashes.*\(found "Test_Deck"\)/,
  },
  {
    name: 'lecture id longer than 64 characters',
    text: deck({ id: `${'a'.repeat(65)} ${MARK}` }),
    code: 'invalid-id',
    path: 'id',
    message: /1–64 lowercase letters/,
  },
  {
    name: 'lecture id YAML reads as a number',
    text: deck({ id: `2024 ${MARK}` }),
    code: 'invalid-id',
    path: 'id',
    message: /must be text \(found 2024\); write it in quotes: "2024"/,
  },
  {
    name: 'bad slide id',
    text: deck({ slide: `- id: "Treaty 1950" ${MARK}\n  points: [e]\n  notes: "N."` }),
    code: 'invalid-id',
    path: `${SLIDE}.id`,
    message: /must be lowercase letters, digits and dashes.*\(found "Treaty 1950"\)/,
  },
  {
    name: 'bad lecture date',
    text: deck({ top: `date: 2026-02-30 ${MARK}` }),
    code: 'invalid-date',
    path: 'date',
    message: /^"2026-02-30" is not a real calendar date$/,
  },
  {
    name: 'lecture date in another format',
    text: deck({ top: `date: 22.11.2026 ${MARK}` }),
    code: 'invalid-date',
    path: 'date',
    message: /must be a date written YYYY-MM-DD \(found "22.11.2026"\)/,
  },
  {
    name: 'lecture date YAML reads as a number',
    text: deck({ top: `date: 20261122 ${MARK}` }),
    code: 'invalid-date',
    path: 'date',
    message: /must be a date written YYYY-MM-DD/,
  },
  {
    name: 'cite naming no source',
    text: deck({ slide: `- points: [e]\n  notes: "N."\n  cite: [s1, nope] ${MARK}` }),
    code: 'cite-unknown',
    path: `${SLIDE}.cite[1]`,
    message: /^cites "nope", which names no source$/,
    at: 'nope',
  },
  {
    name: 'cite with a typo',
    text: deck({ slide: `- points: [e]\n  notes: "N."\n  cite: [s1, s2] ${MARK}` }),
    code: 'cite-unknown',
    path: `${SLIDE}.cite[1]`,
    message: /^cites "s2", which names no source; did you mean "s1"\?$/,
    at: 's2',
  },
  {
    name: 'cite when no source is declared',
    text: `id: a\ntitle: T\nsections:\n  - title: A\n    slides:\n      - points: [a]\n        notes: n\n        cite:\n          - nope ${MARK}\n`,
    code: 'cite-unknown',
    path: 'sections[0].slides[0].cite[0]',
    message: /names no source \(no sources are declared\)/,
    at: 'nope',
  },
  {
    name: 'duplicate source id',
    text: deck({ sources: `- id: s1\n  text: "A"\n- id: s1 ${MARK}\n  text: "B"` }),
    code: 'duplicate-source-id',
    path: 'sources[1].id',
    message: /^duplicate source id "s1" \(already used by sources\[0\]\)$/,
    at: 'id',
  },
  {
    name: 'duplicate slide id',
    text: deck({ slide: `- id: first ${MARK}\n  points: [e]\n  notes: "N."` }),
    code: 'duplicate-slide-id',
    path: `${SLIDE}.id`,
    message: /^duplicate slide id "first" \(already used by sections\[0\]\.slides\[0\]\)$/,
    at: 'id',
  },
  {
    name: 'unknown theme',
    text: deck({ top: `theme: neon ${MARK}` }),
    code: 'unknown-theme',
    path: 'theme',
    message: /^unknown theme "neon" \(available: dark, high-contrast, lecture\)$/,
  },
  {
    name: 'source url not http(s)',
    text: deck({ sources: `- id: s1\n  text: "A"\n  url: ftp://example.org/book ${MARK}` }),
    code: 'invalid-url',
    path: 'sources[0].url',
    message: /must be an http or https URL \(found "ftp:\/\/example.org\/book"\)/,
  },
  {
    name: 'source url that is no URL',
    text: deck({ sources: `- id: s1\n  text: "A"\n  url: "see the library" ${MARK}` }),
    code: 'invalid-url',
    path: 'sources[0].url',
    message: /must be a URL/,
  },
  {
    name: 'bullets nested two levels deep',
    text: deck({
      slide: `- points:\n    - text: "A"\n      points:\n        - text: "B" ${MARK}\n          points: ["C"]\n  notes: "N."`,
    }),
    code: 'too-deep',
    path: `${SLIDE}.points[0].points[0]`,
    message: /points nest one level at most/,
    at: 'text',
  },
];

describe('validateLecture: each error of the spec', () => {
  it('starts from a valid lecture, so every row has only its own error', () => {
    expect(check(deck()).diagnostics).toEqual([]);
  });

  it.each(ERRORS)('$name → $code at $path', (row) => {
    const result = check(row.text);
    expect(result.lecture).toBeUndefined();
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => [d.code, d.path])).toEqual([[row.code, row.path]]);
    const [error] = errors;
    expect(error?.message).toMatch(row.message);
    expect(error?.line).toBe(lineOf(row.text));
    if (row.at !== undefined) expect(error?.col).toBe(colOf(row.text, row.at));
  });

  it('gives no warnings while there are errors (they would only be noise)', () => {
    const text = deck({ top: 'duration: 600', slide: '- kind: poem' });
    expect(check(text).diagnostics.map((d) => d.severity)).toEqual(['error']);
  });
});

describe('validateLecture: every error at once', () => {
  const text = [
    'id: Bad_Id',
    'title: T',
    'date: 2026-13-01',
    'theme: neon',
    'colour: red',
    'sources:',
    '  - id: s1',
    '    text: A',
    '    url: ftp://x.org',
    '  - id: s1',
    '    text: B',
    'sections:',
    '  - title: A',
    '    slides:',
    '      - id: x',
    '        kind: quote',
    '        cite: [nope]',
    '      - id: x',
    '        kind: table',
    '        header: [a, b]',
    '        rows: [[1]]',
    '      - kind: poem',
    '',
  ].join('\n');
  const errors = errorsOf(text);

  it('reports each one, with its path', () => {
    expect(errors.map((d) => [d.code, d.path])).toEqual([
      ['invalid-id', 'id'],
      ['invalid-date', 'date'],
      ['unknown-theme', 'theme'],
      ['unknown-field', 'colour'],
      ['invalid-url', 'sources[0].url'],
      ['duplicate-source-id', 'sources[1].id'],
      ['missing-field', 'sections[0].slides[0].text'],
      ['cite-unknown', 'sections[0].slides[0].cite[0]'],
      ['duplicate-slide-id', 'sections[0].slides[1].id'],
      ['table-row-length', 'sections[0].slides[1].rows[0]'],
      ['unknown-kind', 'sections[0].slides[2].kind'],
    ]);
  });

  it('in document order, each on its own line', () => {
    const lines = errors.map((d) => d.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    const duplicate = errors.find((d) => d.path === 'sources[1].id');
    expect([duplicate?.line, duplicate?.col]).toEqual([10, 5]);
    expect(errors.find((d) => d.path === 'sections[0].slides[2].kind')?.line).toBe(lineOf(text, 'poem'));
    expect(errors.every((d) => d.line !== undefined && d.col !== undefined)).toBe(true);
  });

  it('reports one error per place, not one per rule broken', () => {
    const twice = deck({ slide: '- id: First\n  points: [e]\n  notes: "N."' });
    expect(errorsOf(twice).map((d) => d.path)).toEqual([`${SLIDE}.id`]);
  });

  it('still reports cross-reference errors in a slide the schema rejects', () => {
    const text = deck({ slide: '- kind: quote\n  cite: [nope]\n  colour: red' });
    expect(errorsOf(text).map((d) => d.code)).toEqual(['missing-field', 'cite-unknown', 'unknown-field']);
  });
});

describe('validateLecture: JSON input', () => {
  const value = {
    id: 'json-deck',
    title: 'JSON',
    sources: [{ id: 's1', text: 'A source' }],
    sections: [
      {
        title: 'A',
        slides: [
          { points: ['a'], notes: 'n', cite: ['s1'] },
          { kind: 'quote', by: 'Mao', notes: 'n' },
          { kind: 'image', src: 'http://example.org/a.jpg', alt: 'A', notes: 'n' },
          { points: ['b'], notes: 'n', cite: ['s1', 'nope'] },
        ],
      },
    ],
  };
  const text = JSON.stringify(value, null, 2);

  it('gives each error its path, line and column', () => {
    const errors = check(text, 'json').diagnostics;
    expect(errors.map((d) => [d.code, d.path, d.line])).toEqual([
      ['missing-field', 'sections[0].slides[1].text', lineOf(text, '"kind": "quote"') - 1],
      ['invalid-url', 'sections[0].slides[2].src', lineOf(text, '"src"')],
      ['cite-unknown', 'sections[0].slides[3].cite[1]', lineOf(text, '"nope"')],
    ]);
    const src = errors.find((d) => d.code === 'invalid-url');
    expect(src?.col).toBe(colOf(text, '"src"', '"src"'));
  });

  it('gives the same result for the same lecture written on one line', () => {
    const errors = check(JSON.stringify(value)).diagnostics;
    expect(errors.map((d) => [d.code, d.path, d.line])).toEqual([
      ['missing-field', 'sections[0].slides[1].text', 1],
      ['invalid-url', 'sections[0].slides[2].src', 1],
      ['cite-unknown', 'sections[0].slides[3].cite[1]', 1],
    ]);
    const cite = errors.find((d) => d.code === 'cite-unknown');
    expect(cite?.col).toBe(JSON.stringify(value).indexOf('"nope"') + 1);
  });
});

describe('validateLecture: what is not an error', () => {
  it('accepts the all-kinds fixture and applies defaults', () => {
    const { lecture, diagnostics } = check(allKindsText());
    expect(diagnostics).toEqual([]);
    expect(lecture?.id).toBe('all-kinds');
    const minimal = check('id: a\ntitle: T\nsections: [{title: A, slides: [{points: [x], notes: n}]}]\n');
    expect(minimal.lecture?.language).toBe('en');
    expect(minimal.lecture?.sources).toEqual([]);
  });

  it('accepts timeline events out of order (the deck sorts them), in all three date forms', () => {
    const text = deck({
      slide:
        '- kind: timeline\n  events:\n    - {date: 1950-06-25, text: "War"}\n    - {date: 1949, text: "PRC"}\n    - {date: 1950-01, text: "Kim"}\n  notes: "N."',
    });
    const { lecture, diagnostics } = check(text);
    expect(diagnostics).toEqual([]);
    const slide = lecture?.sections[1]?.slides[3];
    expect(slide?.kind === 'timeline' && slide.events.map((e) => e.date)).toEqual([
      '1950-06-25',
      '1949',
      '1950-01',
    ]);
  });

  it('accepts a leap day, a questions slide without title, three compare columns, numbers in a table', () => {
    const slides = [
      '- kind: timeline\n  events: [{date: 1952-02-29, text: a}, {date: 1953, text: b}]\n  notes: "N."',
      '- kind: questions\n  items: ["Why?"]\n  notes: "N."',
      '- kind: compare\n  columns: [{heading: a}, {heading: b}, {heading: c}]\n  notes: "N."',
      '- kind: table\n  header: [Year, Count]\n  rows: [[1950, 3.5]]\n  notes: "N."',
      '- kind: image\n  src: https://example.org/a.jpg\n  alt: "A map"\n  notes: "N."',
    ];
    for (const slide of slides) expect(check(deck({ slide })).diagnostics, slide).toEqual([]);
  });

  it('accepts a source url over http or https, and every shipped theme', () => {
    const sources =
      '- id: s1\n  text: A\n  url: http://example.org\n- id: s2\n  text: B\n  url: https://a.org';
    const cite = '- points: [e]\n  notes: "N."\n  cite: [s2]';
    expect(check(deck({ sources, slide: cite })).diagnostics).toEqual([]);
    for (const theme of THEMES) expect(check(deck({ top: `theme: ${theme}` })).diagnostics).toEqual([]);
  });

  it('accepts Chinese and Cyrillic text', () => {
    const text = deck({
      top: 'subtitle: "毛泽东 и Сталин"',
      slide: '- kind: quote\n  text: "Сталин сказал: «да»"\n  by: "毛泽东"\n  notes: "Заметки, 笔记."',
    });
    const { lecture, diagnostics } = check(text);
    expect(diagnostics).toEqual([]);
    expect(lecture?.subtitle).toBe('毛泽东 и Сталин');
    const slide = lecture?.sections[1]?.slides[3];
    expect(slide?.kind === 'quote' && [slide.text, slide.by]).toEqual(['Сталин сказал: «да»', '毛泽东']);
  });

  it('points at the right line after lines of Chinese and Cyrillic text', () => {
    const text = deck({
      top: 'subtitle: "毛泽东 и Сталин, 1949–1953"\nauthor: "Преподаватель 老师"',
      slide: `- points: ["Сталин", "毛泽东"]\n  notes: "N."\n  cite: [无] ${MARK}`,
    });
    const [error] = errorsOf(text);
    expect(error?.path).toBe(`${SLIDE}.cite[0]`);
    expect(error?.message).toContain('"无"');
    expect([error?.line, error?.col]).toEqual([lineOf(text), colOf(text, '无')]);
  });

  it('takes its themes from the caller', () => {
    const doc = parseLecture(deck({ top: 'theme: neon' }));
    expect(validateLecture(doc, { themes: ['neon'] }).diagnostics).toEqual([]);
    expect(validateLecture(doc, { themes: [] }).diagnostics[0]?.message).toMatch(/available: none/);
  });

  it('returns warnings, not errors, for a valid lecture with lint findings', () => {
    const text = deck({ slide: '- points: [e]' });
    expect(check(text).lecture).toBeDefined();
    expect(warningsOf(text).map((d) => [d.code, d.path])).toEqual([['no-notes', SLIDE]]);
  });
});

describe('validateLecture: a document that is not a lecture', () => {
  it.each([
    ['a list', '- a\n- b\n'],
    ['text', 'just a sentence\n'],
    ['a number', '42\n'],
  ])('refuses %s as a whole', (_, text) => {
    const errors = errorsOf(text);
    expect(errors.map((d) => [d.code, d.path, d.line])).toEqual([['invalid-type', '', 1]]);
    expect(errors[0]?.message).toMatch(/must be a mapping of fields/);
  });
});
