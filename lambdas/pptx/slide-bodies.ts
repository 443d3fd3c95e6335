import type { Slide } from '../core/schema.js';
import { blocksHeight, fitFontSize, type TextBlock } from './fit-text.js';
import { xmlChars } from './notes-xml.js';
import type { PptxSlide, ShapeTypes, TableCell, TextProps, TextPropsOptions } from './pptxgenjs.js';
import { paragraph, runsToText, type TextContext, type TextOptions } from './runs-to-text.js';
import { inlineRuns, runsText, type TextRun } from './text-runs.js';

/**
 * The body of each kind of content slide, as native PowerPoint objects placed in the area under the
 * title. Every text stays text (selectable, editable); sizes come from fitFontSize so nothing runs
 * off its box.
 */

/** A local image the writer embeds: its bytes, type (`png`, `jpeg`…) and size in pixels. */
export interface PptxImage {
  bytes: Uint8Array;
  type: string;
  width?: number;
  height?: number;
}

export interface BodyContext extends TextContext {
  /** The body's box, inches. */
  box: { x: number; y: number; w: number; h: number };
  images: ReadonlyMap<string, PptxImage>;
  /** The pptxgenjs shape names, from the instance (ShapeType is not importable without loading the library). */
  shapes: ShapeTypes;
}

// Types PowerPoint and LibreOffice both draw from the bytes as they are.
const EMBEDDABLE: Record<string, string> = { png: 'png', jpeg: 'jpeg', gif: 'gif' };

function align(ctx: TextContext): 'left' | 'right' {
  return ctx.rtl ? 'right' : 'left';
}

function textBox(slide: PptxSlide, text: TextProps[], options: TextOptions): void {
  slide.addText(text, { valign: 'top', fit: 'shrink', margin: [4, 8, 4, 8], ...options });
}

/** A bullet or number, with room for it beside the text at `size` points. */
export function listBullet(size: number, numbered: boolean, startAt?: number): TextPropsOptions['bullet'] {
  return numbered
    ? {
        type: 'number',
        indent: Math.round(size * 1.4),
        ...(startAt !== undefined && { numberStartAt: startAt }),
      }
    : { indent: Math.max(18, Math.round(size * 0.9)) };
}

/** A list (bulleted or numbered) of paragraphs with levels, sized to fit `box`. */
function addList(
  slide: PptxSlide,
  items: readonly { runs: TextRun[]; level: number }[],
  ctx: TextContext,
  box: { x: number; y: number; w: number; h: number },
  options: { numbered?: boolean; startAt?: number; max?: number; base?: TextOptions } = {},
): void {
  const blocks: TextBlock[] = items.map((i) => ({ text: runsText(i.runs), level: i.level }));
  const size = fitFontSize(blocks, box, options.max ?? 28, 12);
  const text = items.flatMap((item) =>
    paragraph(
      item.runs,
      ctx,
      {
        bullet: listBullet(size, options.numbered === true, options.startAt),
        ...(item.level > 0 && { indentLevel: item.level }),
        paraSpaceBefore: Math.round(size * 0.35),
        align: align(ctx),
      },
      options.base,
    ),
  );
  textBox(slide, text, {
    ...box,
    fontSize: size,
    color: ctx.style.colors.fg,
    fontFace: ctx.style.fonts.sans,
  });
}

function bullets(
  slide: PptxSlide,
  points: NonNullable<Extract<Slide, { points?: unknown }>['points']>,
  ctx: BodyContext,
) {
  const items = points.flatMap((point) =>
    typeof point === 'string'
      ? [{ runs: inlineRuns(point), level: 0 }]
      : [
          { runs: inlineRuns(point.text), level: 0 },
          ...(point.points ?? []).map((p) => ({ runs: inlineRuns(p), level: 1 })),
        ],
  );
  if (items.length > 0) addList(slide, items, ctx, ctx.box);
}

function centred(
  slide: PptxSlide,
  runs: TextRun[],
  ctx: BodyContext,
  box: BodyContext['box'],
  max: number,
  extra: TextOptions = {},
) {
  const size = fitFontSize([{ text: runsText(runs) }], box, max, 14);
  textBox(slide, paragraph(runs, ctx, { align: 'center' }), {
    ...box,
    fontSize: size,
    valign: 'middle',
    color: ctx.style.colors.heading,
    fontFace: ctx.style.fonts.sans,
    ...extra,
  });
}

function quote(slide: PptxSlide, text: string, by: string | undefined, ctx: BodyContext) {
  const { x, y, w, h } = ctx.box;
  const byH = by?.trim() ? 0.9 : 0;
  centred(slide, inlineRuns(`“${text}”`), ctx, { x: x + 0.5, y, w: w - 1, h: h - byH }, 36, {
    fontFace: ctx.style.fonts.serif,
    italic: true,
  });
  if (by?.trim()) {
    const runs = [{ text: '— ' }, ...inlineRuns(by)];
    const box = { x: x + 0.5, y: y + h - byH, w: w - 1, h: byH };
    textBox(slide, paragraph(runs, ctx, { align: ctx.rtl ? 'left' : 'right' }), {
      ...box,
      fontSize: fitFontSize([{ text: runsText(runs) }], box, 22, 12),
      color: ctx.style.colors.muted,
      fontFace: ctx.style.fonts.sans,
    });
  }
}

interface EventView {
  dateText: string;
  text: string;
}

