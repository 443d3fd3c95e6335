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
  /** Where the node at each path starts: a mapping entry's key, a list's item. */
  starts: ReadonlyMap<string, number>;
  /** The start and end offsets of each scalar. */
  scalars: ReadonlyMap<string, readonly [number, number]>;
}

const SEP = '\u0001';

/** The index key of a path: the same for a path and the index built from the text. */
export function pathKey(path: DocPath): string {
  let key = '';
  for (const segment of path) key = childKey(key, segment);
  return key;
}

/** The index key of an entry of the node at `parent`. */
export function childKey(parent: string, segment: string | number): string {
  return `${parent}${SEP}${segment}`;
}

interface Frame {
  object: boolean;
  path: string;
  index: number;
  keys: Set<string>;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** The index of `text` if it is plain JSON with an object at the top and within `bounds`; else undefined. */
export function indexJson(text: string, bounds: StructureBounds): JsonIndex | undefined {
  const starts = new Map<string, number>();
  const scalars = new Map<string, readonly [number, number]>();
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
  /** An object's next key and its colon: the path and start of the entry's value, or undefined. */
  const readKey = (frame: Frame): { path: string; at: number } | undefined => {
    if (text[pos] !== '"') return undefined;
    const end = stringEnd(pos);
    if (end === undefined) return undefined;
    const raw = text.slice(pos, end);
    const key = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    if (frame.keys.has(key)) return undefined;
    frame.keys.add(key);
    values++;
    const at = pos;
    pos = end;
    skipSpace();
    if (text[pos] !== ':') return undefined;
    pos++;
    return { path: frame.path + SEP + key, at };
  };

  skipSpace();
  if (text[pos] !== '{') return undefined;
  let pending: { path: string; at: number } | undefined = { path: '', at: pos };
  for (;;) {
    if (pending) {
      skipSpace();
      const path: string = pending.path;
      const at: number = pending.at;
      pending = undefined;
      starts.set(path, at);
      const c = text[pos];
      values++;
      if (c === '{' || c === '[') {
        const frame: Frame = { object: c === '{', path, index: 0, keys: new Set() };
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
          pending = { path: path + SEP + 0, at: pos };
        }
      } else {
        const end = scalarEnd();
        if (end === undefined) return undefined;
        scalars.set(path, [pos, end]);
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
        frame.index++;
        pending = { path: frame.path + SEP + frame.index, at: pos };
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
  return { value: value as Record<string, unknown>, starts, scalars };
}
