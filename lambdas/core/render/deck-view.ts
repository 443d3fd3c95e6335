import { inlineText, renderInline } from '../markdown.js';
import type { Lecture } from '../schema.js';
import { type SlideView, viewSlide } from './slide-view.js';

/** Sources listed on one closing slide; a long list is split so every slide stays readable. */
export const SOURCES_PER_SLIDE = 8;

export interface SourceView {
  number: number;
  textHtml: string;
  /** http(s) only; anything else is dropped rather than linked. */
  url: string | null;
}

export interface DeckView {
  id: string;
  lang: string;
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
  };
  sections: { number: number; titleHtml: string; slides: SlideView[] }[];
  sources: SourceView[];
  sourcePages: { headingText: string; start: number; sources: SourceView[] }[];
  /** Reveal slides in the deck: title + dividers + content + sources slides. */
  slideCount: number;
}

function optionalHtml(text: string | undefined): string | null {
  return text === undefined || text.trim() === '' ? null : renderInline(text);
}

function paginateSources(sources: SourceView[]): DeckView['sourcePages'] {
  const pages = Math.ceil(sources.length / SOURCES_PER_SLIDE);
  return Array.from({ length: pages }, (_, i) => ({
    headingText: pages > 1 ? `Sources (${i + 1}/${pages})` : 'Sources',
    start: i * SOURCES_PER_SLIDE + 1,
    sources: sources.slice(i * SOURCES_PER_SLIDE, (i + 1) * SOURCES_PER_SLIDE),
  }));
}

/** Build everything the deck and handout templates show, so the templates only place it. */
export function viewDeck(lecture: Lecture, theme: string, assetsBase: string): DeckView {
  const sourceNumber = new Map(lecture.sources.map((s, i) => [s.id, i + 1]));
  const sources = lecture.sources.map((s, i) => ({
    number: i + 1,
    textHtml: renderInline(s.text),
    url: s.url !== undefined && /^https?:\/\//i.test(s.url) ? s.url : null,
  }));
  const sections = lecture.sections.map((section, i) => ({
    number: i + 1,
    titleHtml: renderInline(section.title),
    slides: section.slides.map((slide) => viewSlide(slide, sourceNumber)),
  }));
  const sourcePages = paginateSources(sources);
  const contentSlides = sections.reduce((n, s) => n + s.slides.length, 0);
  return {
    id: lecture.id,
    lang: lecture.language,
    titleText: inlineText(lecture.title),
    theme,
    assetsBase,
    titleSlide: {
      titleHtml: renderInline(lecture.title),
      subtitleHtml: optionalHtml(lecture.subtitle),
      courseHtml: optionalHtml(lecture.course),
      authorHtml: optionalHtml(lecture.author),
      date: lecture.date ?? null,
    },
    sections,
    sources,
    sourcePages,
    slideCount: 1 + sections.length + contentSlides + sourcePages.length,
  };
}
