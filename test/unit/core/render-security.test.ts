import { describe, expect, it } from 'vitest';
import type { LectureInput } from '../../../lambdas/core/schema.js';
import { ASSETS_BASE, dom, lecture, render, templates, text } from './render-helpers.js';

// Text that would become markup, script or a navigation if any layer let it through.
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)>",
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](https://example.org/x.png)',
  '<a href="javascript:alert(1)">x</a>',
  '{{constructor.constructor "alert(1)"}} {{{titleHtml}}} {{> bullets}}',
  '</aside><script>alert(1)</script>',
  '</textarea><script>alert(1)</script>',
  '</code></pre><script>alert(1)</script>',
  '<style>body{display:none}</style><p style="color:red">x</p>',
  '**<b>bold</b>** *<i onmouseover=alert(1)>i</i>* `<script>`',
  '<!-- comment --> <![CDATA[x]]> &lt;script&gt;',
  '<https://example.org> javascript:alert(1) www.example.org',
];

const ALLOWED_SCRIPTS = [
  'reveal/reveal.js',
  'reveal/plugin/notes.js',
  'reveal/plugin/highlight.js',
  'reveal/plugin/search.js',
  'reveal/plugin/zoom.js',
  'lectern-deck.js',
].map((file) => `${ASSETS_BASE}${file}`);

/** A lecture with `payload` in every text field the format has. */
function hostileLecture(payload: string): LectureInput {
  return {
    id: 'hostile',
    title: payload,
    subtitle: payload,
    course: payload,
    author: payload,
    date: '2026-11-22',
    sources: [
      { id: 's1', text: payload, url: 'https://example.org/?q=%22%3E%3Cscript%3E' },
      { id: 's2', text: payload },
    ],
    sections: [
      {
        title: payload,
        slides: [
          {
            title: payload,
            points: [payload, { text: payload, points: [payload] }],
            notes: payload,
            cite: ['s1'],
          },
          {
            title: payload,
            points: [payload],
            fragments: true,
            notes: `${payload}\n\n${payload}`,
            cite: ['s2'],
          },
          { kind: 'quote', title: payload, text: payload, by: payload, notes: payload },
          {
            kind: 'timeline',
            title: payload,
            events: [
              { date: '1950', text: payload },
              { date: '1949-10-01', text: payload },
            ],
            notes: payload,
          },
          {
            kind: 'compare',
            title: payload,
            columns: [
              { heading: payload, points: [payload] },
              { heading: payload, points: [payload] },
            ],
            notes: payload,
          },
          {
            kind: 'table',
            title: payload,
            header: [payload, payload],
            rows: [[payload, payload]],
            notes: payload,
          },
          {
            kind: 'image',
            title: payload,
            src: 'https://example.org/a.png',
            alt: payload,
            caption: payload,
            credit: payload,
            notes: payload,
          },
          { kind: 'statement', title: payload, text: payload, notes: payload },
          { kind: 'questions', title: payload, items: [payload, payload], notes: payload },
          { kind: 'code', title: payload, language: 'html', text: payload, notes: payload },
        ],
      },
    ],
  };
}

const CONTENT_SLIDES = 10;
const SLIDES_WITH_NOTES = 10;

/** Every way the rendered page could run or fetch something that the lecture text asked for. */
function expectInert(doc: Document, page: 'deck' | 'handout'): void {
  const scripts = [...doc.querySelectorAll('script')];
  if (page === 'deck') {
    expect(scripts.map((s) => s.getAttribute('src'))).toEqual(ALLOWED_SCRIPTS);
  } else {
    expect(scripts).toHaveLength(0);
  }
  for (const script of scripts) expect(script.textContent).toBe('');
  expect(
    doc.querySelectorAll('style, iframe, object, embed, svg, textarea, form, input, base, meta[http-equiv]'),
  ).toHaveLength(0);
  // The image slide's one picture, and nothing else that loads.
  expect([...doc.querySelectorAll('img')].map((img) => img.getAttribute('src'))).toEqual([
    'https://example.org/a.png',
  ]);

  for (const el of doc.querySelectorAll('*')) {
    for (const attr of el.getAttributeNames()) {
      expect(attr.startsWith('on'), `${el.tagName} has ${attr}`).toBe(false);
      expect(attr, `${el.tagName} has a style attribute`).not.toBe('style');
    }
  }
  for (const el of doc.querySelectorAll('[href], [src]')) {
    const url = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
    const ok = /^(https?:|mailto:)/i.test(url) || url.startsWith(ASSETS_BASE) || url === 'data:,';
    expect(ok, `${el.tagName} points at ${url}`).toBe(true);
  }
  for (const a of doc.querySelectorAll('a')) {
    expect(a.getAttribute('href')).toMatch(/^(https?:|mailto:)/);
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
  }
}

