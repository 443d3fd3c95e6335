import type { Document } from 'yaml';
import { yamlPackage } from './packages.js';

/**
 * The keys that repeat one already given in the same mapping, with where each repeat starts.
 * The yaml parser can check this itself, but it compares every key with every earlier one, which
 * takes minutes for a mapping of a few ten thousand keys; a set per mapping takes milliseconds.
 */
export function duplicateKeys(doc: Document): { key: string; offset: number }[] {
  const { isScalar, visit } = yamlPackage();
  const found: { key: string; offset: number }[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<string>();
      for (const { key } of map.items) {
        if (!isScalar(key)) continue;
        const name = String(key.value);
        if (seen.has(name)) found.push({ key: name, offset: key.range?.[0] ?? 0 });
        seen.add(name);
      }
    },
  });
  return found;
}
