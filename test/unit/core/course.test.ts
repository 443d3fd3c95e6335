import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { checkCourse, isCourseFileName } from '../../../lambdas/core/course.js';
import { courseMinutes, groupByCourseLine, renderCoursePage } from '../../../lambdas/core/course-page.js';
import type { DeckManifest } from '../../../lambdas/core/deck.js';
import { ParseError } from '../../../lambdas/core/errors.js';
import { loadTemplates } from '../../../lambdas/node/templates-fs.js';

const COURSE = `id: hist-214
title: "The Cold War in Asia"
code: "HIST 214"
term: "Autumn 2026"
lectures:
  - 01-one.yaml
  - 02-two.yaml
`;

function deck(id: string, extra: Partial<DeckManifest> = {}): DeckManifest {
  return {
    id,
    title: `Deck ${id}`,
    version: 'v1',
    slides: 20,
    warnings: [],
    generatedAt: '2026-11-25T08:00:00.000Z',
    theme: 'lecture',
    estimatedMinutes: 47,
    ...extra,
  };
}

describe('checkCourse', () => {
  it('accepts a course and keeps its lectures in order', () => {
    const { course, diagnostics } = checkCourse(COURSE);
    expect(diagnostics).toEqual([]);
    expect(course?.lectures).toEqual(['01-one.yaml', '02-two.yaml']);
    expect(course?.code).toBe('HIST 214');
  });

  it('reports every error with its path, line and column', () => {
    const text = `id: "Bad Id"
title: ""
lectures:
  - 01-one.yaml
  - notes.txt
  - 01-one.yaml
colour: red
`;
    const { course, diagnostics } = checkCourse(text);
    expect(course).toBeUndefined();
    const byPath = Object.fromEntries(diagnostics.map((d) => [d.path, d]));
    expect(byPath.id).toMatchObject({ line: 1, message: expect.stringMatching(/lowercase/) });
    expect(byPath.title).toMatchObject({ line: 2, message: 'must not be empty' });
    expect(byPath['lectures[1]']).toMatchObject({ line: 5, message: expect.stringMatching(/\.yaml/) });
    expect(byPath.colour).toMatchObject({ line: 7, code: 'unknown-field' });
  });

  it('reports a missing lecture list and a repeated lecture', () => {
    expect(checkCourse('id: c\ntitle: T\n').diagnostics).toMatchObject([
      { path: 'lectures', code: 'missing-field' },
    ]);
    const repeated = checkCourse('id: c\ntitle: T\nlectures: [a.yaml, b.yaml, a.yaml]\n');
    expect(repeated.diagnostics).toMatchObject([
      { path: 'lectures[2]', code: 'duplicate-lecture', message: expect.stringContaining('lectures[0]') },
    ]);
  });

  it("words its errors as a lecture's are: what was found, what is allowed, what it is required for", () => {
    const messages = (text: string) =>
      Object.fromEntries(checkCourse(text).diagnostics.map((d) => [d.path, [d.code, d.message]]));
    expect(messages('id: c\ntitle: 1968\nlectures: [a.yaml]\nterm: [1]\ncolor: red\n')).toEqual({
      title: ['invalid-type', 'must be text (found 1968); write it in quotes: "1968"'],
      term: ['invalid-type', 'must be text (found a list)'],
      color: [
        'unknown-field',
        'unknown field "color" (allowed: id, title, code, term, instructor, description, lectures)',
      ],
    });
    expect(messages('id: Cold War\nlectures: [a.yaml]\n')).toEqual({
      id: ['invalid-id', expect.stringMatching(/lowercase .*\(found "Cold War"\)$/)],
      title: ['missing-field', '"title" is required for a course'],
    });
    expect(messages('- a.yaml\n')).toEqual({
      '': ['invalid-type', 'The course must be a mapping of fields (id, title, lectures, …)'],
    });
  });

  it('asks the caller whether each lecture exists and reports the missing one at its line', () => {
    const { diagnostics } = checkCourse(COURSE, { lectureExists: (path) => path === '01-one.yaml' });
    expect(diagnostics).toMatchObject([{ path: 'lectures[1]', code: 'lecture-missing', line: 7 }]);
  });

  it('throws a ParseError with line and column for broken YAML', () => {
    expect(() => checkCourse('id: c\ntitle: [unclosed\n')).toThrow(ParseError);
  });

  it('knows course files by name', () => {
    expect(isCourseFileName('course.yaml')).toBe(true);
    expect(isCourseFileName('Course.JSON')).toBe(true);
    expect(isCourseFileName('01-course.yaml')).toBe(false);
  });
});

