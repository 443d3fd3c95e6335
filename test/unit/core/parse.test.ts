import { describe, expect, it } from 'vitest';
import { LecternError, ParseError } from '../../../lambdas/core/errors.js';
import { detectFormat, MAX_ALIAS_COUNT, parseLecture } from '../../../lambdas/core/parse.js';
import { allKindsText, check, colOf, lineOf, MARK, parseFailure } from './lecture-helpers.js';

describe('parseLecture: YAML and JSON', () => {
  const yaml = allKindsText();
  const parsed = parseLecture(yaml);

  it('reads YAML into plain values', () => {
    expect(parsed.format).toBe('yaml');
    const value = parsed.value as { id: string; sections: { slides: unknown[] }[] };
    expect(value.id).toBe('all-kinds');
    expect(value.sections.map((s) => s.slides.length)).toEqual([3, 6]);
  });

  it('reads the same lecture written as JSON into the same value', () => {
    const json = JSON.stringify(parsed.value, null, 2);
    const fromJson = parseLecture(json);
    expect(fromJson.format).toBe('json');
    expect(fromJson.value).toEqual(parsed.value);
  });

  it('tells JSON from YAML by the first character, unless told', () => {
    expect(detectFormat('  \n{"id": "a"}')).toBe('json');
    expect(detectFormat('[1]')).toBe('json');
    expect(detectFormat('id: a')).toBe('yaml');
    expect(parseLecture('{id: a}', { format: 'yaml' }).value).toEqual({ id: 'a' });
    expect(parseFailure('{id: a}')[0]?.message).toMatch(/^JSON syntax error/);
  });

  it('reads YAML 1.2: dates and words such as "no" stay text', () => {
    const { value } = parseLecture('date: 2026-11-22\nlanguage: no\ntitle: on\nyear: 1950\n');
    expect(value).toEqual({ date: '2026-11-22', language: 'no', title: 'on', year: 1950 });
  });

  it('ignores a byte-order mark', () => {
    expect(parseLecture('\uFEFFid: a\n').value).toEqual({ id: 'a' });
    expect(parseLecture('\uFEFF{"id": "a"}').format).toBe('json');
  });

  it('keeps Chinese and Cyrillic text intact, in YAML and in JSON', () => {
    const text = {
      title: 'Сталин и Мао',
      subtitle: '毛泽东与斯大林',
      points: ['Ёлка «ёж»', '中华人民共和国成立', 'mixed 毛 и Сталин 🙂'],
    };
    const yamlText = `title: ${text.title}\nsubtitle: ${text.subtitle}\npoints:\n${text.points.map((p) => `  - "${p}"`).join('\n')}\n`;
    expect(parseLecture(yamlText).value).toEqual(text);
    expect(parseLecture(JSON.stringify(text)).value).toEqual(text);
    expect(parseLecture(JSON.stringify(text).replace(/[^ -~]/g, escapeUnicode)).value).toEqual(text);
  });

  it('locates a path: the key of a mapping entry, the item of a list, else the nearest ancestor', () => {
    const text = 'id: a\nsections:\n  - title: A\n    slides:\n      - points: [x, y]\n';
    const doc = parseLecture(text);
    expect(doc.locate(['id'])).toEqual({ line: 1, col: 1 });
    expect(doc.locate(['sections', 0, 'slides', 0, 'points', 1])).toEqual({ line: 5, col: 21 });
    expect(doc.locate(['sections', 0, 'slides', 0, 'text'])).toEqual({ line: 5, col: 9 });
    expect(doc.locate(['sections', 3])).toEqual({ line: 2, col: 1 });
  });

  it('locates a path through an alias', () => {
    const text = 'defs: &d\n  title: A\nid: a\nsection: *d\n';
    expect(parseLecture(text).locate(['section', 'title'])).toEqual({ line: 2, col: 3 });
  });
});

