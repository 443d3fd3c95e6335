import type { Slide } from '../core/schema.js';
import { BUILD_LIST_NAME } from './build-timing.js';
import { blocksHeight, fitFontSize } from './fit-text.js';
import type { PptxSlide, TableCell } from './pptxgenjs.js';
import { paragraph, runsToText } from './runs-to-text.js';
import { type EventView, image, math, timeline } from './slide-figures.js';
import { addList, align, type BodyContext, centred, monospaceBox, textBox } from './slide-text.js';
import { inlineRuns, runsText } from './text-runs.js';

/**
 * The body of each kind of content slide, as native PowerPoint objects placed in the area under the
 * title (the text pieces are in slide-text.ts, the drawn bodies in slide-figures.ts).
 */

function bullets(
  slide: PptxSlide,
  points: NonNullable<Extract<Slide, { points?: unknown }>['points']>,
  ctx: BodyContext,
  fragments: boolean,
) {
  const items = points.flatMap((point) =>
    typeof point === 'string'
      ? [{ runs: inlineRuns(point), level: 0 }]
      : [
          { runs: inlineRuns(point.text), level: 0 },
          ...(point.points ?? []).map((p) => ({ runs: inlineRuns(p), level: 1 })),
        ],
  );
  if (items.length > 0) addList(slide, items, ctx, ctx.box, fragments ? { name: BUILD_LIST_NAME } : {});
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
      bullets(slide, s.points ?? [], ctx, s.fragments === true);
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