describe('renderCoursePage', () => {
  const { course } = checkCourse(COURSE);
  const templates = loadTemplates();

  it('lists each deck with title, subtitle, slide count, duration and links, in course order', () => {
    if (!course) throw new Error('fixture course is invalid');
    const html = renderCoursePage(
      [{ course, decks: [deck('two-b', { subtitle: 'Second', duration: 50 }), deck('one-a')] }],
      templates,
      { title: 'HIST 214', assetsBase: 'assets/', decksBase: '' },
    );
    const { document } = parseHTML(html);
    const cards = [...document.querySelectorAll('.deck-card')];
    expect(cards.map((c) => c.querySelector('h3 a')?.getAttribute('href'))).toEqual(['two-b/', 'one-a/']);
    expect(cards[0]?.querySelector('.deck-subtitle')?.textContent).toBe('Second');
    expect(cards[0]?.querySelector('.deck-slides')?.textContent).toBe('20 slides');
    expect(cards[0]?.querySelector('.deck-duration')?.textContent).toBe('50 min');
    expect(cards[1]?.querySelector('.deck-duration')?.textContent).toBe('≈ 47 min');
    const links = [...(cards[0]?.querySelectorAll('.deck-links a') ?? [])].map((a) => a.getAttribute('href'));
    expect(links).toEqual(['two-b/', 'two-b/?speaker', 'two-b/handout.html']);
    expect(document.querySelector('.course-code')?.textContent).toBe('HIST 214 · Autumn 2026');
    expect(document.querySelector('link[rel=stylesheet]')?.getAttribute('href')).toBe(
      'assets/lectern-course.css',
    );
  });

  it('shows hostile titles as text', () => {
    const html = renderCoursePage(
      [
        {
          heading: '<img src=x onerror=alert(1)>',
          decks: [deck('x', { title: '<script>alert(1)</script>' })],
        },
      ],
      templates,
      { title: '</title><script>alert(2)</script>', assetsBase: '../assets/', decksBase: 'decks/' },
    );
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('script, img')).toHaveLength(0);
    expect(document.querySelector('.deck-card h3')?.textContent).toContain('<script>');
    expect(document.querySelector('title')?.textContent).toBe('</title><script>alert(2)</script>');
    expect(document.querySelector('.deck-card a')?.getAttribute('href')).toBe('decks/x/');
  });
});

describe('groupByCourseLine', () => {
  it('groups decks by their course line, in order of first appearance, others last', () => {
    const groups = groupByCourseLine([
      deck('a', { course: 'HIST 214' }),
      deck('b'),
      deck('c', { course: 'HIST 101' }),
      deck('d', { course: 'HIST 214' }),
    ]);
    expect(groups.map((g) => [g.heading, g.decks.map((d) => d.id)])).toEqual([
      ['HIST 214', ['a', 'd']],
      ['HIST 101', ['c']],
      ['Other decks', ['b']],
    ]);
  });

  it("orders each course by its lectures' dates, undated last, ties as given; other decks stay as given", () => {
    const groups = groupByCourseLine([
      deck('z', { course: 'C', date: '1950-02-14' }),
      deck('y', { course: 'C' }),
      deck('x', { course: 'C', date: '1949-10-01' }),
      deck('w', { course: 'C', date: '1950-02-14' }),
      deck('v', { date: '1900-01-01' }),
      deck('u', { date: '1800-01-01' }),
    ]);
    expect(groups.map((g) => [g.heading, g.decks.map((d) => d.id)])).toEqual([
      ['C', ['x', 'z', 'w', 'y']],
      ['Other decks', ['v', 'u']],
    ]);
  });

  it('counts a course in minutes from each deck its duration, else its estimate', () => {
    expect(courseMinutes([deck('a', { duration: 50 }), deck('b'), deck('c', { duration: 0 })])).toBe(97);
    expect(courseMinutes([])).toBe(0);
  });
});
