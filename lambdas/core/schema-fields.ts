import { type DocPath, isRecord, valueAt } from './paths.js';
import { lectureSchema, SLIDE_KINDS } from './schema.js';

/**
 * Which fields the schema allows where, read from the schema itself so that messages such as
 * `unknown field "colour" (allowed: …)` never drift from what validation accepts.
 */

// The parts of a zod 4 schema definition this walk reads (zod documents `.def` for tools like this one).
interface Def {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  in?: unknown;
  options?: unknown[];
  discriminator?: string;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

function defOf(schema: unknown): Def | undefined {
  return (schema as { def?: Def } | undefined)?.def;
}

/** Strip optional/default/pipe wrappers, and pick the union member that fits `value`. */
function unwrap(schema: unknown, value: unknown): unknown {
  for (let def = defOf(schema); def; def = defOf(schema)) {
    if (WRAPPERS.has(def.type)) schema = def.innerType;
    else if (def.type === 'pipe') schema = def.in;
    else if (def.type === 'union') schema = pickOption(def, value);
    else return schema;
  }
  return schema;
}

function pickOption(def: Def, value: unknown): unknown {
  const options = def.options ?? [];
  const key = def.discriminator;
  if (key !== undefined) {
    const given = isRecord(value) ? value[key] : undefined;
    return options.find((option) => acceptsLiteral(defOf(option)?.shape?.[key], given));
  }
  // A mapping picks the union's object member (e.g. a point written as {text, points}).
  return isRecord(value)
    ? options.find((option) => defOf(unwrap(option, value))?.type === 'object')
    : options[0];
}

function acceptsLiteral(schema: unknown, value: unknown): boolean {
  return (
    (schema as { safeParse?: (v: unknown) => { success: boolean } })?.safeParse?.(value).success ?? false
  );
}

/**
 * Field names allowed in the object at `path` of the document `root` ([] when it is not an object),
 * read from `top`, the schema of the whole document (a lecture unless told otherwise).
 */
export function allowedFields(root: unknown, path: DocPath, top: unknown = lectureSchema): string[] {
  let schema: unknown = top;
  for (let i = 0; i < path.length && schema !== undefined; i++) {
    const def = defOf(unwrap(schema, valueAt(root, path.slice(0, i))));
    const key = path[i] as string | number;
    if (def?.type === 'object' && typeof key === 'string') schema = def.shape?.[key];
    else if (def?.type === 'array' && typeof key === 'number') schema = def.element;
    else schema = undefined;
  }
  const def = defOf(unwrap(schema, valueAt(root, path)));
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

/** The slide kinds that have a field named `field` (for "did you mean kind: …?" hints). */
export function kindsWithField(field: string): string[] {
  return SLIDE_KINDS.filter((kind) =>
    allowedFields({ sections: [{ slides: [{ kind }] }] }, SLIDE_PATH).includes(field),
  );
}

const SLIDE_PATH: DocPath = ['sections', 0, 'slides', 0];
