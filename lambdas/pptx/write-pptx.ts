import type { TemplateSet } from '../core/deck.js';
import { inlineText } from '../core/markdown.js';
import { withMath } from '../core/math/math-markup.js';
import { viewDeck } from '../core/render/deck-view.js';
import { formatDate } from '../core/render/format-date.js';
import { DEFAULT_THEME } from '../core/render/themes.js';
import type { Lecture } from '../core/schema.js';
import { type ParagraphGroup, pointGroups } from './build-timing.js';
import { finishPackage, svgFallbacks } from './finish-package.js';
import { fitFontSize, SLIDE_W } from './fit-text.js';
import { xmlChars } from './notes-xml.js';
import { loadPptxGenJS, type PptxSlide } from './pptxgenjs.js';
import { preparePictures } from './prepare-pictures.js';
import { paragraph, type TextContext } from './runs-to-text.js';
import { addSlideBody } from './slide-bodies.js';
import { listBullet, type PptxImage } from './slide-text.js';
import { inlineRuns, runsText, type TextRun } from './text-runs.js';
import { pptxStyle } from './theme-style.js';

/**
 * An editable PowerPoint file of a checked lecture: the same slides as its deck, in the same order
 * (title, a divider per section, the content slides, the Sources slides split as the deck splits
 * them), every text a native text object. No I/O: the caller hands in the local images' bytes and
 * writes the result. pptxgenjs is loaded here, on first use, so nothing that never writes a
 * PowerPoint file pays for loading it.
 */

export type { PptxImage };

export interface PptxInput {
  /** A lecture that passed checkLecture. */
  lecture: Lecture;
  templates: TemplateSet;
  /** Local images by `src` as written, with their bytes; any other image becomes a box naming it. */
  images?: ReadonlyMap<string, PptxImage>;
}

/** The PowerPoint file's content type. */
export const PPTX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

const MARGIN = 0.6;
const CONTENT_W = SLIDE_W - 2 * MARGIN;
const TITLE_BOX = { x: MARGIN, y: 0.3, w: CONTENT_W, h: 1.1 };
const BODY_BOX = { x: MARGIN, y: 1.55, w: CONTENT_W, h: 5.3 };
const FULL_BOX = { x: MARGIN, y: 0.6, w: CONTENT_W, h: 6.25 };
const CITE_BOX = { x: MARGIN, y: 6.95, w: CONTENT_W, h: 0.4 };

// Math in the deck's own view is not drawn here: the view is taken for its structure only.
const PLAIN_MATH = { render: (tex: string) => tex };

