import type { Token } from 'markdown-it';
import { inlineTokens, notesTokens } from '../core/markdown.js';

/**
 * The lecture's inline Markdown as runs of plain text with their marks, the shape a presentation
 * writer places (a PowerPoint paragraph is a list of runs, each with its own bold, italic, font, link).
 */

export interface TextRun {
  text: string;
  bold?: boolean;
  italic?: boolean;
  /** Inline code: set in the monospace face. */
  code?: boolean;
  /** TeX of a formula, shown as written in the monospace face (no office suite draws KaTeX's HTML). */
  math?: boolean;
  /** http(s) or mailto target; markdown-it has already dropped any other. */
  link?: string;
}

/** A paragraph of notes, or one item of a `- ` list in them. */
export interface NoteBlock {
  item: boolean;
  runs: TextRun[];
}

function sameMarks(a: TextRun, b: TextRun): boolean {
  return (
    a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.math === b.math && a.link === b.link
  );
}

function runsOf(children: readonly Token[]): TextRun[] {
  const runs: TextRun[] = [];
  let bold = 0;
  let italic = 0;
  let link: string | undefined;
  const push = (text: string, extra: Partial<TextRun> = {}) => {
    if (text === '') return;
    const run: TextRun = {
      text,
      ...(bold > 0 && { bold: true }),
      ...(italic > 0 && { italic: true }),
      ...(link !== undefined && { link }),
      ...extra,
    };
    const last = runs.at(-1);
    // Runs with the same marks are one run (a line break in the source splits markdown-it's text).
    if (last && sameMarks(last, run)) last.text += run.text;
    else runs.push(run);
  };
  for (const token of children) {
    switch (token.type) {
      case 'text':
        push(token.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        push(' ');
        break;
      case 'code_inline':
        push(token.content, { code: true });
        break;
      case 'math':
        push(token.content, { math: true });
        break;
      case 'strong_open':
        bold++;
        break;
      case 'strong_close':
        bold--;
        break;
      case 'em_open':
        italic++;
        break;
      case 'em_close':
        italic--;
        break;
      case 'link_open':
        link = String(token.attrGet('href') ?? '') || undefined;
        break;
      case 'link_close':
        link = undefined;
        break;
      default:
        push(token.content);
    }
  }
  return runs;
}

/** One text field's inline Markdown as runs. */
export function inlineRuns(text: string): TextRun[] {
  return runsOf(inlineTokens(text));
}

/** Speaker notes as paragraphs and list items, each a list of runs, in order. */
export function noteBlocks(text: string): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  let depth = 0;
  for (const token of notesTokens(text)) {
    if (token.type === 'bullet_list_open' || token.type === 'ordered_list_open') depth++;
    else if (token.type === 'bullet_list_close' || token.type === 'ordered_list_close') depth--;
    else if (token.type === 'inline') blocks.push({ item: depth > 0, runs: runsOf(token.children ?? []) });
  }
  return blocks;
}

/** The plain text of runs, to measure it. */
export function runsText(runs: readonly TextRun[]): string {
  return runs.map((r) => r.text).join('');
}
