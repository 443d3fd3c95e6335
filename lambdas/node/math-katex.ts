import type { MathEngine } from '../core/math/math-engine.js';

/**
 * KaTeX as the core's math engine, loaded the first time a lecture with math asks for it (about
 * 270 KB of JavaScript a lecture without math never loads). Formulas are kept once drawn: the
 * pipeline checks a formula and then draws it once per place the deck is served from.
 */

type Katex = typeof import('katex').default;

// Enough for a long course's formulas; cleared rather than grown in a long-running server.
const CACHE_LIMIT = 5000;

let loading: Promise<MathEngine> | undefined;

/** The KaTeX engine (imported on the first call). */
export function loadMathEngine(): Promise<MathEngine> {
  loading ??= import('katex').then((module) => katexEngine(module.default));
  return loading;
}

function katexEngine(katex: Katex): MathEngine {
  const drawn = new Map<string, string>();
  return {
    render(tex, display) {
      const key = `${display ? 'D' : 'I'}${tex}`;
      const known = drawn.get(key);
      if (known !== undefined) return known;
      let html: string;
      try {
        html = katex.renderToString(tex, {
          displayMode: display,
          output: 'htmlAndMathml',
          throwOnError: true,
          // trust: false refuses \href, \url, \includegraphics and \html…: a formula never links or loads.
          trust: false,
          strict: 'ignore',
          maxExpand: 1000,
          maxSize: 20,
        });
      } catch (cause) {
        const message =
          cause instanceof Error ? cause.message.replace(/^KaTeX parse error: /, '') : String(cause);
        throw new Error(message, { cause });
      }
      if (drawn.size >= CACHE_LIMIT) drawn.clear();
      drawn.set(key, html);
      return html;
    },
  };
}