/** Write `input.lecture` as a .pptx file's bytes. */
export async function writePptx(input: PptxInput): Promise<Uint8Array> {
  const { lecture, templates } = input;
  const theme = lecture.theme ?? DEFAULT_THEME;
  const view = withMath(PLAIN_MATH, () => viewDeck(lecture, theme, '')).result;
  const style = pptxStyle(templates, theme);
  const ctx: TextContext = { style, lang: lecture.language, rtl: view.rtl };
  const PptxGen = await loadPptxGenJS();
  const pres = new PptxGen();
  pres.layout = 'LAYOUT_WIDE';
  pres.rtlMode = view.rtl;
  pres.title = xmlChars(view.titleText);
  if (lecture.author?.trim()) pres.author = xmlChars(inlineText(lecture.author));
  if (lecture.course?.trim()) pres.subject = xmlChars(inlineText(lecture.course));
  pres.theme = { headFontFace: style.fonts.sans, bodyFontFace: style.fonts.sans };

  const notes: string[] = [];
  // Per slide, the paragraph groups that appear one click at a time (the deck's fragments).
  const builds: ParagraphGroup[][] = [];
  const newSlide = (slideNotes?: string, build: ParagraphGroup[] = []) => {
    const slide = pres.addSlide();
    slide.background = { color: style.colors.bg };
    notes.push(slideNotes ?? '');
    builds.push(build);
    return slide;
  };
  const heading = (slide: PptxSlide, runs: TextRun[], box = TITLE_BOX, max = 36) => {
    slide.addText(paragraph(runs, ctx, { align: ctx.rtl ? 'right' : 'left' }), {
      ...box,
      valign: 'middle',
      fit: 'shrink',
      bold: true,
      fontSize: fitFontSize([{ text: runsText(runs) }], box, max, 14),
      color: style.colors.heading,
      fontFace: style.fonts.sans,
    });
  };

  // Title slide.
  const title = newSlide();
  const titleRuns = inlineRuns(lecture.title);
  const titleBox = { x: MARGIN, y: 1.3, w: CONTENT_W, h: 2.2 };
  title.addText(paragraph(titleRuns, ctx, { align: 'center' }), {
    ...titleBox,
    valign: 'bottom',
    fit: 'shrink',
    bold: true,
    fontSize: fitFontSize([{ text: runsText(titleRuns) }], titleBox, 48, 20),
    color: style.colors.heading,
    fontFace: style.fonts.sans,
  });
  const lines: { runs: TextRun[]; color: string }[] = [];
  if (lecture.subtitle?.trim())
    lines.push({ runs: inlineRuns(lecture.subtitle), color: style.colors.heading });
  for (const field of [lecture.course, lecture.author]) {
    if (field?.trim()) lines.push({ runs: inlineRuns(field), color: style.colors.muted });
  }
  if (lecture.date)
    lines.push({ runs: [{ text: formatDate(lecture.date, lecture.language) }], color: style.colors.muted });
  if (lines.length > 0) {
    const box = { x: MARGIN, y: 3.7, w: CONTENT_W, h: 3.0 };
    const size = fitFontSize(
      lines.map((l) => ({ text: runsText(l.runs) })),
      box,
      26,
      12,
    );
    title.addText(
      lines.flatMap((l) =>
        paragraph(l.runs, ctx, { align: 'center', paraSpaceBefore: 6 }, { color: l.color }),
      ),
      { ...box, valign: 'top', fit: 'shrink', fontSize: size, fontFace: style.fonts.sans },
    );
  }

  const shapes = pres.ShapeType;
  const images = input.images ?? new Map<string, PptxImage>();
  const pictures = await preparePictures(lecture, images, style.colors.fg);
  lecture.sections.forEach((section, s) => {
    const divider = newSlide();
    divider.addText(paragraph([{ text: String(s + 1) }], ctx, { align: 'center' }), {
      x: MARGIN,
      y: 1.9,
      w: CONTENT_W,
      h: 1.0,
      valign: 'bottom',
      fontSize: 32,
      bold: true,
      color: style.colors.accent,
      fontFace: style.fonts.sans,
    });
    const runs = inlineRuns(section.title);
    const box = { x: MARGIN, y: 3.0, w: CONTENT_W, h: 2.4 };
    divider.addText(paragraph(runs, ctx, { align: 'center' }), {
      ...box,
      valign: 'top',
      fit: 'shrink',
      bold: true,
      fontSize: fitFontSize([{ text: runsText(runs) }], box, 44, 18),
      color: style.colors.heading,
      fontFace: style.fonts.sans,
    });
    section.slides.forEach((content, i) => {
      const slideView = view.sections[s]?.slides[i];
      const slide = newSlide(content.notes, fragmentGroups(content));
      const titleText =
        content.kind === 'questions' && !content.title?.trim() ? view.words.discussion : content.title;
      const hasTitle = titleText !== undefined && titleText.trim() !== '';
      if (hasTitle) heading(slide, inlineRuns(titleText));
      const events =
        content.kind === 'timeline'
          ? [...content.events]
              .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
              .map((e) => ({ dateText: e.label ?? formatDate(e.date, lecture.language), text: e.text }))
          : [];
      addSlideBody(
        slide,
        content,
        { ...ctx, box: hasTitle ? BODY_BOX : FULL_BOX, images, pictures, shapes },
        events,
      );
      if (slideView?.cite) {
        slide.addText(paragraph([{ text: slideView.cite }], ctx, { align: ctx.rtl ? 'left' : 'right' }), {
          ...CITE_BOX,
          fontSize: 14,
          color: style.colors.muted,
          fontFace: style.fonts.sans,
          objectName: xmlChars(view.words.cited),
        });
      }
    });
  });

  for (const page of view.sourcePages) {
    const slide = newSlide();
    heading(slide, [{ text: page.headingText }]);
    const items = page.sources.map((source) => {
      const runs: TextRun[] = inlineRuns(lecture.sources[source.number - 1]?.text ?? source.plainText);
      if (source.url) runs.push({ text: ' ' }, { text: source.url, link: source.url });
      return runs;
    });
    const size = fitFontSize(
      items.map((runs) => ({ text: runsText(runs) })),
      BODY_BOX,
      22,
      11,
    );
    slide.addText(
      items.flatMap((runs) =>
        paragraph(runs, ctx, {
          bullet: listBullet(size, true, page.start),
          paraSpaceBefore: 6,
          align: ctx.rtl ? 'right' : 'left',
        }),
      ),
      {
        ...BODY_BOX,
        valign: 'top',
        fit: 'shrink',
        fontSize: size,
        color: style.colors.fg,
        fontFace: style.fonts.sans,
      },
    );
  }

  const written = (await pres.write({ outputType: 'nodebuffer', compression: false })) as Buffer;
  return finishPackage(written, notes, {
    lang: lecture.language,
    rtl: view.rtl,
    mono: style.fonts.mono,
    svgFallbacks: svgFallbacks(pictures),
    builds,
  });
}

/** A points slide's fragments: each top-level point with the points under it. */
function fragmentGroups(slide: Lecture['sections'][number]['slides'][number]): ParagraphGroup[] {
  if ((slide.kind !== undefined && slide.kind !== 'bullets') || slide.fragments !== true) return [];
  return pointGroups((slide.points ?? []).map((p) => (typeof p === 'string' ? 0 : (p.points?.length ?? 0))));
}
