import { type Located, NodeTable } from './node-table.js';
import type { DocPath } from './paths.js';
import type { StructureBounds } from './structure-bounds.js';

/**
 * The fast path for a JSON lecture. The yaml package gives every node a line and column, but
 * building its tree of a 1 MiB file costs more than half a second; JSON.parse takes a few
 * milliseconds. This one pass over the text finds, without recursion, where each node starts
 * (what `locate` needs) and the raw text of each scalar (what `sourceText` needs), kept in a node
 * table as the YAML fast path keeps them (node-table.ts), and checks the
 * same bounds as the YAML lexer check (depth, values), counting values as it does: keys, scalars
 * and collections. It answers undefined for anything it does not accept as plain, valid JSON with
 * an object at the top: over a bound, a duplicate key, a syntax error. The caller then takes the
 * yaml path, which reports each of those with its own message, so the fast path changes no answer.
 */

export interface JsonIndex {
  value: Record<string, unknown>;
  /** Where the node at `path` is written, as far as the path leads: what `locate` and `sourceText` read. */
  locate(path: DocPath): Located;
}

interface Frame {
  object: boolean;
  /** The collection's node, and an object's keys so far. */
  node: number;
  keys: Set<string>;
}

// A key JSON.parse may put before the others, whatever its place in the text (an array index): the
// node table follows the value's order of keys, so a text with one (never a field of a lecture) is
// left to the yaml path.
const ARRAY_INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The index of `text` if it is plain JSON with an object at the top and within `bounds`; else undefined. */
export function indexJson(text: string, bounds: StructureBounds): JsonIndex | undefined {
  const stack: Frame[] = [];
  const n = text.length;
  let pos = 0;
  let values = 0;

  const skipSpace = () => {
    for (; pos < n; pos++) {
      const c = text.charCodeAt(pos);
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return;
    }
  };
  const stringEnd = (from: number): number | undefined => {
    let quote = text.indexOf('"', from + 1);
    while (quote !== -1) {
      let slashes = 0;
      while (text.charCodeAt(quote - 1 - slashes) === 92) slashes++;
      if (slashes % 2 === 0) return quote + 1;
      quote = text.indexOf('"', quote + 1);
    }
    return undefined;
  };
  const scalarEnd = (): number | undefined => {
    const c = text[pos];
    if (c === '"') return stringEnd(pos);
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, pos)) return pos + word.length;
    NUMBER.lastIndex = pos;
    return NUMBER.test(text) ? NUMBER.lastIndex : undefined;
  };
  /** An object's next key and its colon: the node of the entry (its value to read next), or undefined. */
  const readKey = (frame: Frame): number | undefined => {
    if (text[pos] !== '"') return undefined;
    const end = stringEnd(pos);
    if (end === undefined) return undefined;
    const raw = text.slice(pos, end);
    const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    if (frame.keys.has(key) || ARRAY_INDEX_KEY.test(key)) return undefined;
    frame.keys.add(key);
    const node = nodes.add(pos);
    values++;
    pos = end;
    skipSpace();
    if (text[pos] !== ':') return undefined;
    pos++;
    return node;
  };
  /** A list's next item, starting here. */
  const readItem = (): number => nodes.add(pos);

  skipSpace();
  if (text[pos] !== '{') return undefined;
  const nodes = new NodeTable();
  let pending: number | undefined = nodes.add(pos);
  for (;;) {
    if (pending !== undefined) {
      skipSpace();
      const node = pending;
      pending = undefined;
      const c = text[pos];
      values++;
      if (c === '{' || c === '[') {
        const frame: Frame = { object: c === '{', node, keys: new Set() };
        stack.push(frame);
        if (stack.length > bounds.depth) return undefined;
        pos++;
        skipSpace();
        if (text[pos] === (frame.object ? '}' : ']')) {
          pos++;
          stack.pop();
          nodes.close(node);
        } else if (frame.object) {
          pending = readKey(frame);
          if (pending === undefined) return undefined;
        } else {
          pending = readItem();
        }
      } else {
        const end = scalarEnd();
        if (end === undefined) return undefined;
        nodes.setText(node, pos, end);
        nodes.close(node);
        pos = end;
      }
      if (values > bounds.values) return undefined;
      if (pending !== undefined) continue;
    }
    const frame = stack.at(-1);
    skipSpace();
    if (!frame) break;
    const c = text[pos];
    pos++;
    if (c === ',') {
      skipSpace();
      if (frame.object) {
        pending = readKey(frame);
        if (pending === undefined) return undefined;
      } else {
        pending = readItem();
      }
    } else if (c === (frame.object ? '}' : ']')) {
      stack.pop();
      nodes.close(frame.node);
    } else {
      return undefined;
    }
  }
  if (pos !== n) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return { value: value as Record<string, unknown>, locate: (path) => nodes.locate(value, path) };
}
