import type { Alias, Document, Pair, YAMLMap } from 'yaml';
import { yamlPackage } from './packages.js';
import type { DocPath } from './paths.js';

/** Where a parsed YAML (or JSON) document's nodes are: from a document path to its line and column. */

type Position = { line: number; col: number };

/** Line and column of the node at `path`: a mapping entry's key, a list's item; else the nearest ancestor. */
export function locateNode(
  doc: Document,
  path: DocPath,
  position: (offset: number) => Position,
): Position | undefined {
  const { isAlias, isMap, isSeq } = yamlPackage();
  let node: unknown = doc.contents;
  let offset = startOf(node);
  for (const key of path) {
    if (isAlias(node)) node = resolveAlias(doc, node);
    let next: { at: unknown; value: unknown } | undefined;
    if (isMap(node)) {
      const pair = keyIndex(node).get(String(key));
      if (pair) next = { at: pair.key, value: pair.value };
    } else if (isSeq(node) && typeof key === 'number' && key < node.items.length) {
      next = { at: node.items[key], value: node.items[key] };
    }
    if (!next) break;
    offset = startOf(next.at) ?? offset;
    node = next.value;
  }
  return offset === undefined ? undefined : position(offset);
}

// Every diagnostic is placed by its path: with thousands of them (10,000 unknown keys in one
// mapping), a scan of the mapping or of the document for each would take seconds. Built once, on demand.
const keyIndexes = new WeakMap<YAMLMap, Map<string, Pair>>();
const aliasTargets = new WeakMap<Alias, unknown>();

function keyIndex(map: YAMLMap): Map<string, Pair> {
  let index = keyIndexes.get(map);
  if (!index) {
    const { isScalar } = yamlPackage();
    index = new Map();
    for (const pair of map.items) {
      const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (name !== undefined && !index.has(name)) index.set(name, pair as Pair);
    }
    keyIndexes.set(map, index);
  }
  return index;
}

function resolveAlias(doc: Document, alias: Alias): unknown {
  if (!aliasTargets.has(alias)) aliasTargets.set(alias, alias.resolve(doc));
  return aliasTargets.get(alias);
}

function startOf(node: unknown): number | undefined {
  const range = (node as { range?: readonly number[] | null } | null)?.range;
  return range?.[0];
}
