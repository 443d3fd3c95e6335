import type { DocPath } from './paths.js';
import type { StructureBounds } from './structure-bounds.js';

/**
 * The fast path for a JSON lecture. The yaml package gives every node a line and column, but
 * building its tree of a 1 MiB file costs more than half a second; JSON.parse takes a few
 * milliseconds. This one pass over the text finds, without recursion, where each node starts
 * (what `locate` needs) and the raw text of each scalar (what `sourceText` needs), and checks the
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

/** The deepest node a path reaches: where it starts, its scalar text if any, and how many segments led there. */
export interface Located {
  start: number;
  from?: number;
  end?: number;
  depth: number;
}

/**
 * Where one node is written: its start (a mapping entry's key, a list's item), a scalar's end, and
 * a collection's children. A tree rather than a map keyed by each node's whole path: building and
 * hashing a path string for every one of 25,000 values cost more than reading the text, and looking
 * up 17,000 diagnostics' paths as much again.
 */
export interface JsonNode {
  start: number;
  /** A scalar's own text: where it starts (after its key, if any) and ends. */
  from?: number;
  end?: number;
  /** A list's items, or a mapping's entries by key. */
  children?: JsonNode[] | Map<string, JsonNode>;
}

const INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * The deepest node `path` reaches from `root`, and how many of its segments it followed. A segment
 * is read as text, as JSON writes it: `3` and `"3"` name the same list item or mapping key.
 */
export function nodeAt(root: JsonNode, path: DocPath): { node: JsonNode; depth: number } {
  let node = root;
  let depth = 0;
  for (const segment of path) {
    const children = node.children;
    let child: JsonNode | undefined;
    if (children instanceof Map) child = children.get(String(segment));
    else if (children && (typeof segment === 'number' || INDEX.test(segment)))
      child = children[Number(segment)];
    if (!child) break;
    node = child;
    depth++;
  }
  return { node, depth };
}

interface Frame {
  object: boolean;
  items: JsonNode[];
  entries: Map<string, JsonNode>;
}

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
  const readKey = (frame: Frame): JsonNode | undefined => {
    if (text[pos] !== '"') return undefined;
    const end = stringEnd(pos);
    if (end === undefined) return undefined;
    const raw = text.slice(pos, end);
    const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    if (frame.entries.has(key)) return undefined;
    const node: JsonNode = { start: pos };
    frame.entries.set(key, node);
    values++;
    pos = end;
    skipSpace();
    if (text[pos] !== ':') return undefined;
    pos++;
    return node;
  };
  /** A list's next item, starting here. */
  const readItem = (frame: Frame): JsonNode => {
    const node: JsonNode = { start: pos };
    frame.items.push(node);
    return node;
  };

  skipSpace();
  if (text[pos] !== '{') return undefined;
  const root: JsonNode = { start: pos };
  let pending: JsonNode | undefined = root;
  for (;;) {
    if (pending) {
      skipSpace();
      const node: JsonNode = pending;
      pending = undefined;
      const c = text[pos];
      values++;
      if (c === '{' || c === '[') {
        const frame: Frame = { object: c === '{', items: [], entries: new Map() };
        node.children = frame.object ? frame.entries : frame.items;
        stack.push(frame);
        if (stack.length > bounds.depth) return undefined;
        pos++;
        skipSpace();
        if (text[pos] === (frame.object ? '}' : ']')) {
          pos++;
          stack.pop();
        } else if (frame.object) {
          pending = readKey(frame);
          if (!pending) return undefined;
        } else {
          pending = readItem(frame);
        }
      } else {
        const end = scalarEnd();
        if (end === undefined) return undefined;
        node.from = pos;
        node.end = end;
        pos = end;
      }
      if (values > bounds.values) return undefined;
      if (pending) continue;
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
        if (!pending) return undefined;
      } else {
        pending = readItem(frame);
      }
    } else if (c === (frame.object ? '}' : ']')) {
      stack.pop();
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
  return {
    value: value as Record<string, unknown>,
    locate: (path) => {
      const { node, depth } = nodeAt(root, path);
      return { start: node.start, from: node.from, end: node.end, depth };
    },
  };
}
