import type { Slide } from '../core/schema.js';
import { fitFontSize } from './fit-text.js';
import { xmlChars } from './notes-xml.js';
import type { PptxSlide } from './pptxgenjs.js';
import type { Picture } from './prepare-pictures.js';
import { paragraph } from './runs-to-text.js';
import { align, type BodyContext, monospaceBox, textBox } from './slide-text.js';
import { inlineRuns, runsText, type TextRun } from './text-runs.js';

/** The drawn slide bodies: a timeline as shapes, an embedded image, a formula. */

// Types PowerPoint and LibreOffice both draw from the bytes as they are.
const EMBEDDABLE: Record<string, string> = { png: 'png', jpeg: 'jpeg', gif: 'gif' };

export interface EventView {
  dateText: string;
  text: string;
}

/** A timeline: a line with a marker per event, dates and texts beside them, in date order. */
export function timeline(slide: PptxSlide, events: readonly EventView[], ctx: BodyContext) {
  const { x, y, w, h } = ctx.box;
  const { accent, rule, fg } = ctx.style.colors;
  const n = events.length;
  const marker = 0.22;
  if (n <= 6) {
    const lineY = y + 1.2;
    slide.addShape(ctx.shapes.line, { x, y: lineY, w, h: 0, line: { color: rule, width: 2 } });
    const colW = w / n;
    const textBoxH = h - 1.55;
    const dateSize = Math.min(
      ...events.map((e) => fitFontSize([{ text: e.dateText }], { w: colW, h: 0.95 }, 22, 11)),
    );
    const textSize = Math.min(
      ...events.map((e) => fitFontSize([{ text: e.text }], { w: colW, h: textBoxH }, 22, 10)),
    );
    events.forEach((event, i) => {
      // Right to left: the earliest event on the right.
      const col = ctx.rtl ? n - 1 - i : i;
      const cx = x + colW * col + colW / 2;
      slide.addShape(ctx.shapes.ellipse, {
        x: cx - marker / 2,
        y: lineY - marker / 2,
        w: marker,
        h: marker,
        fill: { color: accent },
        line: { color: accent },
      });
      textBox(slide, paragraph([{ text: event.dateText }], ctx, { align: 'center' }), {
        x: x + colW * col,
        y: y + 0.15,
        w: colW,
        h: 0.95,
        valign: 'bottom',
        bold: true,
        fontSize: dateSize,
        color: accent,
        fontFace: ctx.style.fonts.sans,
      });
      textBox(slide, paragraph(inlineRuns(event.text), ctx, { align: 'center' }), {
        x: x + colW * col,
        y: lineY + 0.3,
        w: colW,
        h: textBoxH,
        fontSize: textSize,
        color: fg,
        fontFace: ctx.style.fonts.sans,
      });
    });
    return;
  }
  // Many events: a vertical line, one row per event.
  const dateW = 2.4;
  const lineX = ctx.rtl ? x + w - dateW - 0.3 : x + dateW + 0.3;
  const rowH = h / n;
  slide.addShape(ctx.shapes.line, { x: lineX, y, w: 0, h, line: { color: rule, width: 2 } });
  const textW = w - dateW - 0.7;
  const dateSize = Math.min(
    ...events.map((e) => fitFontSize([{ text: e.dateText }], { w: dateW, h: rowH }, 20, 9)),
  );
  const textSize = Math.min(
    ...events.map((e) => fitFontSize([{ text: e.text }], { w: textW, h: rowH }, 20, 9)),
  );
  events.forEach((event, i) => {
    const rowY = y + rowH * i;
    slide.addShape(ctx.shapes.ellipse, {
      x: lineX - marker / 2,
      y: rowY + rowH / 2 - marker / 2,
      w: marker,
      h: marker,
      fill: { color: accent },
      line: { color: accent },
    });
    textBox(slide, paragraph([{ text: event.dateText }], ctx, { align: ctx.rtl ? 'left' : 'right' }), {
      x: ctx.rtl ? lineX + 0.3 : x,
      y: rowY,
      w: dateW,
      h: rowH,
      valign: 'middle',
      bold: true,
      fontSize: dateSize,
      color: accent,
      fontFace: ctx.style.fonts.sans,
    });
    textBox(slide, paragraph(inlineRuns(event.text), ctx, { align: align(ctx) }), {
      x: ctx.rtl ? x : lineX + 0.3,
      y: rowY,
      w: textW,
      h: rowH,
      valign: 'middle',
      fontSize: textSize,
      color: fg,
      fontFace: ctx.style.fonts.sans,
    });
  });
}

