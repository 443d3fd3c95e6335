import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { deckParts, deckUpdate } from '../../../lambdas/cli/preview/deck-frame.js';
import { withPreviewScript } from '../../../lambdas/cli/preview/pages.js';
import { buildDeck } from '../../../lambdas/core/pipeline.js';
import { loadTemplates } from '../../../lambdas/node/templates-fs.js';

const templates = loadTemplates();

const lecture = (title: string, extra = '') => `id: frame-test
title: Frame test
theme: lecture
sections:
  - title: One
    slides:
      - title: "${title}"
        points: [a, b]
${extra}`;

const CODE_SLIDE = `      - kind: code
        title: Code
        language: python
        text: print(1)
`;

function deckFiles(text: string) {
  const built = buildDeck(text, {
    format: 'yaml',
    templates,
    assetsBase: '../assets/',
    generatedAt: '2026-12-01T00:00:00.000Z',
  });
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  return built.deck.files;
}

const page = (text: string) => deckFiles(text)['index.html'] ?? '';

describe('a deck page taken apart for the live preview', () => {
  it('gives two renders differing in their slides the same frame, and the new slides', () => {
    const before = deckParts(page(lecture('First')));
    const after = deckParts(page(lecture('Second <b>bold</b>')));
    expect(before?.frame).toMatch(/^[0-9a-f]{16}$/);
    expect(after?.frame).toBe(before?.frame);
    const { document } = parseHTML(`<div>${after?.slides}</div>`);
    expect(document.querySelector('section.lectern-slide h2')?.textContent).toBe('Second <b>bold</b>');
    expect(after?.slides).not.toContain('<script');
  });

  it('changes the frame when the page around the slides changes (theme, code highlighting)', () => {
    const base = deckParts(page(lecture('Same')))?.frame;
    expect(deckParts(page(lecture('Same').replace('theme: lecture', 'theme: dark')))?.frame).not.toBe(base);
    expect(deckParts(page(lecture('Same', CODE_SLIDE)))?.frame).not.toBe(base);
  });

  it('has no parts for a page that is not a deck (the tab reloads)', () => {
    expect(deckParts('<!doctype html><html><body><p>errors</p></body></html>')).toBeUndefined();
    expect(deckUpdate({ 'handout.html': '<p>x</p>' }, 'x')).toBeUndefined();
  });

  it('marks the served deck page with its frame key', () => {
    const html = page(lecture('First'));
    const key = deckParts(html)?.frame ?? '';
    const { document } = parseHTML(withPreviewScript(html, key));
    const tag = document.querySelector('script[data-events]');
    expect(tag?.getAttribute('data-frame')).toBe(key);
  });
});
