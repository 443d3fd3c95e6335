import type { z } from 'zod/mini';
import { type DocPath, type Finding, isRecord, valueAt } from './paths.js';
import { lectureSchema, SLIDE_KINDS } from './schema.js';
import { allowedFields, kindsWithField } from './schema-fields.js';

/**
 * zod's issues → findings an instructor can act on: a stable code, the path, and a message that
 * says what is wrong in the lecture's own terms (`"text" is required for a quote slide`).
 */

type Issue = z.core.$ZodIssue;

/** The kind of document being checked: its schema (for the allowed fields) and what to call it. */
export interface DocumentKind {
  schema: unknown;
  /** `lecture`, `course`: as in "is required for a lecture" when a top-level field is missing. */
  name: string;
  /** The first fields named when the document is not a mapping at all. */
  leading: readonly string[];
}

export const LECTURE_DOCUMENT: DocumentKind = {
  schema: lectureSchema,
  name: 'lecture',
  leading: ['id', 'title', 'sections'],
};

/** Describe every schema issue; `root` is the document as parsed, used to word the messages. */
export function describeIssues(
  issues: readonly Issue[],
  root: unknown,
  kind: DocumentKind = LECTURE_DOCUMENT,
): Finding[] {
  return describeAt(issues, { root, kind }, []);
}

interface Context {
  root: unknown;
  kind: DocumentKind;
}

function describeAt(issues: readonly Issue[], context: Context, base: DocPath): Finding[] {
  return issues.flatMap((issue) => describeIssue(issue, context, [...base, ...keysOf(issue.path)]));
}

function keysOf(path: readonly PropertyKey[]): (string | number)[] {
  return path.filter((key): key is string | number => typeof key !== 'symbol');
}

function error(code: string, path: DocPath, message: string): Finding {
  return { severity: 'error', code, path, message };
}

function describeIssue(issue: Issue, context: Context, path: DocPath): Finding[] {
  const value = valueAt(context.root, path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) =>
        error('unknown-field', [...path, key], unknownField(context, path, key)),
      );
    case 'invalid_union':
      return describeUnion(issue, context, path, value);
    case 'invalid_type':
      return [describeType(issue, context, path, value)];
    case 'too_small':
    case 'too_big':
      return [describeSize(issue, path)];
    case 'invalid_value':
      return [error('invalid-value', path, withValue(`must be one of ${issue.values.join(', ')}`, value))];
    default:
      return [error(valueCode(issue, path), path, withValue(issue.message, value))];
  }
}

function unknownField({ root, kind }: Context, path: DocPath, key: string): string {
  const allowed = allowedFields(root, path, kind.schema);
  const message = `unknown field "${key}" (allowed: ${allowed.join(', ')})`;
  const parent = path.at(-2);
  if (parent !== 'slides' || kind !== LECTURE_DOCUMENT) return message;
  const kinds = kindsWithField(key);
  return kinds.length > 0
    ? `${message}; "${key}" belongs to a ${kinds.join(' or ')} slide: set "kind"`
    : message;
}

function describeUnion(
  issue: Extract<Issue, { code: 'invalid_union' }>,
  context: Context,
  path: DocPath,
  value: unknown,
) {
  if (issue.discriminator !== undefined) {
    // The path already ends in the discriminator ("kind").
    const kind = valueAt(context.root, path);
    const expected = `expected one of ${SLIDE_KINDS.join(', ')}`;
    const message =
      typeof kind === 'string'
        ? `unknown slide kind "${kind}" (${expected})`
        : withValue(`slide kind must be text (${expected})`, kind);
    return [error('unknown-kind', path, message)];
  }
  // Follow the member whose type matched (its problem is deeper down); if none did, the value has the wrong type.
  const matched = issue.errors.find(
    (branch) => !branch.some((i) => i.code === 'invalid_type' && i.path.length === 0),
  );
  if (matched) return describeAt(matched, context, path);
  const missing = missingField(context, path);
  if (missing) return [missing];
  const custom = isDefaultMessage(issue.message) ? undefined : issue.message;
  const expected = issue.errors.flatMap((branch) =>
    branch.map((i) => (i.code === 'invalid_type' ? i.expected : '')),
  );
  const message = withValue(custom ?? `must be ${describeExpected(expected)}`, value);
  return [error(typeCode(path), path, message)];
}

