import { describe, expect, it } from 'vitest';
import { generatedWords, WORD_LANGUAGES } from '../../../lambdas/core/render/words.js';
import { deckDom, handoutDom, lecture, render, slides, text } from './render-helpers.js';

function withQuestionsAndSources(language: string, labels?: Record<string, string>) {
  return lecture({
    language,
    ...(labels && { labels }),
    sources: [{ id: 's1', text: 'Ein Buch' }],
    sections: [{ title: 'Eins', slides: [{ kind: 'questions', items: ['Warum?'], cite: ['s1'] }] }],
  });
}

describe('generated words in the lecture language', () => {
  it('a German lecture says Quellen and Diskussion in the deck and the handout', () => {
    const deck = render(withQuestionsAndSources('de'));
    const doc = deckDom(deck);
    expect(text(doc.querySelector('section.lectern-questions h2'))).toBe('Diskussion');
    expect(text(slides(doc).at(-1)?.querySelector('h2'))).toBe('Quellen');
    expect(doc.querySelector('.lectern-cite')?.getAttribute('title')).toBe('Zitierte Quellen');
    const handout = handoutDom(deck);
    expect(text(handout.querySelector('.lectern-handout-sources h2'))).toBe('Quellen');
    expect(text(handout.querySelector('.lectern-questions h3'))).toBe('Diskussion');
  });

  it('a French lecture (fr-CA) says Sources and Discussion; an unlisted language gets English', () => {
    expect(generatedWords('fr-CA')).toMatchObject({ sources: 'Sources', continued: 'suite' });
    expect(generatedWords('sw')).toEqual(generatedWords('en'));
  });

  it('has every word in each of en, de, fr, es, it, pt, ru, zh, ja, ar and he', () => {
    for (const lang of ['en', 'de', 'fr', 'es', 'it', 'pt', 'ru', 'zh', 'ja', 'ar', 'he']) {
      expect(WORD_LANGUAGES).toContain(lang);
      const words = generatedWords(lang);
      expect(Object.keys(words).sort()).toEqual(['cited', 'continued', 'discussion', 'sources']);
      for (const word of Object.values(words)) expect(word.trim()).not.toBe('');
    }
    // Not English by accident: each language but French has its own word for "Sources".
    const own = ['de', 'es', 'it', 'pt', 'ru', 'zh', 'ja', 'ar', 'he'].map((l) => generatedWords(l).sources);
    expect(new Set(own).size).toBe(own.length);
    expect(own).not.toContain('Sources');
  });

  it("a lecture's labels override the language's words", () => {
    const deck = render(withQuestionsAndSources('de', { sources: 'Literatur', discussion: 'Fragen' }));
    const doc = deckDom(deck);
    expect(text(slides(doc).at(-1)?.querySelector('h2'))).toBe('Literatur');
    expect(text(doc.querySelector('section.lectern-questions h2'))).toBe('Fragen');
    expect(text(handoutDom(deck).querySelector('.lectern-handout-sources h2'))).toBe('Literatur');
  });

  it('a long source list continues in the language: "Quellen, Fortsetzung (2/2)"', () => {
    const sources = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, text: `Quelle ${i}` }));
    const doc = deckDom(
      render(lecture({ language: 'de', sources, sections: [{ title: 'A', slides: [{ points: ['x'] }] }] })),
    );
    const headings = slides(doc)
      .filter((s) => s.classList.contains('lectern-sources'))
      .map((s) => text(s.querySelector('h2')));
    expect(headings).toEqual(['Quellen (1/2)', 'Quellen, Fortsetzung (2/2)']);
  });
});

describe('timeline labels', () => {
  const timeline = lecture({
    sections: [
      {
        title: 'A',
        slides: [
          {
            kind: 'timeline',
            events: [
              { date: '1950-06', text: 'Second of June' },
              { date: '1949-10', text: 'PRC', label: 'autumn 1949' },
              { date: '1950-06', text: 'Third of June', label: 'summer 1950' },
              { date: '1950-06', text: 'Fourth of June' },
              { date: '1949', text: 'The year' },
            ],
          },
        ],
      },
    ],
  });

  it('shows the label in place of the date, keeps the date in <time datetime>, and orders by date', () => {
    const items = [...deckDom(render(timeline)).querySelectorAll('.lectern-timeline li')];
    expect(items.map((li) => text(li.querySelector('time')))).toEqual([
      '1949',
      'autumn 1949',
      'June 1950',
      'summer 1950',
      'June 1950',
    ]);
    expect(items.map((li) => li.querySelector('time')?.getAttribute('datetime'))).toEqual([
      '1949',
      '1949-10',
      '1950-06',
      '1950-06',
      '1950-06',
    ]);
  });

  it('keeps the order of the file for events with the same date', () => {
    const items = [...deckDom(render(timeline)).querySelectorAll('.lectern-timeline .lectern-event')];
    expect(items.slice(2).map((e) => text(e))).toEqual(['Second of June', 'Third of June', 'Fourth of June']);
  });
});
