import { renderInline, renderNotes } from '../markdown.js';
import { renderMath } from '../math/math-markup.js';
import type { Point, Slide, SlideKind } from '../schema.js';
import { formatDate } from './format-date.js';
import { generatedWords, type Words } from './words.js';

/**
 * The view of one content slide: every text already rendered to safe HTML (fields named `…Html`),
 * every field present (null when absent) so the strict templates can tell a typo from an empty value.
 */
export interface SlideView {
  kind: SlideKind;
  id: string | null;
  titleHtml: string | null;
  /** Source numbers as shown on the slide, e.g. "[1, 3]"; null when the slide cites nothing. */
  cite: string | null;
  /** What the numbers are ("Sources cited"), in the lecture's language. */
  citeLabel: string;
  /** The notes as HTML blocks (paragraphs and lists); null when the slide has none. */
  notesHtml: string | null;
  /** Fields for the kind's partial (templates/partials/<kind>.hbs). */
  body: Record<string, unknown>;
}

interface PointView {
  html: string;
  fragment: boolean;
  points: { html: string }[];
}

function optionalHtml(text: string | undefined): string | null {
  return text === undefined || text.trim() === '' ? null : renderInline(text);
}

function viewPoint(point: Point, fragment: boolean): PointView {
  if (typeof point === 'string') return { html: renderInline(point), fragment, points: [] };
  return {
    html: renderInline(point.text),
    fragment,
    points: (point.points ?? []).map((p) => ({ html: renderInline(p) })),
  };
}

/** The URL a deck uses for an image's `src`: itself for an https URL, the content-named file under media/ for a local one. */
export type MediaUrl = (src: string) => string;

function viewBody(
  slide: Slide,
  lang: string,
  mediaUrl: MediaUrl,
): { kind: SlideKind; body: Record<string, unknown> } {
  switch (slide.kind) {
    case undefined:
    case 'bullets':
      return {
        kind: 'bullets',
        body: { points: (slide.points ?? []).map((p) => viewPoint(p, slide.fragments === true)) },
      };
    case 'quote':
      return {
        kind: slide.kind,
        body: { textHtml: renderInline(slide.text), byHtml: optionalHtml(slide.by) },
      };
    case 'timeline': {
      // Array.prototype.sort is stable, so events sharing a date keep their written order (the format promises it).
      // Zero-padded YYYY[-MM[-DD]] strings sort correctly as text; a bare year comes before its months.
      const events = [...slide.events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
      return {
        kind: slide.kind,
        body: {
          events: events.map((e) => ({
            date: e.date,
            dateText: e.label ?? formatDate(e.date, lang),
            textHtml: renderInline(e.text),
          })),
        },
      };
    }
    case 'compare':
      return {
        kind: slide.kind,
        body: {
          count: slide.columns.length,
          columns: slide.columns.map((c) => ({
            headingHtml: renderInline(c.heading),
            points: (c.points ?? []).map((p) => ({ html: renderInline(p) })),
          })),
        },
      };
    case 'table':
      return {
        kind: slide.kind,
        body: {
          header: slide.header.map((h) => ({ html: renderInline(h) })),
          rows: slide.rows.map((row) => ({ cells: row.map((c) => ({ html: renderInline(c) })) })),
        },
      };
    case 'image':
      return {
        kind: slide.kind,
        body: {
          // Attributes are escaped by the template; a local file becomes its URL under media/.
          src: mediaUrl(slide.src),
          alt: slide.alt,
          hasCaption: optionalHtml(slide.caption) !== null || optionalHtml(slide.credit) !== null,
          captionHtml: optionalHtml(slide.caption),
          creditHtml: optionalHtml(slide.credit),
        },
      };
    case 'statement':
      return { kind: slide.kind, body: { textHtml: renderInline(slide.text) } };
    case 'questions':
      return { kind: slide.kind, body: { items: slide.items.map((q) => ({ html: renderInline(q) })) } };
    case 'code':
      return { kind: slide.kind, body: { language: slide.language ?? 'plaintext', text: slide.text } };
    case 'math':
      return {
        kind: slide.kind,
        body: { mathHtml: renderMath(slide.tex, true), captionHtml: optionalHtml(slide.caption) },
      };
  }
}

/**
 * Build the view of one content slide; `sourceNumber` maps a source id to its number on the Sources
 * slide, and `lang` (the lecture's language) is what dates are written in.
 */
export function viewSlide(
  slide: Slide,
  sourceNumber: ReadonlyMap<string, number>,
  lang = 'en',
  words: Words = generatedWords(lang),
  mediaUrl: MediaUrl = (src) => src,
): SlideView {
  const { kind, body } = viewBody(slide, lang, mediaUrl);
  // An empty title on a questions slide means the default heading, as an absent one does.
  const title = kind === 'questions' && !slide.title?.trim() ? words.discussion : slide.title;
  const numbers = [...new Set((slide.cite ?? []).map((id) => sourceNumber.get(id)))]
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
  return {
    kind,
    id: slide.id ?? null,
    titleHtml: optionalHtml(title),
    cite: numbers.length > 0 ? `[${numbers.join(', ')}]` : null,
    citeLabel: words.cited,
    notesHtml: slide.notes?.trim() ? renderNotes(slide.notes) : null,
    body,
  };
}
