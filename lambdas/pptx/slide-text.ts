import { fitFontSize, type TextBlock } from './fit-text.js';
import type { PptxSlide, ShapeTypes, TextProps, TextPropsOptions } from './pptxgenjs.js';
import type { Pictures } from './prepare-pictures.js';
import { paragraph, type TextContext, type TextOptions } from './runs-to-text.js';
import { runsText, type TextRun } from './text-runs.js';

/**
 * The text pieces every slide body is built from: boxes, lists, a centred block, monospace text, and
 * the context a body is placed in. Every text stays text (selectable, editable); sizes come from
 * fitFontSize so nothing runs off its box.
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
  /** Formulas drawn and figures converted beforehand. */
  pictures: Pictures;
  /** The pptxgenjs shape names, from the instance (ShapeType is not importable without loading the library). */
  shapes: ShapeTypes;
}

export function align(ctx: TextContext): 'left' | 'right' {
  return ctx.rtl ? 'right' : 'left';
}

export function textBox(slide: PptxSlide, text: TextProps[], options: TextOptions): void {
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
export function addList(
  slide: PptxSlide,
  items: readonly { runs: TextRun[]; level: number }[],
  ctx: TextContext,
  box: { x: number; y: number; w: number; h: number },
  options: { numbered?: boolean; startAt?: number; max?: number; base?: TextOptions; name?: string } = {},
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
    ...(options.name !== undefined && { objectName: options.name }),
  });
}

export function centred(
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

export function monospaceBox(
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