/** `é` → `\u00e9`, one escape per UTF-16 unit (so 🙂 becomes a surrogate pair, as JSON writes it). */
function escapeUnicode(unit: string): string {
  return `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

interface SyntaxRow {
  name: string;
  text: string;
  code?: string;
  message: RegExp;
  /** Text on the marked line that the column must point at. */
  at: string;
}

// Each document marks the line its error must point at.
const YAML_ERRORS: SyntaxRow[] = [
  {
    name: 'an unclosed quote',
    text: `id: a\ntitle: "Uncertain ${MARK}\n`,
    message: /^YAML syntax error: the " that opens here is never closed; add the closing "$/,
    at: '"Uncertain',
  },
  {
    name: 'a key indented wrongly',
    text: `id: a\nsections:\n  - title: A\n   slides: [] ${MARK}\n`,
    message: /^YAML syntax error: /,
    at: '   slides',
  },
  {
    name: 'unquoted text containing ": "',
    text: `id: a\ntitle: Stalin: the man ${MARK}\n`,
    message: /^YAML syntax error: .*put text that contains ": " in quotes$/,
    at: 'Stalin',
  },
  {
    name: 'a tab used to indent',
    text: `id: a\nsections:\n\t- title: A ${MARK}\n`,
    message: /^YAML syntax error: tabs cannot indent YAML; indent with spaces$/,
    at: '\t',
  },
  {
    name: 'a key given twice',
    text: `id: a\ntitle: T\nid: b ${MARK}\n`,
    code: 'duplicate-key',
    message: /^the key "id" appears twice in the same mapping; give each field once$/,
    at: 'id',
  },
  {
    name: 'a key given twice in a nested mapping',
    text: `id: a\nsections:\n  - title: A\n    "title": B ${MARK}\n`,
    code: 'duplicate-key',
    message: /^the key "title" appears twice/,
    at: '"title"',
  },
  {
    name: 'two documents',
    text: `id: a\n--- ${MARK}\nid: b\n`,
    message: /more than one document/,
    at: '---',
  },
  {
    name: 'an alias to no anchor',
    text: `id: a\ntitle: *nope ${MARK}\n`,
    message: /^The alias \*nope refers to no anchor \(&nope\)/,
    at: '*nope',
  },
];