/** A timeline: a line with a marker per event, dates and texts beside them, in date order. */
function timeline(slide: PptxSlide, events: readonly EventView[], ctx: BodyContext) {
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

function compare(
  slide: PptxSlide,
  columns: Extract<Slide, { kind: 'compare' }>['columns'],
  ctx: BodyContext,
) {
  const { x, y, w, h } = ctx.box;
  const gap = 0.3;
  const colW = (w - gap * (columns.length - 1)) / columns.length;
  const headH = 0.8;
  const headSize = Math.min(
    ...columns.map((c) => fitFontSize([{ text: c.heading }], { w: colW, h: headH }, 26, 12)),
  );
  const listBox = { w: colW - 0.2, h: h - headH - 0.2 };
  const listSize = Math.min(
    ...columns.map((c) =>
      fitFontSize(
        (c.points ?? []).map((p) => ({ text: p })),
        listBox,
        24,
        11,
      ),
    ),
  );
  columns.forEach((column, i) => {
    const col = ctx.rtl ? columns.length - 1 - i : i;
    const cx = x + (colW + gap) * col;
    slide.addShape(ctx.shapes.rect, {
      x: cx,
      y,
      w: colW,
      h,
      fill: { color: ctx.style.colors.surface },
      line: { color: ctx.style.colors.surface },
    });
    textBox(slide, paragraph(inlineRuns(column.heading), ctx, { align: align(ctx) }), {
      x: cx + 0.1,
      y: y + 0.1,
      w: colW - 0.2,
      h: headH,
      valign: 'middle',
      bold: true,
      fontSize: headSize,
      color: ctx.style.colors.heading,
      fontFace: ctx.style.fonts.sans,
    });
    const items = (column.points ?? []).map((p) => ({ runs: inlineRuns(p), level: 0 }));
    if (items.length > 0)
      addList(slide, items, ctx, { x: cx + 0.1, y: y + headH + 0.1, ...listBox }, { max: listSize });
  });
}

function table(slide: PptxSlide, header: string[], rows: string[][], ctx: BodyContext) {
  const { x, y, w, h } = ctx.box;
  const columns = Math.max(header.length, ...rows.map((r) => r.length));
  const colW = w / columns;
  const all = [header, ...rows];
  let size = 24;
  for (; size > 9; size--) {
    const height = all.reduce(
      (sum, row) => sum + Math.max(...row.map((cell) => blocksHeight([{ text: cell }], size, colW))) + 0.08,
      0,
    );
    if (height <= h) break;
  }
  const cell = (text: string, head: boolean): TableCell => ({
    text: runsToText(inlineRuns(text), ctx, head ? { bold: true } : {}) as TableCell[],
    options: {
      align: align(ctx),
      ...(head && { fill: { color: ctx.style.colors.surface }, color: ctx.style.colors.heading }),
    },
  });
  const pad = (row: string[]) => [...row, ...Array<string>(columns - row.length).fill('')];
  slide.addTable(
    [pad(header).map((c) => cell(c, true)), ...rows.map((r) => pad(r).map((c) => cell(c, false)))],
    {
      x,
      y,
      w,
      colW: Array<number>(columns).fill(colW),
      fontSize: size,
      fontFace: ctx.style.fonts.sans,
      color: ctx.style.colors.fg,
      border: { type: 'solid', pt: 1, color: ctx.style.colors.rule },
      margin: [3, 6, 3, 6],
      valign: 'middle',
    },
  );
}

function image(slide: PptxSlide, s: Extract<Slide, { kind: 'image' }>, ctx: BodyContext) {
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

function monospaceBox(
  slide: PptxSlide,
  lines: string[],
  ctx: BodyContext,
  box: BodyContext['box'],
  options: TextOptions,
) {
  const blocks = lines.map((line) => ({ text: line }));
  // Code does not wrap where it can help it: size by the longest line as well as by the height.
  const widest = Math.max(...lines.map((l) => l.length), 1);
  const byWidth = Math.floor(((box.w - 0.4) * 72) / (widest * 0.62));
  const size = Math.max(9, Math.min(fitFontSize(blocks, box, 24, 9), byWidth));
  const text = lines.flatMap((line) =>
    // Code reads left to right whatever the lecture's language.
    paragraph([{ text: line === '' ? ' ' : line }], { ...ctx, rtl: false }, { align: 'left' }),
  );
  textBox(slide, text, {
    ...box,
    fontSize: size,
    fontFace: ctx.style.fonts.mono,
    color: ctx.style.colors.fg,
    fill: { color: ctx.style.colors.surface },
    ...options,
  });
}

function math(slide: PptxSlide, s: Extract<Slide, { kind: 'math' }>, ctx: BodyContext) {
  const { x, y, w, h } = ctx.box;
  const capH = s.caption?.trim() ? 0.9 : 0;
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

/** Place the body of content slide `s`; `events` are the timeline's, already in date order with their shown dates. */
export function addSlideBody(
  slide: PptxSlide,
  s: Slide,
  ctx: BodyContext,
  events: readonly EventView[] = [],
): void {
  switch (s.kind) {
    case undefined:
    case 'bullets':
      bullets(slide, s.points ?? [], ctx);
      return;
    case 'quote':
      quote(slide, s.text, s.by, ctx);
      return;
    case 'statement':
      centred(slide, inlineRuns(s.text), ctx, ctx.box, 44);
      return;
    case 'questions':
      addList(
        slide,
        s.items.map((q) => ({ runs: inlineRuns(q), level: 0 })),
        ctx,
        ctx.box,
        { numbered: true },
      );
      return;
    case 'timeline':
      timeline(slide, events, ctx);
      return;
    case 'compare':
      compare(slide, s.columns, ctx);
      return;
    case 'table':
      table(slide, s.header, s.rows, ctx);
      return;
    case 'image':
      image(slide, s, ctx);
      return;
    case 'code':
      monospaceBox(slide, s.text.replace(/\n$/, '').split('\n'), ctx, ctx.box, { align: 'left' });
      return;
    case 'math':
      math(slide, s, ctx);
      return;
  }
}
