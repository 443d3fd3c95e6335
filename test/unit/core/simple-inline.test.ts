import { describe, expect, it } from 'vitest';
import {
  inlineText,
  inlineTextParsed,
  renderInline,
  renderInlineParsed,
  renderNotes,
  renderNotesParsed,
} from '../../../lambdas/core/markdown.js';
import {
  renderSimpleInline,
  renderSimpleNotes,
  simpleInlineText,
} from '../../../lambdas/core/simple-inline.js';

// A small deterministic generator, so a failure names a text that fails again.
function random(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

const WORDS = ['a', 'Word', 'é', '毛泽东', '𝐀', '1950', 'x-y', '😀', 'Сталин', 'ab12'];
const URLS = [
  'https://e.org',
  'https://e.org/a_b*c',
  'http://e.org:80/p?q=1&r=2#s',
  'mailto:a_b@c.org',
  'https://e.org/&amp;',
  'https://e.org/(x)',
  'https://e.org/a b',
  'javascript:alert(1)',
  'HTTPS://e.org',
  'https://ü.org',
  '',
];
// Pieces that make Markdown, break it, or sit next to it.
const PIECES = [
  ...WORDS,
  ' ',
  '  ',
  '\t',
  '\u00a0',
  '*',
  '**',
  '***',
  '_',
  '__',
  '`',
  '``',
  '[',
  ']',
  '](',
  ')',
  '(',
  '.',
  ',',
  ':',
  '!',
  '?',
  '"',
  "'",
  '<',
  '>',
  '&',
  '-',
  '\\*',
  '\\_',
  '\n',
  '~',
  '#',
  '{{x}}',
];

/** One of the shapes the simple path takes, with something random on either side. */
function shaped(pick: (n: number) => number): string {
  const word = () => WORDS[pick(WORDS.length)] ?? 'a';
  const words = () => Array.from({ length: 1 + pick(3) }, word).join(pick(2) ? ' ' : '');
  const piece = () => PIECES[pick(PIECES.length)] ?? '';
  const shapes = [
    () => `**${words()}**`,
    () => `*${words()}*`,
    () => `\`${pick(2) ? words() : piece() + word() + piece()}\``,
    () => `[${words()}](${URLS[pick(URLS.length)]})`,
  ];
  return Array.from({ length: 1 + pick(4) }, () => {
    const shape = shapes[pick(shapes.length)]?.() ?? '';
    const glue = pick(3) === 0 ? piece() : ' ';
    return `${pick(4) === 0 ? piece() : ''}${shape}${glue}${words()}`;
  }).join(pick(2) ? ' ' : piece());
}

/** Half the texts in the simple shapes, half any pieces. */
function inlineTextOf(pick: (n: number) => number, i: number): string {
  return i % 2 === 0
    ? shaped(pick)
    : Array.from({ length: 1 + pick(12) }, () => PIECES[pick(PIECES.length)]).join('');
}

/**
 * Hold a simple path to markdown-it over `count` generated texts (by default 12,000 inline texts):
 * where `simple` answers it gives what `parsed` gives, and `either` (which picks between them)
 * always does. The generator must reach the simple path often, or the test proves nothing.
 */
function holdToMarkdownIt(
  seed: number,
  simple: (text: string) => string | undefined,
  parsed: (text: string) => string,
  either: (text: string) => string,
  { count = 12000, make = inlineTextOf } = {},
): void {
  const pick = random(seed);
  let taken = 0;
  for (let i = 0; i < count; i++) {
    const text = make(pick, i);
    const fast = simple(text);
    const slow = parsed(text);
    if (fast !== undefined) {
      taken++;
      expect(fast, JSON.stringify(text)).toBe(slow);
    }
    expect(either(text), JSON.stringify(text)).toBe(slow);
  }
  expect(taken).toBeGreaterThan(count / 8);
}

describe('renderSimpleInline', () => {
  it('renders the simple shapes', () => {
    expect(renderSimpleInline('a **b c** *d* `e*` [f](https://e.org/?x=1&y=2).')).toBe(
      'a <strong>b c</strong> <em>d</em> <code>e*</code> <a href="https://e.org/?x=1&amp;y=2" rel="noopener noreferrer">f</a>.',
    );
    expect(renderSimpleInline('<b>&</b> **"x"**')).toBeUndefined();
    expect(renderSimpleInline('_a_')).toBeUndefined();
  });

  it('gives what markdown-it gives, or leaves the text to it, over thousands of texts', () => {
    holdToMarkdownIt(11, renderSimpleInline, renderInlineParsed, renderInline);
  });
});

describe('simpleInlineText', () => {
  it('keeps the words of the simple shapes and drops their markup', () => {
    expect(simpleInlineText('a **b c** *d* `e*` [f](https://e.org/?x=1&y=2) <&>.')).toBe('a b c d e* f <&>.');
    expect(simpleInlineText('_a_')).toBeUndefined();
  });

  it('gives what markdown-it’s tokens give, or leaves the text to them, over thousands of texts', () => {
    holdToMarkdownIt(23, simpleInlineText, inlineTextParsed, inlineText);
  });
});

describe('renderSimpleNotes', () => {
  it('gives what markdown-it gives for notes, or leaves them to it, over thousands of notes', () => {
    const starts = ['', ' ', '   ', '- ', '-', '* ', '+ ', '1. ', '1950. ', '2) ', '# ', '> ', '    '];
    const ends = ['', ' ', '  ', '   '];
    const notesOf = (pick: (n: number) => number) =>
      Array.from({ length: 1 + pick(6) }, () => {
        if (pick(4) === 0) return ['', ' ', '  '][pick(3)] ?? '';
        const body = pick(2) ? shaped(pick) : (WORDS[pick(WORDS.length)] ?? 'a');
        const start = pick(3) === 0 ? (starts[pick(starts.length)] ?? '') : '';
        return `${start}${body}${ends[pick(ends.length)] ?? ''}`;
      }).join('\n');
    holdToMarkdownIt(17, renderSimpleNotes, renderNotesParsed, renderNotes, { count: 4000, make: notesOf });
  });
});