describe('renderDeck: hostile text is shown, never run', () => {
  it.each(HOSTILE)('%s', (payload) => {
    const deck = render(lecture(hostileLecture(payload)));
    const deckDoc = dom(deck.files['index.html']);
    const handoutDoc = dom(deck.files['handout.html']);
    expectInert(deckDoc, 'deck');
    expectInert(handoutDoc, 'handout');

    // Structure intact: no payload closed an element early or opened a new one.
    expect(deckDoc.querySelectorAll('.reveal > .slides > section')).toHaveLength(deck.manifest.slides);
    expect(deckDoc.querySelectorAll('section.lectern-slide')).toHaveLength(CONTENT_SLIDES);
    expect(deckDoc.querySelectorAll('aside.notes')).toHaveLength(SLIDES_WITH_NOTES);
    expect(handoutDoc.querySelectorAll('article.lectern-handout-slide')).toHaveLength(CONTENT_SLIDES);
    expect(handoutDoc.querySelectorAll('.lectern-handout-notes')).toHaveLength(SLIDES_WITH_NOTES);
    expect(deckDoc.querySelector('pre > code')?.textContent).toBe(payload);
  });

  it('makes no link from a javascript:, data: or vbscript: target', () => {
    for (const payload of HOSTILE.filter((p) => /\]\((javascript|data|vbscript):/i.test(p))) {
      const doc = dom(render(lecture(hostileLecture(payload))).files['index.html']);
      // The only links left are the sources' own URLs.
      expect([...doc.querySelectorAll('a')].every((a) => a.classList.contains('lectern-source-url'))).toBe(
        true,
      );
      expect(text(doc.querySelector('p.lectern-statement'))).toBe(payload);
    }
  });

  it('shows the raw text literally', () => {
    const payload = '<script>alert(1)</script> {{title}}';
    const deck = render(lecture(hostileLecture(payload)));
    const doc = dom(deck.files['index.html']);
    expect(text(doc.querySelector('title'))).toBe(payload);
    expect(text(doc.querySelector('.lectern-title-slide h1'))).toBe(payload);
    expect(text(doc.querySelector('p.lectern-statement'))).toBe(payload);
    expect(text(doc.querySelector('aside.notes p'))).toBe(payload);
    expect(doc.querySelector('.lectern-image img')?.getAttribute('alt')).toBe(payload);
    const handout = dom(deck.files['handout.html']);
    expect(text(handout.querySelector('.lectern-handout-notes p'))).toBe(payload);
  });

  it('links the Markdown subset allows, with rel="noopener noreferrer" and no new window', () => {
    const value = lecture({
      sections: [
        {
          title: 'S',
          slides: [{ points: ['[site](https://example.org/a) [mail](mailto:a@example.org) [rel](/x)'] }],
        },
      ],
    });
    const links = [...dom(render(value).files['index.html']).querySelectorAll('.lectern-points a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://example.org/a',
      'mailto:a@example.org',
    ]);
    for (const a of links) {
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.hasAttribute('target')).toBe(false);
    }
  });

  it('puts raw HTML only in fields named …Html, which the view model fills from the Markdown renderer', () => {
    for (const [path, source] of Object.entries(templates().files)) {
      if (!path.endsWith('.hbs') || path.startsWith('course')) continue;
      for (const match of source.matchAll(/\{\{\{\s*([^}\s]+)\s*\}\}\}/g)) {
        expect(match[1], `${path} outputs ${match[1]} unescaped`).toMatch(/(^h|H)tml$/);
      }
    }
  });
});
