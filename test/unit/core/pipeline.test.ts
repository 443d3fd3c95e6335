import { describe, expect, it } from 'vitest';
import { buildDeck, buildDeckAt, checkLecture } from '../../../lambdas/core/pipeline.js';
import { loadTemplates } from '../../../lambdas/node/templates-fs.js';
import { deck, lineOf, MARK, SLIDE, THEMES } from './lecture-helpers.js';

const templates = loadTemplates();
const generatedAt = '2026-01-01T00:00:00.000Z';
const TABLE = '- kind: table\n  header: [a, b]\n  rows: [[1.10, 007]]\n  notes: "N."';

describe('checkLecture', () => {
  it('gives a valid lecture its warnings only, in document order', () => {
    const checked = checkLecture(deck({ slide: '- points: [e]' }), { themes: THEMES });
    expect(checked.ok).toBe(true);
    expect(checked.diagnostics.map((d) => [d.severity, d.code, d.path])).toEqual([
      ['warning', 'no-notes', SLIDE],
    ]);
  });

  it('gives an invalid lecture its errors and no lint', () => {
    const checked = checkLecture(deck({ slide: `- points: [e]\n  cite: [nope] ${MARK}` }), {
      themes: THEMES,
    });
    expect(checked.ok).toBe(false);
    expect(checked.diagnostics.map((d) => [d.severity, d.code])).toEqual([['error', 'cite-unknown']]);
  });

  it("keeps a table's numbers as written, after the checks", () => {
    const checked = checkLecture(deck({ slide: TABLE }), { themes: THEMES });
    const slide = checked.ok ? checked.lecture.sections[1]?.slides[3] : undefined;
    expect(slide?.kind === 'table' && slide.rows).toEqual([['1.10', '007']]);
  });

  it('gives a lecture without an id the expected one, numbers still as written', () => {
    const text = deck({ slide: TABLE }).replace('id: test-deck\n', '');
    const checked = checkLecture(text, { themes: THEMES, id: 'from-path' });
    expect(checked.ok && checked.lecture.id).toBe('from-path');
    const slide = checked.ok ? checked.lecture.sections[1]?.slides[3] : undefined;
    expect(slide?.kind === 'table' && slide.rows).toEqual([['1.10', '007']]);
  });

  it('refuses a lecture whose id differs from the expected one, at its id, with its other errors', () => {
    const text = deck({ id: `other ${MARK}`, slide: '- points: [e]\n  notes: "N."\n  cite: [nope]' });
    const checked = checkLecture(text, { themes: THEMES, id: 'from-path' });
    expect(checked.ok).toBe(false);
    expect(checked.diagnostics.map((d) => [d.code, d.path, d.line])).toEqual([
      ['id-mismatch', 'id', lineOf(text)],
      ['cite-unknown', `${SLIDE}.cite[0]`, expect.any(Number)],
    ]);
    expect(checked.diagnostics[0]?.message).toMatch(/"other" does not match the id in the URL, "from-path"/);
  });
});

describe('buildDeck and buildDeckAt', () => {
  it('records the warnings in deck.json', () => {
    const built = buildDeck(deck({ slide: '- points: [e]' }), {
      templates,
      generatedAt,
      assetsBase: '../assets/',
    });
    if (!built.ok) throw new Error('expected the deck to build');
    expect(built.manifest.warnings.map((d) => d.code)).toEqual(['no-notes']);
    expect(JSON.parse(built.deck.files['deck.json'] ?? '{}').warnings).toEqual(built.manifest.warnings);
  });

  it('renders one deck per place, same manifest, each linking its own assets base', () => {
    const built = buildDeckAt(deck(), { templates, generatedAt }, { near: '../assets/', far: '../../../x/' });
    if (!built.ok) throw new Error('expected the deck to build');
    expect(built.decks.near.manifest).toEqual(built.decks.far.manifest);
    expect(built.decks.near.files['index.html']).toContain('href="../assets/');
    expect(built.decks.far.files['index.html']).toContain('href="../../../x/');
    expect(built.decks.far.files['index.html']).not.toContain('href="../assets/');
  });

  it('renders nothing for a lecture with errors', () => {
    const built = buildDeckAt(deck({ slide: '- kind: nope' }), { templates, generatedAt }, { near: '../a/' });
    expect(built).toEqual({ ok: false, diagnostics: [expect.objectContaining({ severity: 'error' })] });
  });
});
