import { describe, expect, it } from 'vitest';
import type { TemplateSet } from '../../../lambdas/core/deck.js';
import type { Diagnostic } from '../../../lambdas/core/errors.js';
import { DEFAULT_THEME, deckVersion, renderDeck, themeNames } from '../../../lambdas/core/render/index.js';
import type { Lecture } from '../../../lambdas/core/schema.js';
import { allKinds, lecture, OPTIONS, render, templates } from './render-helpers.js';

function withFile(set: TemplateSet, path: string, content: string): TemplateSet {
  return { ...set, files: { ...set.files, [path]: content } };
}

/** The same value with every object's keys in reverse order. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  ) as T;
}

describe('deckVersion', () => {
  const value = allKinds();
  const version = deckVersion(value, templates());

  it('is 16 hex characters', () => {
    expect(version).toMatch(/^[0-9a-f]{16}$/);
  });

  it('is the same for the same lecture, whatever the key order', () => {
    expect(deckVersion(allKinds(), templates())).toBe(version);
    expect(deckVersion(reversedKeys(value), templates())).toBe(version);
  });

  it('changes with the content', () => {
    const edited: Lecture = structuredClone(value);
    const slide = edited.sections[0]?.slides[0];
    if (slide === undefined || slide.kind !== undefined) throw new Error('fixture: first slide is bullets');
    slide.points = [...(slide.points ?? []), 'One more point'];
    expect(deckVersion(edited, templates())).not.toBe(version);
  });

  it('changes with any template file, themes and scripts included', () => {
    const set = templates();
    for (const path of ['deck.hbs', 'partials/quote.hbs', 'themes/lecture.css', 'assets/lectern-deck.js']) {
      expect(set.files[path], path).toBeDefined();
      expect(deckVersion(value, withFile(set, path, `${set.files[path]} `)), path).not.toBe(version);
    }
    expect(deckVersion(value, withFile(set, 'themes/extra.css', ''))).not.toBe(version);
  });
});

describe('renderDeck: deck.json and determinism', () => {
  const value = allKinds();
  const warning: Diagnostic = {
    code: 'no-notes',
    message: 'Slide has no notes',
    path: 'sections[0]',
    severity: 'warning',
  };

  it('writes the manifest with keys in the spec order, then the extensions, 2-space JSON', () => {
    const deck = render(value, { warnings: [warning] });
    const json = deck.files['deck.json'] ?? '';
    expect(Object.keys(JSON.parse(json))).toEqual([
      'id',
      'title',
      'version',
      'slides',
      'warnings',
      'generatedAt',
      'theme',
      'subtitle',
      'course',
      'date',
      'duration',
      'estimatedMinutes',
    ]);
    expect(json).toBe(`${JSON.stringify(deck.manifest, null, 2)}\n`);
    expect(deck.manifest).toEqual({
      id: 'all-kinds',
      title: 'Uncertain Partners',
      version: deckVersion(value, templates()),
      slides: 13,
      warnings: [
        { severity: 'warning', code: 'no-notes', path: 'sections[0]', message: 'Slide has no notes' },
      ],
      generatedAt: OPTIONS.generatedAt,
      theme: 'lecture',
      subtitle: 'Stalin, Mao and the Korean War, 1945–1953',
      course: 'HIST 214 · The Cold War in Asia',
      date: '2026-11-22',
      duration: 6,
      estimatedMinutes: expect.any(Number),
    });
    expect(Object.keys(deck.manifest.warnings[0] ?? {})).toEqual(['severity', 'code', 'path', 'message']);
  });

  it('gives a plain-text title in deck.json', () => {
    const deck = render(
      lecture({ title: 'The *long* peace', sections: [{ title: 'S', slides: [{ points: ['a'] }] }] }),
    );
    expect(deck.manifest.title).toBe('The long peace');
  });

  it('renders the same input to the same bytes, apart from generatedAt', () => {
    const first = render(value);
    const second = render(allKinds(), { generatedAt: '2030-01-01T00:00:00.000Z' });
    expect(second.files['index.html']).toBe(first.files['index.html']);
    expect(second.files['handout.html']).toBe(first.files['handout.html']);
    const strip = (json: string | undefined) => (json ?? '').replace(/"generatedAt": "[^"]*"/, '');
    expect(strip(second.files['deck.json'])).toBe(strip(first.files['deck.json']));
    expect(second.files['deck.json']).not.toBe(first.files['deck.json']);
  });

  it('renders the same with a fresh copy of the same templates', () => {
    const copy: TemplateSet = { ...templates(), files: { ...templates().files } };
    expect(renderDeck(value, copy, OPTIONS).files).toEqual(render(value).files);
  });
});

describe('templates', () => {
  it('ship the lecture (default), dark and high-contrast themes', () => {
    expect(themeNames(templates())).toEqual(['dark', 'high-contrast', 'lecture']);
    expect(themeNames(templates())).toContain(DEFAULT_THEME);
  });

  it('take theme names from themes/*.css only', () => {
    const set: TemplateSet = {
      files: { 'themes/b.css': '', 'themes/a.css': '', 'themes/x.txt': '', 'a.css': '' },
    };
    expect(themeNames(set)).toEqual(['a', 'b']);
  });

  it('are strict: a field the view does not have is an error, not an empty string', () => {
    const set = templates();
    const broken = withFile(set, 'partials/statement.hbs', '<p>{{textHtml}} {{noSuchField}}</p>');
    expect(() => renderDeck(allKinds(), broken, OPTIONS)).toThrow(/noSuchField/);
    const brokenDeck = withFile(set, 'deck.hbs', `${set.files['deck.hbs']}{{titleSlide.missing}}`);
    expect(() => renderDeck(allKinds(), brokenDeck, OPTIONS)).toThrow(/missing/);
  });

  it('report a template that does not compile by its path', () => {
    const broken = withFile(templates(), 'partials/quote.hbs', '{{#if textHtml}}unclosed');
    expect(() => renderDeck(allKinds(), broken, OPTIONS)).toThrow(/partials\/quote\.hbs/);
  });

  it('report a missing partial by its path', () => {
    const { 'partials/code.hbs': _code, ...rest } = templates().files;
    expect(() => renderDeck(allKinds(), { ...templates(), files: rest }, OPTIONS)).toThrow(
      /partials\/code\.hbs/,
    );
  });
});

describe('deckVersion with local media', () => {
  const value = allKinds();
  const plain = deckVersion(value, templates());

  it('is unchanged for a deck without local media, and changes with a figure redrawn under the same path', () => {
    expect(deckVersion(value, templates(), [])).toBe(plain);
    const one = deckVersion(value, templates(), [{ src: 'figures/a.png', name: '0123456789abcdef.png' }]);
    const redrawn = deckVersion(value, templates(), [{ src: 'figures/a.png', name: 'fedcba9876543210.png' }]);
    expect(one).not.toBe(plain);
    expect(redrawn).not.toBe(one);
  });

  it('does not depend on the order the images were met', () => {
    const a = { src: 'a.png', name: '1111111111111111.png' };
    const b = { src: 'b.svg', name: '2222222222222222.svg' };
    expect(deckVersion(value, templates(), [a, b])).toBe(deckVersion(value, templates(), [b, a]));
  });
});