const JSON_ERRORS: SyntaxRow[] = [
  {
    name: 'an unclosed string',
    text: `{\n  "id": "a",\n  "title": "Uncertain Partners} ${MARK}\n`,
    message: /^JSON syntax error: the " that opens here is never closed/,
    at: '"Uncertain',
  },
  {
    name: 'a missing comma',
    text: `{\n  "id": "a"\n  "title": "T" ${MARK}\n}`,
    message: /^JSON syntax error: /,
    at: '"title"',
  },
  {
    name: 'a trailing comma in an object',
    text: `{\n  "id": "a",\n  "title": "T",\n} ${MARK}`,
    message: /^JSON syntax error: .*property name/,
    at: '}',
  },
  {
    name: 'a trailing comma in a list',
    text: `{\n  "id": "a",\n  "cite": ["a", "b",] ${MARK}\n}`,
    message: /^JSON syntax error: Unexpected token '\]'$/,
    at: ']',
  },
  {
    name: 'single quotes',
    text: `{\n  "id": 'a', ${MARK}\n  "title": "T"\n}`,
    message: /^JSON syntax error: Unexpected token '''$/,
    at: "'a'",
  },
  {
    name: 'a word that is not true, false or null',
    text: `{\n  "id": "a",\n  "fragments": True ${MARK}\n}`,
    message: /^JSON syntax error: Unexpected token 'T'$/,
    at: 'True',
  },
  {
    name: 'a comment',
    text: `{\n  "id": "a", // the id ${MARK}\n  "title": "T"\n}`,
    message: /^JSON syntax error: /,
    at: '//',
  },
  {
    name: 'an unclosed object',
    text: `{\n  "id": "a",\n  "title": "T"\n${MARK}`,
    message: /^JSON syntax error: /,
    at: MARK,
  },
  {
    name: 'a key given twice',
    text: `{\n  "id": "a",\n  "id": "b" ${MARK}\n}`,
    code: 'duplicate-key',
    message: /^the key "id" appears twice/,
    at: '"id"',
  },
];

describe('parseLecture: syntax errors carry line and column', () => {
  it.each([
    ...YAML_ERRORS.map((row) => ({ ...row, format: 'YAML' })),
    ...JSON_ERRORS.map((row) => ({ ...row, format: 'JSON' })),
  ])('$format: $name', (row) => {
    // The parser may add follow-on errors; the first is the one that explains the problem.
    const [error] = parseFailure(row.text);
    expect(error?.severity).toBe('error');
    expect(error?.code).toBe(row.code ?? 'parse-error');
    expect(error?.path).toBe('');
    expect(error?.message).toMatch(row.message);
    expect([error?.line, error?.col]).toEqual([lineOf(row.text), colOf(row.text, row.at)]);
  });

  it('never quotes the whole document back in a JSON message', () => {
    const text = `{"id": "a", "title": 'T', "sections": []}`;
    const [error] = parseFailure(text);
    expect(error?.message).not.toContain('sections');
    expect(error?.col).toBe(text.indexOf("'T'") + 1);
  });

  it('throws a ParseError: a LecternError with a stable code and the parser error as cause', () => {
    let thrown: unknown;
    try {
      parseLecture('title: "open\n');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ParseError);
    expect(thrown).toBeInstanceOf(LecternError);
    const error = thrown as ParseError;
    expect(error.code).toBe('parse-error');
    expect(error.message).toBe(error.diagnostics[0]?.message);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it.each([
    ['an empty file', ''],
    ['only white space', '  \n\n'],
    ['only a comment', '# to do\n'],
  ])('refuses %s', (_, text) => {
    expect(parseFailure(text)).toEqual([
      expect.objectContaining({ code: 'empty-document', line: 1, col: 1 }),
    ]);
  });
});

describe('parseLecture: aliases are bounded', () => {
  // Nine levels, each nine aliases of the level below: 9^9 (387 million) strings if expanded.
  const levels = 'abcdefghi'.split('');
  const billionLaughs = levels
    .map((name, i) => {
      const items = i === 0 ? Array(9).fill('"lol"') : Array(9).fill(`*${levels[i - 1]}`);
      return `${name}: &${name} [${items.join(', ')}]`;
    })
    .join('\n');

  it('refuses a "billion laughs" document', () => {
    const diagnostics = parseFailure(billionLaughs);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'alias-limit', severity: 'error', path: '' });
    expect(diagnostics[0]?.message).toContain(`more than ${MAX_ALIAS_COUNT} times`);
    expect(diagnostics[0]?.line).toBeGreaterThan(1);
  });

  it('refuses the same attack written as JSON-like flow YAML and as one wide level', () => {
    const wide = `a: &a [${Array(50).fill('"lol"').join(',')}]\nb: [${Array(5000).fill('*a').join(',')}]\n`;
    expect(parseFailure(wide)[0]?.code).toBe('alias-limit');
  });

  it('parses a long lecture that reuses notes and cites through aliases on every slide (600 uses)', () => {
    const slides = Array.from(
      { length: 300 },
      (_, i) =>
        `      - title: "Slide ${i + 1}"\n        points: ["Point"]\n${i === 0 ? '        notes: &notes "Read the passage aloud and ask the room."\n        cite: &cite [s1]' : '        notes: *notes\n        cite: *cite'}`,
    );
    const text = [
      'id: aliases',
      'title: Aliases',
      'sources:',
      '  - id: s1',
      '    text: A source',
      'sections:',
      '  - title: &section "Part"',
      '    slides:',
      ...slides,
      '  - title: *section',
      '    slides:',
      '      - points: ["End"]',
      '        notes: *notes',
      '        cite: *cite',
      '',
    ].join('\n');
    const { lecture, diagnostics } = check(text);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(lecture?.sections.flatMap((s) => s.slides).map((s) => s.cite)).toEqual(Array(301).fill(['s1']));
    expect(lecture?.sections[1]?.title).toBe('Part');
  });
});
