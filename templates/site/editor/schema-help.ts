// Completion and hover help read from the lecture's JSON Schema (lecture.schema.json, generated from
// the zod schema the API validates with), so the editor offers exactly what the format accepts. Pure.
import type { CursorContext, KeyAt, KeyPath } from './yaml-path.js';

/** The part of JSON Schema (draft 2020-12) that lecture.schema.json uses. */
export interface SchemaNode {
  type?: string | string[];
  description?: string;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
}

/** One completion: what is inserted, and what the list shows beside it. */
export interface Suggestion {
  label: string;
  apply: string;
  detail: string;
  info: string;
  /** Required fields and the slide kinds first. */
  boost: number;
}

/** The alternatives of a node (its oneOf and anyOf branches, flattened), or the node itself. */
function alternatives(node: SchemaNode): SchemaNode[] {
  const branches = [...(node.oneOf ?? []), ...(node.anyOf ?? [])];
  return branches.length === 0 ? [node] : branches.flatMap(alternatives);
}

/** The mapping schemas a path may name; narrowed to one slide kind when the mapping's `kind` says which. */
export function mappingsAt(root: SchemaNode, path: KeyPath, siblings?: Map<string, string>): SchemaNode[] {
  let nodes = [root];
  for (const segment of path) {
    nodes = nodes
      .flatMap(alternatives)
      .map((node) => (segment === '*' ? node.items : node.properties?.[segment]))
      .filter((node): node is SchemaNode => node !== undefined);
  }
  const mappings = nodes.flatMap(alternatives).filter((node) => node.properties !== undefined);
  const kind = siblings?.get('kind');
  const ofKind = mappings.filter((node) => kind !== undefined && node.properties?.kind?.const === kind);
  return ofKind.length > 0 ? ofKind : mappings;
}

const unique = <T>(values: T[]): T[] => [...new Set(values)];

/** A node's type in words: "text", "list of text", "text or mapping". */
export function typeText(node: SchemaNode): string {
  const branches = alternatives(node);
  if (branches.length > 1) return unique(branches.map(typeText)).join(' or ');
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return `one of ${node.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  const type = Array.isArray(node.type) ? node.type[0] : node.type;
  switch (type) {
    case 'string':
      return node.format === 'uri' ? 'URL' : 'text';
    case 'number':
      return 'number';
    case 'integer':
      return 'whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
      return node.items ? `list of ${typeText(node.items)}` : 'list';
    case 'object':
      return 'mapping';
    default:
      return 'any value';
  }
}

/** The rules a value must follow, in words. */
function rulesText(node: SchemaNode): string[] {
  const rules: string[] = [];
  if (node.minLength === 1) rules.push('not empty');
  if (node.minItems !== undefined) rules.push(`at least ${node.minItems}`);
  if (node.maxItems !== undefined) rules.push(`at most ${node.maxItems}`);
  if (node.exclusiveMinimum !== undefined) rules.push(`more than ${node.exclusiveMinimum}`);
  if (node.minimum !== undefined) rules.push(`at least ${node.minimum}`);
  if (node.maximum !== undefined) rules.push(`at most ${node.maximum}`);
  if (node.pattern !== undefined) rules.push(`matching ${node.pattern}`);
  if (node.default !== undefined && !(Array.isArray(node.default) && node.default.length === 0))
    rules.push(`default ${JSON.stringify(node.default)}`);
  return rules;
}

/** What the help says of a field of the given mappings: its type, whether it is required, its rules, its description. */
function fieldHelp(
  name: string,
  mappings: SchemaNode[],
): { detail: string; info: string; required: boolean } {
  const holders = mappings.filter((node) => node.properties?.[name] !== undefined);
  const field = holders[0]?.properties?.[name] as SchemaNode;
  const required = holders.length > 0 && holders.every((node) => node.required?.includes(name));
  const detail = typeText(field);
  const rules = rulesText(field);
  const kinds = unique(
    holders
      .map((node) => node.properties?.kind?.const)
      .filter((kind): kind is string => typeof kind === 'string'),
  );
  const lines = [
    `${name}: ${detail}${required ? ', required' : ', optional'}${rules.length ? ` (${rules.join('; ')})` : ''}.`,
  ];
  if (field.description) lines.push(field.description);
  if (kinds.length > 0 && kinds.length < mappings.length) lines.push(`On ${kinds.join(', ')} slides.`);
  return { detail, info: lines.join('\n'), required };
}

/** What the help says of one slide kind: its fields, the required ones first. */
function kindHelp(branch: SchemaNode): string {
  const kind = String(branch.properties?.kind?.const);
  const fields = Object.keys(branch.properties ?? {}).filter((name) => name !== 'kind');
  const required = fields.filter((name) => branch.required?.includes(name));
  const optional = fields.filter((name) => !branch.required?.includes(name));
  return [
    `Slide kind "${kind}".`,
    required.length ? `Required: ${required.join(', ')}.` : 'Nothing else is required.',
    optional.length ? `Optional: ${optional.join(', ')}.` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The fields allowed where a key is being typed, less those the mapping has already. */
function keySuggestions(root: SchemaNode, context: CursorContext): Suggestion[] {
  const mappings = mappingsAt(root, context.path, context.siblings);
  const names = unique(mappings.flatMap((node) => Object.keys(node.properties ?? {})));
  return names
    .filter((name) => !context.siblings.has(name))
    .map((name) => {
      const help = fieldHelp(name, mappings);
      return {
        label: name,
        apply: `${name}: `,
        detail: help.detail,
        info: help.info,
        boost: help.required ? 2 : 0,
      };
    });
}

/** The values a field allows, when it names them: the slide kinds, a constant, an enumeration, true and false. */
function valueSuggestions(root: SchemaNode, context: CursorContext): Suggestion[] {
  const key = context.key as string;
  // Every kind is offered for `kind`, whatever the slide was before.
  const mappings = mappingsAt(root, context.path, key === 'kind' ? undefined : context.siblings);
  const suggestions: Suggestion[] = [];
  for (const mapping of mappings) {
    const field = mapping.properties?.[key];
    if (!field) continue;
    for (const option of alternatives(field)) {
      const values = option.const !== undefined ? [option.const] : (option.enum ?? []);
      if (option.type === 'boolean') values.push(true, false);
      for (const value of values) {
        const label = String(value);
        if (suggestions.some((s) => s.label === label)) continue;
        const info = key === 'kind' ? kindHelp(mapping) : fieldHelp(key, [mapping]).info;
        suggestions.push({
          label,
          apply: label,
          detail: key === 'kind' ? 'slide kind' : typeText(field),
          info,
          boost: key === 'kind' ? 1 : 0,
        });
      }
    }
  }
  return suggestions;
}

/** What may be typed at the cursor: field names where a key goes, named values after `key: `. */
export function suggestionsAt(root: SchemaNode, context: CursorContext): Suggestion[] {
  return context.kind === 'key' ? keySuggestions(root, context) : valueSuggestions(root, context);
}

/** The help for a key under the pointer (or for the slide kind its value names); undefined for a key the format lacks. */
export function helpFor(root: SchemaNode, at: KeyAt): string | undefined {
  const mappings = mappingsAt(root, at.path, at.siblings.set(at.key, at.value));
  if (!mappings.some((node) => node.properties?.[at.key] !== undefined)) return undefined;
  if (at.key === 'kind') {
    const branch = mappings.find((node) => node.properties?.kind?.const === at.value);
    if (branch) return kindHelp(branch);
  }
  return fieldHelp(at.key, mappings).info;
}
