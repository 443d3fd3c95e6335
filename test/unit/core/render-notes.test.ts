import { describe, expect, it } from 'vitest';
import { parseLecture } from '../../../lambdas/core/parse.js';
import { validateLecture } from '../../../lambdas/core/validate.js';
import { THEMES } from './lecture-helpers.js';
import { deckDom, handoutDom, render } from './render-helpers.js';

function lectureWithNotes(block: '|' | '>'): string {
  return [
    'id: notes-deck',
    'title: Notes',
    'sections:',
    '  - title: One',
    '    slides:',
    '      - points: [a]',
    `        notes: ${block}`,
    '          The first paragraph runs',
    '          over two lines.',
    '',
    '          The second paragraph.',
    '',
    '          - ask who *signed*',
    '',
    '          - ask when',
    '',
  ].join('\n');
}

function renderText(text: string) {
  const { lecture } = validateLecture(parseLecture(text), { themes: THEMES });
  if (!lecture) throw new Error('the test lecture is invalid');
  return render(lecture);
}

describe('notes with paragraphs and lists', () => {
  for (const block of ['|', '>'] as const) {
    it(`keep their paragraphs and list in the speaker notes and the handout (a "${block}" block)`, () => {
      const deck = renderText(lectureWithNotes(block));
      for (const notes of [
        deckDom(deck).querySelector('aside.notes'),
        handoutDom(deck).querySelector('.lectern-handout-notes'),
      ]) {
        const paragraphs = [...(notes?.querySelectorAll(':scope > p') ?? [])].map((p) =>
          p.textContent?.replace(/\s+/g, ' ').trim(),
        );
        expect(paragraphs).toEqual(['The first paragraph runs over two lines.', 'The second paragraph.']);
        const items = [...(notes?.querySelectorAll(':scope > ul > li') ?? [])].map((li) =>
          li.innerHTML.trim(),
        );
        expect(items.map((html) => html.replace(/<\/?p>|\n/g, ''))).toEqual([
          'ask who <em>signed</em>',
          'ask when',
        ]);
      }
    });
  }
});