export function image(slide: PptxSlide, s: Extract<Slide, { kind: 'image' }>, ctx: BodyContext) {
  const { x, y, w, h } = ctx.box;
  const captionRuns = [
    ...(s.caption?.trim() ? inlineRuns(s.caption) : []),
    ...(s.caption?.trim() && s.credit?.trim() ? [{ text: ' — ' }] : []),
    ...(s.credit?.trim() ? inlineRuns(s.credit).map((r) => ({ ...r, italic: true })) : []),
  ];
  const capH = captionRuns.length > 0 ? 0.7 : 0;
  const area = { x, y, w, h: h - capH };
  const found = ctx.images.get(s.src);
  const type = found && EMBEDDABLE[found.type];
  const converted = ctx.pictures.figures.get(s.src);
  if (found && type && found.width && found.height) {
    const scale = Math.min(area.w / found.width, area.h / found.height);
    const iw = found.width * scale;
    const ih = found.height * scale;
    slide.addImage({
      data: `image/${type};base64,${Buffer.from(found.bytes).toString('base64')}`,
      x: x + (area.w - iw) / 2,
      y: y + (area.h - ih) / 2,
      w: iw,
      h: ih,
      altText: xmlChars(s.alt),
    });
  } else if (converted) {
    const scale = Math.min(area.w / converted.width, area.h / converted.height);
    placePicture(slide, converted, {
      x: x + (area.w - converted.width * scale) / 2,
      y: y + (area.h - converted.height * scale) / 2,
      w: converted.width * scale,
      h: converted.height * scale,
      altText: xmlChars(s.alt),
    });
  } else {
    // A remote image (never fetched) or a type office suites do not all draw: a framed box that says
    // what the picture shows and where it is.
    const runs: TextRun[] = [{ text: s.alt }];
    const where: TextRun[] = /^https:/i.test(s.src) ? [{ text: s.src, link: s.src }] : [{ text: s.src }];
    textBox(
      slide,
      [
        ...paragraph(runs, ctx, { align: 'center' }),
        ...paragraph(where, ctx, { align: 'center' }, { fontSize: 14 }),
      ],
      {
        ...area,
        valign: 'middle',
        fontSize: fitFontSize([{ text: s.alt }, { text: s.src }], area, 24, 12),
        color: ctx.style.colors.muted,
        fontFace: ctx.style.fonts.sans,
        line: { color: ctx.style.colors.rule, width: 1, dashType: 'dash' },
        objectName: xmlChars(`Image: ${s.alt}`.slice(0, 200)),
      },
    );
  }
  if (capH > 0) {
    const box = { x, y: y + h - capH, w, h: capH };
    textBox(slide, paragraph(captionRuns, ctx, { align: 'center' }), {
      ...box,
      fontSize: fitFontSize([{ text: runsText(captionRuns) }], box, 18, 10),
      color: ctx.style.colors.muted,
      fontFace: ctx.style.fonts.sans,
    });
  }
}

/**
 * A picture: an SVG one as SVG with its PNG beside it (pptxgenjs writes a placeholder there, which
 * finishing the package replaces with `picture.png`), any other as its PNG.
 */
function placePicture(
  slide: PptxSlide,
  picture: Picture,
  place: { x: number; y: number; w: number; h: number; altText: string },
) {
  const data = picture.svg
    ? `image/svg+xml;base64,${Buffer.from(picture.svg).toString('base64')}`
    : `image/png;base64,${Buffer.from(picture.png).toString('base64')}`;
  slide.addImage({ data, ...place });
}

// A formula's text size on its slide, points, before it is shrunk to fit.
const FORMULA_PT = 44;

export function math(slide: PptxSlide, s: Extract<Slide, { kind: 'math' }>, ctx: BodyContext) {
  const { x, y, w, h } = ctx.box;
  const capH = s.caption?.trim() ? 0.9 : 0;
  const drawn = ctx.pictures.formulas.get(s.tex);
  if (drawn?.em) {
    // The formula as a picture, its TeX the picture's description, centred in the space above the caption.
    const area = { x: x + 0.3, y: y + 0.2, w: w - 0.6, h: h - capH - 0.4 };
    const natural = { w: (drawn.em.w * FORMULA_PT) / 72, h: (drawn.em.h * FORMULA_PT) / 72 };
    const scale = Math.min(1, area.w / natural.w, area.h / natural.h);
    const pw = natural.w * scale;
    const ph = natural.h * scale;
    placePicture(slide, drawn, {
      x: area.x + (area.w - pw) / 2,
      y: area.y + (area.h - ph) / 2,
      w: pw,
      h: ph,
      altText: xmlChars(s.tex),
    });
  } else
    monospaceBox(
      slide,
      s.tex.split('\n'),
      ctx,
      { x: x + 0.5, y: y + 0.3, w: w - 1, h: h - capH - 0.6 },
      {
        align: 'center',
        valign: 'middle',
        objectName: 'Formula (TeX)',
      },
    );
  if (s.caption?.trim()) {
    const box = { x, y: y + h - capH, w, h: capH };
    const runs = inlineRuns(s.caption);
    textBox(slide, paragraph(runs, ctx, { align: 'center' }), {
      ...box,
      fontSize: fitFontSize([{ text: runsText(runs) }], box, 20, 10),
      color: ctx.style.colors.muted,
      fontFace: ctx.style.fonts.sans,
    });
  }
}
