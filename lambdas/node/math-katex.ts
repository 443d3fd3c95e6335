import type { MathEngine } from '../core/math/math-engine.js';

/**
 * KaTeX as the core's math engine, loaded the first time a lecture with math asks for it (about
 * 270 KB of JavaScript a lecture without math never loads). Checking a formula parses it without
 * drawing it, so `lectern validate` and the API's validate never draw; formulas are kept once drawn,
 * so a deck rendered for several places (and its handout) draws each formula once.
 */

type Katex = typeof import('katex').default;
type KatexOptions = import('katex').KatexOptions;

// Enough for a long course's formulas; cleared rather than grown in a long-running server.
const CACHE_LIMIT = 5000;

let loading: Promise<MathEngine> | undefined;

/** The KaTeX engine (imported on the first call). */
export function loadMathEngine(): Promise<MathEngine> {
  loading ??= import('katex').then((module) => katexEngine(module.default));
  return loading;
}

/** What KaTeX hands a macro written as a function: the expander, from which it reads its arguments. */
interface MacroExpander {
  consumeArgs(count: number): unknown;
  popToken(): unknown;
}

// KaTeX's \message, \errmessage and \show write to the console (the server's log, the CLI's output,
// whatever a formula says): here they read what they would write and write nothing. They draw nothing
// either way.
const SILENT = {
  '\\message': (expander: object) => {
    (expander as MacroExpander).consumeArgs(1);
    return '';
  },
  '\\errmessage': (expander: object) => {
    (expander as MacroExpander).consumeArgs(1);
    return '';
  },
  '\\show': (expander: object) => {
    (expander as MacroExpander).popToken();
    return '';
  },
};

const optionsFor = (display: boolean): KatexOptions => ({
  displayMode: display,
  output: 'htmlAndMathml',
  throwOnError: true,
  // trust: false refuses \href, \url, \includegraphics and \html…: a formula never links or loads.
  trust: false,
  strict: 'ignore',
  maxExpand: 1000,
  maxSize: 20,
  // A copy each time: KaTeX keeps a formula's global definitions in this object.
  macros: { ...SILENT },
});

/** KaTeX's error as the core wants it: its message without the "KaTeX parse error: " prefix. */
function throwReason(cause: unknown): never {
  const message = cause instanceof Error ? cause.message.replace(/^KaTeX parse error: /, '') : String(cause);
  throw new Error(message, { cause });
}

/**
 * TeX that KaTeX parses and then refuses to draw: the one character its HTML has no font for (U+1D6A4,
 * dotless italic i) and the half of a surrogate pair `\char` can make. Found by drawing every code
 * point and every command of KaTeX 0.19 alone, in text and in math, against parsing them; a formula
 * that may hold one is checked by drawing it.
 */
const PARSES_BUT_DOES_NOT_DRAW = /\\@?char(?![a-zA-Z@])|\u{1D6A4}/u;

/**
 * Parse nodes deeper than this are checked by drawing too. KaTeX recurses as deep as the formula
 * nests, and drawing takes more of the stack a level than parsing: `x^{x^{…}}` 1,000 levels deep
 * parses, and then drawing it overflows the stack (more so deep inside a deck's templates, where a
 * formula checked by parsing is drawn). A real formula nests about 3 to 16 nodes deep; drawing
 * overflowed from about 1,200 nodes deep.
 */
const DRAWN_WHEN_DEEPER = 100;

/**
 * How many nodes (objects with a `type`) a KaTeX parse tree has, and how deeply they nest, found
 * without recursion.
 */
function treeShape(tree: unknown): { nodes: number; depth: number } {
  let nodes = 0;
  let deepest = 0;
  const stack: [unknown, number][] = [[tree, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, depth] = next;
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) stack.push([item, depth]);
      continue;
    }
    const node = value as Record<string, unknown>;
    const isNode = typeof node.type === 'string';
    const here = isNode ? depth + 1 : depth;
    if (isNode) nodes++;
    if (here > deepest) deepest = here;
    for (const key of Object.keys(node)) {
      const child = node[key];
      // `loc` points back at the lexer and its whole input.
      if (key !== 'loc' && typeof child === 'object' && child !== null) stack.push([child, here]);
    }
  }
  return { nodes, depth: deepest };
}

function katexEngine(katex: Katex): MathEngine {
  const drawn = new Map<string, string>();
  const keyOf = (tex: string, display: boolean) => `${display ? 'D' : 'I'}${tex}`;
  const render = (tex: string, display: boolean) => {
    const key = keyOf(tex, display);
    const known = drawn.get(key);
    if (known !== undefined) return known;
    let html: string;
    try {
      html = katex.renderToString(tex, optionsFor(display));
    } catch (cause) {
      throwReason(cause);
    }
    if (drawn.size >= CACHE_LIMIT) drawn.clear();
    drawn.set(key, html);
    return html;
  };
  // Parsing alone finds what drawing would refuse, for about a fifth of the work (the HTML is the
  // costly part). KaTeX's parser is not in its typed API: without it, checking draws.
  const parse = (katex as unknown as { __parse?: (tex: string, options: KatexOptions) => unknown }).__parse;
  // The parts each checked formula reads as, kept as drawn formulas are.
  const parts = new Map<string, number>();
  return {
    render,
    check(tex, display) {
      const key = keyOf(tex, display);
      const known = parts.get(key);
      if (known !== undefined) return known;
      if (!parse) {
        render(tex, display);
        return undefined;
      }
      let tree: unknown;
      try {
        tree = parse(tex, optionsFor(display));
      } catch (cause) {
        throwReason(cause);
      }
      const shape = treeShape(tree);
      if (PARSES_BUT_DOES_NOT_DRAW.test(tex) || shape.depth > DRAWN_WHEN_DEEPER) render(tex, display);
      if (parts.size >= CACHE_LIMIT) parts.clear();
      parts.set(key, shape.nodes);
      return shape.nodes;
    },
  };
}
