import { inlineText, renderInline } from '../markdown.js';
import type { Lecture } from '../schema.js';
import { formatDate } from './format-date.js';
import { type MediaUrl, type SlideView, viewSlide } from './slide-view.js';
import { textDirection } from './text-direction.js';
import { generatedWords, type Words } from './words.js';

/** At most this many sources on one closing slide; a long list is split so every slide stays readable. */
export const SOURCES_PER_SLIDE = 8;

/**
 * Long sources fill a slide before eight do. At the Sources slide's type size (lectern-base.css: 0.6em
 * of 40px on a 960×700 slide) a line holds about 60 characters and the slide about 18 lines under its
 * heading; these budgets stay below both, measured in Chromium (test/browser/looks.test.ts).
 */
const SOURCE_LINE_CHARS = 56;
const SOURCE_LINES_PER_SLIDE = 15;

export interface SourceView {
  number: number;
  textHtml: string;
  /** Plain text as shown, to estimate the space it takes. */
  plainText: string;
  /** http(s) only; anything else is dropped rather than linked. */
  url: string | null;
}

export interface DeckView {
  id: string;
  lang: string;
  /** Writing direction of `lang`: `dir` on <html>, and reveal.js's `rtl` option (data-rtl on .reveal). */
  dir: 'ltr' | 'rtl';
  /** `dir === 'rtl'`, for the template's condition. */
  rtl: boolean;
  /** Plain text for <title>. */
  titleText: string;
  theme: string;
  assetsBase: string;
  titleSlide: {
    titleHtml: string;
    subtitleHtml: string | null;
    courseHtml: string | null;
    authorHtml: string | null;
    date: string | null;
    /** The date as a reader says it, in the lecture's language. */
    dateText: string | null;
  };
  sections: { number: number; titleHtml: string; slides: SlideView[] }[];
  sources: SourceView[];
  sourcePages: { headingText: string; start: number; sources: SourceView[] }[];
  /** The words Lectern writes itself, in the lecture's language or as the lecture's `labels` set them. */
  words: Words;
  /** Reveal slides in the deck: title + dividers + content + sources slides. */
  slideCount: number;
}

function optionalHtml(text: string | undefined): string | null {
  return text === undefined || text.trim() === '' ? null : renderInline(text);
}

/** Lines a source takes on the Sources slide, its URL included, plus a little for the gap after it. */
function sourceLines(source: SourceView): number {
  const chars = source.plainText.length + (source.url ? source.url.length + 1 : 0);
  return Math.ceil(chars / SOURCE_LINE_CHARS) + 0.25;
}

function paginateSources(sources: SourceView[], words: Words): DeckView['sourcePages'] {
  const groups: SourceView[][] = [];
  let lines = 0;
  for (const source of sources) {
    const current = groups.at(-1);
    const needed = sourceLines(source);
    if (current && current.length < SOURCES_PER_SLIDE && lines + needed <= SOURCE_LINES_PER_SLIDE) {
      current.push(source);
      lines += needed;
    } else {
      groups.push([source]);
      lines = needed;
    }
  }
  return groups.map((group, i) => ({
    headingText:
      groups.length === 1
        ? words.sources
        : `${words.sources}${i > 0 ? `, ${words.continued}` : ''} (${i + 1}/${groups.length})`,
    start: group[0]?.number ?? 1,
    sources: group,
  }));
}

/** Build everything the deck and handout templates show, so the templates only place it. */
export function viewDeck(
  lecture: Lecture,
  theme: string,
  assetsBase: string,
  mediaUrl: MediaUrl = (src) => src,
): DeckView {
  const words = generatedWords(lecture.language, lecture.labels);
  const sourceNumber = new Map(lecture.sources.map((s, i) => [s.id, i + 1]));
  const sources = lecture.sources.map((s, i) => ({
    number: i + 1,
    textHtml: renderInline(s.text),
    plainText: inlineText(s.text),
    url: s.url !== undefined && /^https?:\/\//i.test(s.url) ? s.url : null,
  }));
  const sections = lecture.sections.map((section, i) => ({
    number: i + 1,
    titleHtml: renderInline(section.title),
    slides: section.slides.map((slide) => viewSlide(slide, sourceNumber, lecture.language, words, mediaUrl)),
  }));
  const sourcePages = paginateSources(sources, words);
  const contentSlides = sections.reduce((n, s) => n + s.slides.length, 0);
  const dir = textDirection(lecture.language);
  return {
    id: lecture.id,
    lang: lecture.language,
    dir,
    rtl: dir === 'rtl',
    titleText: inlineText(lecture.title),
    theme,
    assetsBase,
    titleSlide: {
      titleHtml: renderInline(lecture.title),
      subtitleHtml: optionalHtml(lecture.subtitle),
      courseHtml: optionalHtml(lecture.course),
      authorHtml: optionalHtml(lecture.author),
      date: lecture.date ?? null,
      dateText: lecture.date ? formatDate(lecture.date, lecture.language) : null,
    },
    sections,
    sources,
    sourcePages,
    words,
    slideCount: 1 + sections.length + contentSlides + sourcePages.length,
  };
}
