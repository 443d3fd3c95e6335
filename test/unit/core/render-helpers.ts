import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { parse as parseYaml } from 'yaml';
import type { RenderedDeck, RenderOptions, TemplateSet } from '../../../lambdas/core/deck.js';
import { renderDeck } from '../../../lambdas/core/render/index.js';
import { type Lecture, type LectureInput, lectureSchema } from '../../../lambdas/core/schema.js';
import { loadTemplates } from '../../../lambdas/node/templates-fs.js';

/** Shared set-up for the renderer's tests: the real templates/, fixture lectures, HTML as a DOM. */

export const ASSETS_BASE = '../assets/';
export const OPTIONS: RenderOptions = {
  assetsBase: ASSETS_BASE,
  generatedAt: '2026-11-25T08:00:00.000Z',
  warnings: [],
};

export function templates(): TemplateSet {
  return loadTemplates();
}

/** The shared all-kinds fixture, read with the yaml package and the schema directly. */
export function allKinds(): Lecture {
  const file = join(import.meta.dirname, '../../fixtures/lectures/all-kinds.yaml');
  return lectureSchema.parse(parseYaml(readFileSync(file, 'utf8')));
}

export function lecture(input: Omit<LectureInput, 'id' | 'title'> & Partial<LectureInput>): Lecture {
  return lectureSchema.parse({ id: 'test-deck', title: 'Test deck', ...input });
}

export function render(value: Lecture, options: Partial<RenderOptions> = {}): RenderedDeck {
  return renderDeck(value, templates(), { ...OPTIONS, ...options });
}

export function dom(html: string | undefined): Document {
  if (html === undefined) throw new Error('no such file in the deck');
  return parseHTML(html).document as unknown as Document;
}

export function deckDom(deck: RenderedDeck): Document {
  return dom(deck.files['index.html']);
}

export function handoutDom(deck: RenderedDeck): Document {
  return dom(deck.files['handout.html']);
}

/** The deck's top-level reveal slides, in order. */
export function slides(doc: Document): Element[] {
  return [...doc.querySelectorAll('.reveal > .slides > section')];
}

export function text(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