function describeType(
  issue: Extract<Issue, { code: 'invalid_type' }>,
  context: Context,
  path: DocPath,
  value: unknown,
) {
  const missing = missingField(context, path);
  if (missing) return missing;
  if (path.length === 0) {
    const { name, leading } = context.kind;
    return error('invalid-type', path, `The ${name} must be a mapping of fields (${leading.join(', ')}, …)`);
  }
  if (isPointPath(path) && isRecord(value)) {
    return error('too-deep', path, 'points nest one level at most: write this nested point as plain text');
  }
  const code = typeCode(path);
  const message = isDefaultMessage(issue.message)
    ? `must be ${describeExpected([issue.expected])}`
    : issue.message;
  // YAML reads `title: 1968` or `id: 2024` as a number, where quotes make it text (a date needs more).
  const scalar = typeof value === 'number' || typeof value === 'boolean';
  const quote =
    issue.expected === 'string' && scalar && code !== 'invalid-date'
      ? `; write it in quotes: "${String(value)}"`
      : '';
  return error(code, path, withValue(message, value) + quote);
}

/** A required field left out: the schema reports it as a wrong type (or a union none of whose members fit). */
function missingField({ root, kind }: Context, path: DocPath): Finding | undefined {
  const key = path.at(-1);
  const parent = valueAt(root, path.slice(0, -1));
  if (typeof key !== 'string' || !isRecord(parent) || Object.hasOwn(parent, key)) return undefined;
  return error('missing-field', path, `"${key}" is required${requiredFor(root, path.slice(0, -1), kind)}`);
}

// A date or id of the wrong type (`date: 20261122`) is still a bad date or id.
function typeCode(path: DocPath): string {
  const code = valueCode(undefined, path);
  return code === 'invalid-value' ? 'invalid-type' : code;
}

/** A point nested inside a point: `…points[i].points[j]`. */
function isPointPath(path: DocPath): boolean {
  return path.length >= 4 && path.at(-2) === 'points' && path.at(-4) === 'points';
}

function describeSize(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>, path: DocPath): Finding {
  const small = issue.code === 'too_small';
  const limit = small
    ? (issue as { minimum: number | bigint }).minimum
    : (issue as { maximum: number | bigint }).maximum;
  if (issue.origin === 'array' || issue.origin === 'set') {
    const message = isDefaultMessage(issue.message)
      ? `needs ${small ? 'at least' : 'at most'} ${limit}`
      : issue.message;
    return error(small ? 'too-few' : 'too-many', path, message);
  }
  if (issue.origin === 'string') {
    return error(
      small ? 'empty-text' : 'too-long',
      path,
      isDefaultMessage(issue.message) ? 'must not be empty' : issue.message,
    );
  }
  const message = isDefaultMessage(issue.message)
    ? `must be ${small ? 'at least' : 'at most'} ${limit}`
    : issue.message;
  return error('invalid-value', path, message);
}

/** ` for a quote slide`, ` for a source`, …: where the missing field was expected. */
function requiredFor(root: unknown, owner: DocPath, kind: DocumentKind): string {
  const container = owner.at(-2);
  if (owner.length === 0) return ` for a ${kind.name}`;
  if (container === 'slides') {
    const slideKind = valueAt(root, [...owner, 'kind']);
    const name = typeof slideKind === 'string' ? slideKind : 'bullets';
    return ` for ${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name} slide`;
  }
  const names: Record<string, string> = {
    sources: 'a source',
    sections: 'a section',
    events: 'a timeline event',
    columns: 'a column',
    points: 'a point',
  };
  return typeof container === 'string' && names[container] ? ` for ${names[container]}` : '';
}

function valueCode(issue: Issue | undefined, path: DocPath): string {
  const field = path.findLast((key) => typeof key === 'string');
  if (field === 'id') return 'invalid-id';
  if (field === 'date') return 'invalid-date';
  if (field === 'url' || field === 'src' || (issue?.code === 'invalid_format' && issue.format === 'url'))
    return 'invalid-url';
  return 'invalid-value';
}

// zod's own messages start like this; the schema's hand-written ones never do.
function isDefaultMessage(message: string): boolean {
  return /^(Invalid|Too (small|big)|Unrecognized)\b/.test(message);
}

const EXPECTED_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of fields',
};

function describeExpected(expected: readonly string[]): string {
  const words = [...new Set(expected.filter(Boolean).map((e) => EXPECTED_WORDS[e] ?? e))];
  return words.length > 0 ? words.join(' or ') : 'something else';
}

/** Add what was found: `"2026-02-30" is not a real calendar date`, `must be text (found a list)`. */
function withValue(message: string, value: unknown): string {
  const shown = showValue(value);
  return message.startsWith('is ') ? `${shown} ${message}` : `${message} (found ${shown})`;
}

function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value);
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
