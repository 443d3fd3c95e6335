import { describe, expect, it } from 'vitest';
import { allKinds, handoutDom, lecture, render, text } from './render-helpers.js';

const value = allKinds();
const deck = render(value);
const doc = handoutDom(deck);
const articles = [...doc.querySelectorAll('article.lectern-handout-slide')];

describe('renderDeck: the handout', () => {
  it('is a plain page: lang, title, its own stylesheet, no script', () => {
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(text(doc.querySelector('title'))).toBe('Uncertain Partners');
    expect([...doc.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href'))).toEqual([
      '../assets/lectern-handout.css',
    ]);
    expect(doc.querySelectorAll('script')).toHaveLength(0);
  });

  it('starts with the lecture metadata', () => {
    const header = doc.querySelector('header');
    expect(text(header?.querySelector('h1'))).toBe('Uncertain Partners');
    expect(text(header?.querySelector('.lectern-subtitle'))).toBe(
      'Stalin, Mao and the Korean War, 1945–1953',
    );
    expect(header?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-22');
  });

  it('has one article per content slide, in order, under its section', () => {
    const kinds = value.sections.flatMap((s) => s.slides.map((slide) => slide.kind ?? 'bullets'));
    expect(articles.map((a) => a.className.replace('lectern-handout-slide lectern-', ''))).toEqual(kinds);
    const sections = [...doc.querySelectorAll('section.lectern-handout-section')];
    expect(sections.map((s) => text(s.querySelector('h2')))).toEqual([
      '1 A giant new ally in the East',
      '2 Сталин and the decision for war',
    ]);
    expect(sections.map((s) => s.querySelectorAll('article').length)).toEqual([3, 6]);
  });

  it("shows every slide's content followed by its notes", () => {
    const slides = value.sections.flatMap((s) => s.slides);
    articles.forEach((article, i) => {
      const content = article.querySelector('.lectern-handout-content');
      const notes = article.querySelector('.lectern-handout-notes');
      expect(content, `slide ${i}`).not.toBeNull();
      expect(notes, `slide ${i}`).not.toBeNull();
      // Notes come after the content.
      expect([...article.children].indexOf(notes as Element)).toBeGreaterThan(
        [...article.children].indexOf(content as Element),
      );
      const firstWords = (slides[i]?.notes ?? '').split(/\s+/).slice(0, 6).join(' ');
      expect(text(notes)).toContain(firstWords);
    });
  });

  it('carries the content of every kind', () => {
    const byKind = (kind: string) => doc.querySelector(`article.lectern-${kind}`);
    expect(text(byKind('bullets')?.querySelector('h3'))).toBe('Two events of autumn 1949');
    expect(byKind('bullets')?.querySelectorAll('li')).toHaveLength(3);
    expect(text(byKind('quote')?.querySelector('figcaption'))).toBe('毛泽东 (Mao Zedong), 1949');
    const times = [...(byKind('timeline')?.querySelectorAll('time') ?? [])];
    expect(times.map((t) => t.getAttribute('datetime'))).toEqual(['1949-10', '1949-12-16', '1950-02-14']);
    expect(times.map((t) => text(t))).toEqual(['October 1949', 'December 16, 1949', 'February 14, 1950']);
    expect(byKind('compare')?.querySelectorAll('.lectern-column')).toHaveLength(2);
    expect(byKind('table')?.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(byKind('image')?.querySelector('img')?.getAttribute('alt')).toBe(
      'Zhou Enlai and Vyshinsky sign the treaty in the Kremlin',
    );
    expect(text(byKind('statement')?.querySelector('p.lectern-statement'))).toMatch(/green light/);
    expect(byKind('code')?.querySelector('pre code')?.textContent).toContain('print(message.upper())');
    expect(text(byKind('questions')?.querySelector('h3'))).toBe('Discussion');
    expect(byKind('questions')?.querySelectorAll('ol li')).toHaveLength(2);
  });

  it('shows source numbers on citing slides and lists every source, numbered, unsplit', () => {
    expect(text(doc.querySelector('article.lectern-bullets .lectern-cite'))).toBe('[1]');
    const many = lecture({
      sources: Array.from({ length: 11 }, (_, i) => ({ id: `s${i + 1}`, text: `Source ${i + 1}` })),
      sections: [{ title: 'S', slides: [{ points: ['x'] }] }],
    });
    const list = handoutDom(render(many)).querySelectorAll('.lectern-handout-sources ol > li');
    expect(list).toHaveLength(11);
    const sources = [...doc.querySelectorAll('.lectern-handout-sources ol > li')];
    expect(sources.map((li) => li.querySelector('a')?.getAttribute('href') ?? null)).toEqual([
      'https://example.org/uncertain-partners',
      null,
    ]);
  });

  it('keeps slide ids as anchors', () => {
    expect(doc.getElementById('autumn-1949')?.tagName).toBe('ARTICLE');
  });
});
