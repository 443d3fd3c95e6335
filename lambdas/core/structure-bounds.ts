import { yamlPackage } from './packages.js';

/**
 * How deep lists and mappings may nest in a lecture file. A lecture needs about eight levels
 * (sections → slides → points → sub-points); the bound is far above that and far below what would
 * make a parser recurse out of memory.
 */
export const MAX_NESTING_DEPTH = 64;

/**
 * How many values (keys, texts, numbers, list items, lists and mappings) a lecture file may hold.
 * A long real lecture holds about 700 in 60 KB; the bound keeps parsing any file well under a
 * second, where a megabyte of tiny values would take several.
 */
export const MAX_VALUES = 25_000;

/** Where a text first goes over a bound: which one, the offset, and the 1-based line and column. */
export interface StructureFault {
  bound: 'depth' | 'values';
  offset: number;
  line: number;
  col: number;
}

export interface StructureBounds {
  depth: number;
  values: number;
}

const LAYOUT = new Set(['space', 'comment', 'newline', 'byte-order-mark', 'directive-line']);
// Lexemes that are not a value of their own: punctuation between values, and document markers.
const PUNCTUATION = new Set([
  'map-value-ind',
  'flow-seq-end',
  'flow-map-end',
  'comma',
  'anchor',
  'tag',
  'doc-start',
  'doc-end',
]);

/**
 * Where `source` (YAML, or JSON, which is YAML's flow syntax) first opens a list or mapping more
 * than `bounds.depth` deep or holds more than `bounds.values` values, if it does. It reads only the YAML lexer's tokens, in one pass without
 * recursion, so a hostile file is refused before any parser builds a tree of it: flow brackets
 * are counted exactly, block collections by their indentation (each level of a block collection
 * is indented further, or follows a `-` or `?` on the same line).
 */
export function checkStructure(
  source: string,
  bounds: StructureBounds = { depth: MAX_NESTING_DEPTH, values: MAX_VALUES },
): StructureFault | undefined {
  const check = structureCheck(bounds);
  for (const lexeme of new (yamlPackage().Lexer)().lex(source)) {
    const fault = check(lexeme);
    if (fault) return fault;
  }
  return undefined;
}

/**
 * The same check one lexeme at a time, in the order the lexer emits them: the parser reads the
 * lexemes the check has passed, so a file is lexed once (see parse.ts).
 */
export function structureCheck(
  bounds: StructureBounds = { depth: MAX_NESTING_DEPTH, values: MAX_VALUES },
): (lexeme: string) => StructureFault | undefined {
  let values = 0;
  const block: number[] = []; // indentation of each open block collection
  let flow = 0;
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  let atLineStart = true;
  let afterIndicator = false; // a `-` or `?` opened an item on this line: what follows nests in it
  const { CST } = yamlPackage();
  // Lexemes the lexer emits as markers; they stand for no character of the text.
  const markers = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);
  return (lexeme) => {
    if (markers.has(lexeme)) return undefined;
    const at = offset;
    const col = at - lineStart;
    offset += lexeme.length;
    const type = CST.tokenType(lexeme) ?? 'plain-scalar';
    if (!LAYOUT.has(type)) {
      const opensFlow = type === 'flow-seq-start' || type === 'flow-map-start';
      // A flow collection at the start of a line is itself a node, not an entry of a block collection.
      if (flow === 0 && (atLineStart || afterIndicator) && !opensFlow) {
        while (block.length > 0 && (block.at(-1) ?? 0) > col) block.pop();
        if (block.at(-1) !== col) block.push(col);
      }
      afterIndicator = flow === 0 && (type === 'seq-item-ind' || type === 'explicit-key-ind');
      atLineStart = false;
      if (opensFlow) flow++;
      else if ((type === 'flow-seq-end' || type === 'flow-map-end') && flow > 0) flow--;
      if (block.length + flow > bounds.depth) return { bound: 'depth', offset: at, line, col: col + 1 };
      if (!PUNCTUATION.has(type) && ++values > bounds.values) {
        return { bound: 'values', offset: at, line, col: col + 1 };
      }
    }
    // Newlines end a line wherever they are: in a newline token, or inside a multi-line scalar.
    let newline = lexeme.indexOf('\n');
    while (newline !== -1) {
      line++;
      lineStart = at + newline + 1;
      newline = lexeme.indexOf('\n', newline + 1);
    }
    if (type === 'newline' || lexeme.endsWith('\n')) {
      atLineStart = true;
      afterIndicator = false;
    }
    return undefined;
  };
}
