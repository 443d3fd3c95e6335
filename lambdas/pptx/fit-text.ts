/**
 * Text that fits its box: PowerPoint's "shrink text on overflow" is applied only when the file is
 * edited, and not by every reader, so the writer chooses the type size itself from an estimate of
 * how many lines the text wraps to, and still marks the box to shrink as a second guard.
 */

/** The 16:9 slide, in inches (PowerPoint's "widescreen"). */
export const SLIDE_W = 13.333;
export const SLIDE_H = 7.5;

export interface TextBlock {
  text: string;
  /** List level (0 or 1): a nested point is indented and narrower. */
  level?: number;
}

const LINE_HEIGHT = 1.2;
/** Space before each paragraph after the first, in lines. */
const PARAGRAPH_GAP = 0.35;
const INDENT_IN = 0.45;
/** The box's own inner margins (PowerPoint's default insets), in inches. */
const INSET_W = 0.2;
const INSET_H = 0.1;

/** Width of one character in em: East Asian wide characters a full em, others about half. */
function charEm(code: number): number {
  if (
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0xffe0 && code <= 0xffe6) ||
    code >= 0x20000
  ) {
    return 1;
  }
  if (code === 0x20) return 0.28;
  if (code >= 0x41 && code <= 0x5a) return 0.66;
  return 0.55;
}

/** The width of `text` in em. */
export function textEm(text: string): number {
  let em = 0;
  for (const ch of text) em += charEm(ch.codePointAt(0) ?? 0);
  return em;
}

/** Lines `text` wraps to at `size` points in a box `width` inches wide (word wrap wastes about a tenth). */
function wrappedLines(text: string, size: number, width: number): number {
  const lineEm = (width * 72) / size;
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil((textEm(line) * 1.1) / lineEm)), 0);
}

/** The height, in inches, that `blocks` take at `size` points in a box `width` inches wide. */
export function blocksHeight(blocks: readonly TextBlock[], size: number, width: number): number {
  const inner = width - INSET_W;
  let lines = 0;
  blocks.forEach((block, i) => {
    lines += wrappedLines(block.text, size, inner - (block.level ?? 0) * INDENT_IN - 0.35);
    if (i > 0) lines += PARAGRAPH_GAP;
  });
  return (lines * size * LINE_HEIGHT) / 72 + INSET_H;
}

/**
 * The largest whole point size from `max` down to `min` at which `blocks` fit a `width`×`height`
 * inch box; `min` when none does (the box is then also marked to shrink).
 */
export function fitFontSize(
  blocks: readonly TextBlock[],
  box: { w: number; h: number },
  max: number,
  min = 12,
): number {
  for (let size = max; size > min; size--) {
    if (blocksHeight(blocks, size, box.w) <= box.h) return size;
  }
  return min;
}
