import type { MarkdownIt } from 'markdown-it';
import { LecternError } from '../errors.js';
import type { MathEngine } from './math-engine.js';

/**
 * Math in text fields: `\(…\)` inline and `\[…\]` display, parsed as a markdown-it inline rule so
 * that code spans and escapes keep their meaning (`` `\(x\)` `` stays code). A `$` is a dollar.
 *
 * KaTeX sizes its boxes with style attributes, which the site's policy (style-src without
 * 'unsafe-inline') would drop. Each distinct style becomes a numbered rule of the deck's own
 * stylesheet instead, and the element carries the number.
 */

/** The state of one deck's rendering: the engine, and the styles moved out of the markup so far. */
export interface MathContext {
  engine: MathEngine;
  styles: Map<string, number>;
  formulas: number;
}

let active: MathContext | undefined;

/**
 * Run `render` with `engine` drawing its math; returns its result, how many formulas it drew, and
 * the stylesheet they need.
 */
export function withMath<T>(
  engine: MathEngine | undefined,
  render: () => T,
): { result: T; formulas: number; css: string } {
  const previous = active;
  const context = engine ? { engine, styles: new Map<string, number>(), formulas: 0 } : undefined;
  active = context;
  try {
    const result = render();
    return { result, formulas: context?.formulas ?? 0, css: context ? mathStylesheet(context.styles) : '' };
  } finally {
    active = previous;
  }
}

/** Render TeX for the deck being rendered. */
export function renderMath(tex: string, display: boolean): string {
  if (!active) {
    throw new LecternError(
      'math-unavailable',
      'The lecture has math, and no math renderer was given to draw it',
    );
  }
  const styles = active.styles;
  active.formulas++;
  return active.engine.render(tex, display).replace(/ style="([^"]*)"/g, (_, css: string) => {
    let n = styles.get(css);
    if (n === undefined) {
      n = styles.size;
      styles.set(css, n);
    }
    return ` data-lectern-style="${n}"`;
  });
}

const ATTRIBUTE_ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&quot;': '"',
  '&#x27;': "'",
  '&lt;': '<',
  '&gt;': '>',
};

function mathStylesheet(styles: ReadonlyMap<string, number>): string {
  const rules = [...styles].map(([css, n]) => {
    const declarations = css
      .replace(/&(?:amp|quot|#x27|lt|gt);/g, (e) => ATTRIBUTE_ENTITIES[e] ?? e)
      .split(';')
      .map((d) => d.trim())
      .filter((d) => d.length > 0 && !/[{}<]/.test(d))
      // !important: these stood in style attributes, which no style sheet rule could override.
      .map((d) => `${d} !important`);
    return `[data-lectern-style="${n}"]{${declarations.join(';')}}`;
  });
  return rules.length > 0 ? `${rules.join('\n')}\n` : '';
}

/** The markdown-it plugin: a `math` token for each delimited formula, rendered by the active engine. */
export function mathPlugin(md: MarkdownIt): void {
  md.inline.ruler.before('escape', 'math', (state, silent) => {
    const start = state.pos;
    if (state.src.charCodeAt(start) !== 0x5c /* \ */) return false;
    const open = state.src[start + 1];
    if (open !== '(' && open !== '[') return false;
    const end = state.src.indexOf(open === '(' ? '\\)' : '\\]', start + 2);
    if (end < 0) return false; // an unclosed delimiter is text
    if (!silent) {
      const token = state.push('math', '', 0);
      token.content = state.src.slice(start + 2, end);
      token.meta = { display: open === '[' };
    }
    state.pos = end + 2;
    return true;
  });
  md.renderer.rules.math = (tokens, idx) => {
    const token = tokens[idx];
    return token ? renderMath(token.content, token.meta?.display === true) : '';
  };
}
