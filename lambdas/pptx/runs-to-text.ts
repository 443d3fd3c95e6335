import { xmlChars } from './notes-xml.js';
import type { TextProps, TextPropsOptions } from './pptxgenjs.js';
import type { TextRun } from './text-runs.js';
import type { PptxStyle } from './theme-style.js';

/** What every run on a slide shares: the lecture's language and direction, and the theme. */
export interface TextContext {
  style: PptxStyle;
  lang: string;
  rtl: boolean;
}

export type TextOptions = TextPropsOptions;

/** Runs as pptxgenjs text objects, with the theme's faces and link colour and the lecture's language. */
export function runsToText(runs: readonly TextRun[], ctx: TextContext, base: TextOptions = {}): TextProps[] {
  return runs.map((run) => {
    const options: TextOptions = { ...base, lang: ctx.lang };
    if (ctx.rtl) options.rtlMode = true;
    if (run.bold) options.bold = true;
    if (run.italic) options.italic = true;
    if (run.code || run.math) {
      options.fontFace = ctx.style.fonts.mono;
      options.color = ctx.style.colors.accent;
    }
    if (run.link) {
      options.hyperlink = { url: run.link };
      options.color = ctx.style.colors.link;
      options.underline = { style: 'sng' };
    }
    return { text: xmlChars(run.text), options };
  });
}

/**
 * One paragraph: its runs, with the paragraph's own options (bullet, level, alignment) on the first
 * (pptxgenjs reads them there) and a paragraph break after the last.
 */
export function paragraph(
  runs: readonly TextRun[],
  ctx: TextContext,
  paragraphOptions: TextOptions = {},
  base: TextOptions = {},
): TextProps[] {
  const text = runsToText(runs.length > 0 ? runs : [{ text: '' }], ctx, base);
  const first = text[0] as TextProps;
  first.options = { ...first.options, ...paragraphOptions };
  const last = text[text.length - 1] as TextProps;
  last.options = { ...last.options, breakLine: true };
  return text;
}
