import { describe, expect, it } from 'vitest';
import { allKinds, deckDom, lecture, render, slides, text } from './render-helpers.js';

const deck = render(allKinds());
const doc = deckDom(deck);

function slideOf(kind: string): Element {
  const el = doc.querySelector(`section.lectern-${kind}`);
  if (!el) throw new Error(`no ${kind} slide`);
  return el;
}

describe('renderDeck: the deck page', () => {
  it('writes index.html, handout.html and deck.json', () => {
    expect(Object.keys(deck.files).sort()).toEqual(['deck.json', 'handout.html', 'index.html']);
  });

  it('sets lang, charset, viewport, title and an empty favicon', () => {
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
    expect(doc.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(doc.querySelector('meta[name="viewport"]')).not.toBeNull();
    expect(text(doc.querySelector('title'))).toBe('Uncertain Partners');
    expect(doc.querySelector('link[rel="icon"]')?.getAttribute('href')).toBe('data:,');
  });

  it('takes the page language from the lecture', () => {
    const ru = render(
      lecture({ language: 'ru', sections: [{ title: 'Раздел', slides: [{ points: ['а'] }] }] }),
    );
    expect(deckDom(ru).documentElement.getAttribute('lang')).toBe('ru');
  });

  it('links reveal.js, its plugins, the theme and the deck script under assetsBase', () => {
    const styles = [...doc.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href'));
    expect(styles).toEqual([
      '../assets/reveal/reset.css',
      '../assets/reveal/reveal.css',
      '../assets/reveal/plugin/highlight/monokai.css',
      '../assets/lectern-base.css',
      '../assets/themes/lecture.css',
    ]);
    const scripts = [...doc.querySelectorAll('script')].map((s) => s.getAttribute('src'));
    expect(scripts).toEqual([
      '../assets/reveal/reveal.js',
      '../assets/reveal/plugin/notes.js',
      '../assets/reveal/plugin/highlight.js',
      '../assets/reveal/plugin/search.js',
      '../assets/reveal/plugin/zoom.js',
      '../assets/lectern-deck.js',
    ]);
  });

  it('links code highlighting only in a deck with a code slide', () => {
    const plain = deckDom(render(lecture({ sections: [{ title: 'S', slides: [{ points: ['a'] }] }] })));
    expect(plain.querySelector('link[href*="highlight"]')).toBeNull();
    expect(plain.querySelector('script[src*="highlight"]')).toBeNull();
    expect(doc.querySelector('pre.lectern-code')).not.toBeNull();
    expect(doc.querySelector('script[src$="reveal/plugin/highlight.js"]')).not.toBeNull();
  });

  it('uses the theme the lecture names, and "lecture" by default', () => {
    const dark = render(lecture({ theme: 'dark', sections: [{ title: 'S', slides: [{ points: ['a'] }] }] }));
    expect(deckDom(dark).querySelector('link[href$="themes/dark.css"]')).not.toBeNull();
    expect(dark.manifest.theme).toBe('dark');
    const plain = render(lecture({ sections: [{ title: 'S', slides: [{ points: ['a'] }] }] }));
    expect(plain.manifest.theme).toBe('lecture');
  });

  it('refuses a theme the template set does not have', () => {
    const value = lecture({
      theme: 'no-such-theme',
      sections: [{ title: 'S', slides: [{ points: ['a'] }] }],
    });
    expect(() => render(value)).toThrow(/no theme called "no-such-theme"/);
  });
});

describe('renderDeck: title, dividers and slide order', () => {
  it('opens with a title slide made from the metadata', () => {
    const title = slides(doc)[0];
    expect(title?.classList.contains('lectern-title-slide')).toBe(true);
    expect(text(title?.querySelector('h1'))).toBe('Uncertain Partners');
    expect(text(title?.querySelector('.lectern-subtitle'))).toBe('Stalin, Mao and the Korean War, 1945–1953');
    expect(text(title?.querySelector('.lectern-course'))).toBe('HIST 214 · The Cold War in Asia');
    expect(text(title?.querySelector('.lectern-author'))).toBe('Course instructor');
    expect(title?.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-22');
  });

  it('leaves out metadata the lecture does not give', () => {
    const bare = deckDom(render(lecture({ sections: [{ title: 'S', slides: [{ points: ['a'] }] }] })));
    const title = slides(bare)[0];
    expect(title?.querySelector('.lectern-subtitle, .lectern-course, .lectern-author, time')).toBeNull();
  });

  it('opens each section with a numbered divider', () => {
    const dividers = [...doc.querySelectorAll('section.lectern-divider')];
    expect(dividers.map((d) => text(d.querySelector('h2')))).toEqual([
      'A giant new ally in the East',
      'Сталин and the decision for war',
    ]);
    expect(dividers.map((d) => text(d.querySelector('.lectern-section-number')))).toEqual(['1', '2']);
  });

  it('orders slides: title, then each divider and its slides, then sources', () => {
    expect(slides(doc).map((s) => s.className.replace('lectern-slide ', ''))).toEqual([
      'lectern-title-slide',
      'lectern-divider',
      'lectern-bullets',
      'lectern-quote',
      'lectern-timeline',
      'lectern-divider',
      'lectern-compare',
      'lectern-table',
      'lectern-image',
      'lectern-statement',
      'lectern-code',
      'lectern-questions',
      'lectern-sources',
    ]);
  });

  it('counts every reveal slide in deck.json', () => {
    expect(deck.manifest.slides).toBe(slides(doc).length);
    expect(JSON.parse(deck.files['deck.json'] ?? '{}').slides).toBe(13);
  });

  it("uses a slide's id as its section id", () => {
    expect(doc.getElementById('autumn-1949')?.classList.contains('lectern-bullets')).toBe(true);
    expect(doc.getElementById('green-light')?.classList.contains('lectern-statement')).toBe(true);
  });
});

describe('renderDeck: each slide kind', () => {
  it('bullets: a list with one nested level, inline Markdown, fragments when asked', () => {
    const slide = slideOf('bullets');
    expect(text(slide.querySelector('h2'))).toBe('Two events of autumn 1949');
    const items = [...slide.querySelectorAll('ul.lectern-points > li')];
    expect(items).toHaveLength(2);
    expect(text(items[0]?.querySelector('strong'))).toBe('atomic monopoly');
    expect(items.every((li) => li.classList.contains('fragment'))).toBe(true);
    expect(text(items[1]?.querySelector('ul > li'))).toBe('Mao proclaims the PRC, 1 Oct 1949');
  });

  it('bullets: no fragment class unless fragments is true', () => {
    const plain = deckDom(render(lecture({ sections: [{ title: 'S', slides: [{ points: ['a', 'b'] }] }] })));
    expect(plain.querySelectorAll('ul.lectern-points > li')).toHaveLength(2);
    expect(plain.querySelector('.fragment')).toBeNull();
  });

  it('quote: a block quote and its attribution', () => {
    const slide = slideOf('quote');
    expect(text(slide.querySelector('blockquote'))).toBe(
      'The Chinese revolution is a continuation of the October Revolution.',
    );
    expect(text(slide.querySelector('blockquote em'))).toBe('continuation');
    expect(text(slide.querySelector('figcaption'))).toBe('毛泽东 (Mao Zedong), 1949');
  });

  it('timeline: events sorted by date', () => {
    const events = [...slideOf('timeline').querySelectorAll('ol.lectern-timeline > li')];
    expect(events.map((e) => e.querySelector('time')?.getAttribute('datetime'))).toEqual([
      '1949-10',
      '1949-12-16',
      '1950-02-14',
    ]);
    expect(text(events[0]?.querySelector('.lectern-event'))).toBe('The PRC is proclaimed');
  });

  it('timeline: a year before its months, equal dates in written order', () => {
    const value = lecture({
      sections: [
        {
          title: 'S',
          slides: [
            {
              kind: 'timeline',
              events: [
                { date: '1950-06', text: 'second' },
                { date: 1950, text: 'first' },
                { date: '1950-06', text: 'third' },
                { date: '1949', text: 'zeroth' },
              ],
            },
          ],
        },
      ],
    });
    const events = [...deckDom(render(value)).querySelectorAll('.lectern-event')].map((e) => text(e));
    expect(events).toEqual(['zeroth', 'first', 'second', 'third']);
  });

  it('compare: one column per entry, each with heading and points', () => {
    const slide = slideOf('compare');
    expect(slide.querySelector('.lectern-columns')?.classList.contains('lectern-columns-2')).toBe(true);
    const columns = [...slide.querySelectorAll('.lectern-column')];
    expect(columns.map((c) => text(c.querySelector('h3')))).toEqual(['Moscow', 'Beijing']);
    expect(columns[1]?.querySelectorAll('li')).toHaveLength(2);
  });

  it('table: a header row and body rows, numbers shown as written', () => {
    const slide = slideOf('table');
    expect([...slide.querySelectorAll('thead th')].map((th) => text(th))).toEqual([
      'Year',
      'Credit (million USD)',
      'Note',
    ]);
    const rows = [...slide.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => text(td)),
    );
    expect(rows).toEqual([
      ['1950', '300', 'Five-year credit'],
      ['1954', '130', "After Stalin's death"],
    ]);
  });

  it('image: a figure with src, alt, caption and credit', () => {
    const figure = slideOf('image').querySelector('figure');
    const img = figure?.querySelector('img');
    expect(img?.getAttribute('src')).toBe('https://example.org/images/treaty-signing.jpg');
    expect(img?.getAttribute('alt')).toBe('Zhou Enlai and Vyshinsky sign the treaty in the Kremlin');
    expect(text(figure?.querySelector('figcaption .lectern-caption'))).toBe(
      'Signing the treaty, 14 February 1950',
    );
    expect(text(figure?.querySelector('figcaption .lectern-credit'))).toBe('Archive photograph');
  });

  it('image: no figcaption without caption or credit', () => {
    const value = lecture({
      sections: [{ title: 'S', slides: [{ kind: 'image', src: 'https://example.org/a.png', alt: 'A map' }] }],
    });
    expect(deckDom(render(value)).querySelector('figure figcaption')).toBeNull();
  });

  it('statement: one large sentence', () => {
    const statement = slideOf('statement').querySelector('p.lectern-statement');
    expect(text(statement)).toBe('In early 1950 Stalin gave Kim Il-sung his green light.');
    expect(text(statement?.querySelector('strong'))).toBe('green light');
  });

  it('questions: a numbered list titled "Discussion" by default', () => {
    const slide = slideOf('questions');
    expect(text(slide.querySelector('h2'))).toBe('Discussion');
    expect(slide.querySelectorAll('ol.lectern-questions > li')).toHaveLength(2);
    const titled = lecture({
      sections: [{ title: 'S', slides: [{ kind: 'questions', title: 'Over to you', items: ['Why?'] }] }],
    });
    expect(
      text(deckDom(render(titled)).querySelector('.lectern-questions h2, section.lectern-questions h2')),
    ).toBe('Over to you');
    const blank = lecture({
      sections: [{ title: 'S', slides: [{ kind: 'questions', title: '  ', items: ['Why?'] }] }],
    });
    expect(text(deckDom(render(blank)).querySelector('section.lectern-questions h2'))).toBe('Discussion');
  });

  it("code: a block for reveal's highlight plugin, text escaped", () => {
    const code = slideOf('code').querySelector('pre > code');
    expect(code?.getAttribute('class')).toBe('language-python');
    expect(code?.hasAttribute('data-trim')).toBe(true);
    expect(code?.textContent).toContain('print(message.upper())');
    const plain = lecture({
      sections: [{ title: 'S', slides: [{ kind: 'code', text: 'if a < b && c > d: pass' }] }],
    });
    const plainCode = deckDom(render(plain)).querySelector('pre > code');
    expect(plainCode?.getAttribute('class')).toBe('language-plaintext');
    expect(plainCode?.textContent).toBe('if a < b && c > d: pass');
    expect(plainCode?.children).toHaveLength(0);
  });
});

describe('renderDeck: notes and sources', () => {
  it('puts speaker notes in <aside class="notes">, one paragraph per block', () => {
    const notes = slideOf('bullets').querySelector('aside.notes');
    expect(notes?.querySelectorAll('p')).toHaveLength(1);
    expect(text(notes)).toMatch(/^Open with the two shocks of autumn 1949\./);
    const two = lecture({
      sections: [{ title: 'S', slides: [{ points: ['a'], notes: 'First *one*.\n\nSecond.\n' }] }],
    });
    const paragraphs = [...deckDom(render(two)).querySelectorAll('aside.notes > p')];
    expect(paragraphs.map((p) => text(p))).toEqual(['First one.', 'Second.']);
    expect(text(paragraphs[0]?.querySelector('em'))).toBe('one');
  });

  it('has no notes element on a slide without notes', () => {
    const bare = lecture({ sections: [{ title: 'S', slides: [{ points: ['a'] }] }] });
    expect(deckDom(render(bare)).querySelector('aside.notes')).toBeNull();
  });

  it('shows source numbers on citing slides, matching the Sources slide', () => {
    expect(text(slideOf('bullets').querySelector('.lectern-cite'))).toBe('[1]');
    expect(text(slideOf('timeline').querySelector('.lectern-cite'))).toBe('[2]');
    expect(slideOf('quote').querySelector('.lectern-cite')).toBeNull();
    const sources = [...doc.querySelectorAll('section.lectern-sources ol > li')];
    expect(text(sources[0])).toMatch(/^Goncharov, Lewis & Xue, Uncertain Partners/);
    expect(sources[0]?.querySelector('a')?.getAttribute('href')).toBe(
      'https://example.org/uncertain-partners',
    );
    expect(text(sources[1])).toBe('Westad, The Cold War: A World History (2017)');
    expect(sources[1]?.querySelector('a')).toBeNull();
  });

  it('lists several sources in number order, once each', () => {
    const value = lecture({
      sources: ['a', 'b', 'c'].map((id) => ({ id, text: `Source ${id}` })),
      sections: [{ title: 'S', slides: [{ points: ['x'], cite: ['c', 'a', 'c'] }] }],
    });
    expect(text(deckDom(render(value)).querySelector('.lectern-cite'))).toBe('[1, 3]');
  });

  it('splits a long source list over several numbered slides', () => {
    const value = lecture({
      sources: Array.from({ length: 11 }, (_, i) => ({ id: `s${i + 1}`, text: `Source ${i + 1}` })),
      sections: [{ title: 'S', slides: [{ points: ['x'], cite: ['s11'] }] }],
    });
    const rendered = render(value);
    const pages = [...deckDom(rendered).querySelectorAll('section.lectern-sources')];
    expect(pages.map((p) => text(p.querySelector('h2')))).toEqual([
      'Sources (1/2)',
      'Sources, continued (2/2)',
    ]);
    expect(pages.map((p) => p.querySelectorAll('li').length)).toEqual([8, 3]);
    expect(pages[1]?.querySelector('ol')?.getAttribute('start')).toBe('9');
    expect(text(deckDom(rendered).querySelector('.lectern-cite'))).toBe('[11]');
    expect(rendered.manifest.slides).toBe(1 + 1 + 1 + 2);
  });

  it('starts a new Sources slide early when the sources are long, so each slide still fits', () => {
    const long = `${'A very long bibliographic entry about the Sino-Soviet alliance, '.repeat(3)}(2001)`;
    const value = lecture({
      sources: Array.from({ length: 6 }, (_, i) => ({
        id: `s${i + 1}`,
        text: long,
        url: `https://example.org/a/long/path/to/source-${i + 1}`,
      })),
      sections: [{ title: 'S', slides: [{ points: ['x'], cite: ['s1'] }] }],
    });
    const rendered = render(value);
    const pages = [...deckDom(rendered).querySelectorAll('section.lectern-sources')];
    const counts = pages.map((p) => p.querySelectorAll('li').length);
    expect(pages.length).toBeGreaterThan(1);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
    expect(Math.max(...counts)).toBeLessThan(6);
    expect(pages[1]?.querySelector('ol')?.getAttribute('start')).toBe(String((counts[0] ?? 0) + 1));
    expect(rendered.manifest.slides).toBe(1 + 1 + 1 + pages.length);
  });

  it('has no Sources slide when the lecture has no sources', () => {
    const value = lecture({ sections: [{ title: 'S', slides: [{ points: ['x'] }] }] });
    const rendered = render(value);
    expect(deckDom(rendered).querySelector('section.lectern-sources')).toBeNull();
    expect(rendered.manifest.slides).toBe(3);
  });
});

describe('renderDeck: any script', () => {
  const value = allKinds();
  const rendered = render(value);

  it('keeps Chinese and Cyrillic text in the deck and the handout', () => {
    for (const html of [rendered.files['index.html'], rendered.files['handout.html']]) {
      expect(html).toContain('毛泽东 (Mao Zedong), 1949');
      expect(html).toContain('Сталин and the decision for war');
    }
  });
});
