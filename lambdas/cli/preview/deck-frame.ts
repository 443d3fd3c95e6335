import { createHash } from 'node:crypto';
import { MATH_STYLESHEET } from '../../core/render/render-deck.js';
import { DECK_FILES } from '../../site/layout.js';

const SLIDES_OPEN = '<div class="slides">';

/** A deck page taken apart: the key of everything around its slides, and the slides' markup. */
export interface DeckParts {
  /**
   * A key for the page less its slides and title: the head (theme, style sheets, math, highlighting),
   * the deck element's settings and the scripts. Two renders with the same key differ only inside
   * `.slides` (and the title), which an open tab can swap in place.
   */
  frame: string;
  /** What is inside `.slides`. */
  slides: string;
}

/** The parts of a rendered deck page; undefined when it is not laid out as a deck (its tabs reload). */
export function deckParts(html: string): DeckParts | undefined {
  const start = html.indexOf(SLIDES_OPEN);
  if (start < 0) return undefined;
  const scripts = html.indexOf('<script', start);
  // The last two </div> before the scripts close .slides and .reveal.
  const closeReveal = scripts < 0 ? -1 : html.lastIndexOf('</div>', scripts);
  const closeSlides = closeReveal < 0 ? -1 : html.lastIndexOf('</div>', closeReveal - 1);
  if (closeSlides <= start) return undefined;
  const head = html.slice(0, start).replace(/<title>[^<]*<\/title>/, '<title></title>');
  const frame = createHash('sha256').update(head).update(html.slice(closeSlides)).digest('hex').slice(0, 16);
  return { frame, slides: html.slice(start + SLIDES_OPEN.length, closeSlides) };
}

/** What an open tab of a deck needs to show its new render without reloading. */
export interface DeckUpdate extends DeckParts {
  title: string;
  /** The deck's math.css, when it has math: the tab adopts it in place of the one it loaded. */
  math?: string;
}

/** A deck's files as its tabs take them in place; undefined when they must reload. */
export function deckUpdate(files: Readonly<Record<string, string>>, title: string): DeckUpdate | undefined {
  const parts = deckParts(files[DECK_FILES.deck] ?? '');
  if (!parts) return undefined;
  const math = files[MATH_STYLESHEET];
  return { ...parts, title, ...(math !== undefined && { math }) };
}
