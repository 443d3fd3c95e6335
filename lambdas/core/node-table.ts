import type { DocPath } from './paths.js';

const INDEX = /^(?:0|[1-9]\d*)$/;

/** The deepest node a path reaches: where it starts, its scalar text if any, and how many segments led there. */
export interface Located {
  start: number;
  from?: number;
  end?: number;
  depth: number;
}

/**
 * Where each node of a value read by a fast path (YAML or JSON) is written, in flat arrays rather
 * than an object per node: a 600-slide lecture has some 25,000 nodes, and a tree of them (with a map of
 * entries for each mapping) outweighed the value itself, all of it kept through the whole render
 * though only a diagnostic or a table's number reads it. The nodes are numbered as they are read,
 * which is pre-order: the root 0, each mapping entry (its key) or list item before what it holds.
 * Each node keeps where it starts, its scalar text if it has one, and the number after its last
 * descendant, so that a path is followed by skipping whole subtrees, with the value giving the
 * order of keys and items.
 */
export class NodeTable {
  private starts = new Int32Array(1024);
  private froms = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private afters = new Int32Array(1024);
  private size = 0;
  /** Each list's or mapping's children, once a path has looked into it. */
  private readonly children = new WeakMap<object, Int32Array | Map<string, number>>();

  /** A new node starting at `start`; returns its number. */
  add(start: number): number {
    if (this.size === this.starts.length) this.grow();
    const id = this.size++;
    this.starts[id] = start;
    this.froms[id] = -1;
    return id;
  }

  /** Where node `id` starts, when it is known only after the node was added (a list item's value on the next line). */
  setStart(id: number, start: number): void {
    this.starts[id] = start;
  }

  /** A scalar's own text: `from` (after its key, if any) to `end`. */
  setText(id: number, from: number, end: number): void {
    this.froms[id] = from;
    this.ends[id] = end;
  }

  /** Node `id` holds no more: every node added since is its descendant. */
  close(id: number): void {
    this.afters[id] = this.size;
  }

  /**
   * The deepest node `path` reaches in `value` (the value these nodes were read for), and how many
   * of its segments it followed. A segment is read as text: `3` and `"3"` name the same item or key.
   */
  locate(value: unknown, path: DocPath): Located {
    let id = 0;
    let at = value;
    let depth = 0;
    for (const segment of path) {
      if (at === null || typeof at !== 'object') break;
      let child: number | undefined;
      if (Array.isArray(at)) {
        if (typeof segment !== 'number' && !INDEX.test(segment)) break;
        child = (this.childrenOf(id, at) as Int32Array)[Number(segment)];
        at = at[Number(segment)];
      } else {
        const key = String(segment);
        if (!Object.hasOwn(at, key)) break;
        child = (this.childrenOf(id, at) as Map<string, number>).get(key);
        at = (at as Record<string, unknown>)[key];
      }
      if (child === undefined) break;
      id = child;
      depth++;
    }
    const from = this.froms[id] ?? -1;
    return {
      start: this.starts[id] ?? 0,
      depth,
      ...(from >= 0 && { from, end: this.ends[id] ?? from }),
    };
  }

  /**
   * The numbers of the items of list `at` or the entries of mapping `at` (node `id`), found once by
   * skipping from each to the next and kept: a lecture with thousands of diagnostics in one long
   * list or mapping looks into it thousands of times.
   */
  private childrenOf(id: number, at: object): Int32Array | Map<string, number> {
    const known = this.children.get(at);
    if (known) return known;
    let child = id + 1;
    const next = () => {
      const current = child;
      child = this.afters[child] ?? child + 1;
      return current;
    };
    let children: Int32Array | Map<string, number>;
    if (Array.isArray(at)) {
      children = new Int32Array(at.length);
      for (let i = 0; i < at.length; i++) children[i] = next();
    } else {
      children = new Map();
      for (const key of Object.keys(at)) children.set(key, next());
    }
    this.children.set(at, children);
    return children;
  }

  private grow(): void {
    const larger = (array: Int32Array) => {
      const next = new Int32Array(array.length * 2);
      next.set(array);
      return next;
    };
    this.starts = larger(this.starts);
    this.froms = larger(this.froms);
    this.ends = larger(this.ends);
    this.afters = larger(this.afters);
  }
}
