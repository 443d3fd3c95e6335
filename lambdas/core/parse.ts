import type { Document, LineCounter, YAMLError } from 'yaml';
import type { LectureFormat, ParsedDocument } from './deck.js';
import { duplicateKeys } from './duplicate-keys.js';
import { type Diagnostic, ParseError } from './errors.js';
import { strictJsonFault } from './json-fault.js';
import { indexJson, type JsonIndex } from './json-index.js';
import { yamlPackage } from './packages.js';
import { MAX_NESTING_DEPTH, MAX_VALUES, type StructureFault, structureCheck } from './structure-bounds.js';
import { indexYaml } from './yaml-index.js';
import { locateNode } from './yaml-locate.js';

/**
 * Text → ParsedDocument. YAML and JSON both go through the `yaml` parser, so both get line and
 * column for every node; JSON is then also read by JSON.parse, because YAML's flow syntax accepts
 * things JSON does not (trailing commas, comments, single quotes).
 */

export interface ParseOptions {
  format?: LectureFormat;
  /** Read with the yaml package even where a fast path could: what the tests hold the fast paths to. */
  yamlOnly?: boolean;
}

/**
 * How many alias expansions a document may make: room for a `cite: *common` on every slide of a
 * long lecture, while a "billion laughs" file is refused in milliseconds instead of expanding
 * into gigabytes.
 */
export const MAX_ALIAS_COUNT = 1000;

type Position = { line: number; col: number };

/** JSON when the text starts with `{` or `[` (after white space), YAML otherwise. */
export function detectFormat(text: string): LectureFormat {
  return /^\s*[{[]/.test(text) ? 'json' : 'yaml';
}

/** Parse a lecture's text. Throws ParseError, with line and column, when it is not readable YAML or JSON. */
export function parseLecture(text: string, options: ParseOptions = {}): ParsedDocument {
  const source = text.replace(/^\uFEFF/, '');
  const format = options.format ?? detectFormat(source);
  const bounds = { depth: MAX_NESTING_DEPTH, values: MAX_VALUES };
  const fast = options.yamlOnly
    ? undefined
    : format === 'json'
      ? indexJson(source, bounds)
      : indexYaml(source, bounds);
  if (fast) return indexedDocument(source, fast, format);
  const { isScalar, LineCounter } = yamlPackage();
  const lineCounter = new LineCounter();
  const doc = readDocument(source, lineCounter);
  const position = (offset: number) => lineCounter.linePos(offset);
  const syntax = [
    ...doc.errors.map((error) => syntaxDiagnostic(error, format, position(syntaxOffset(error, doc)))),
    ...duplicateKeys(doc).map(({ key, offset }) => duplicateKeyDiagnostic(key, position(offset))),
  ].sort((a, b) => (isBefore(a, b) ? -1 : isBefore(b, a) ? 1 : 0));
  const jsonFault = format === 'json' ? strictJsonFault(source) : undefined;
  const json = jsonFault && {
    diagnostic: parseDiagnostic(
      'parse-error',
      `JSON syntax error: ${jsonFault.message}`,
      position(jsonFault.offset),
    ),
    cause: jsonFault.cause,
  };
  // Each parser notices some faults late (yaml a `//` comment, JSON.parse an unclosed string): the earlier is right.
  if (json && !(syntax[0] && isBefore(syntax[0], json.diagnostic))) {
    throw new ParseError([json.diagnostic], { cause: json.cause });
  }
  if (syntax.length > 0) throw new ParseError(syntax, { cause: doc.errors[0] });
  const value = toPlainValue(doc, position);
  if (value === null || value === undefined) {
    throw new ParseError([
      parseDiagnostic(
        'empty-document',
        'The file is empty: a lecture needs at least id, title and sections',
        {
          line: 1,
          col: 1,
        },
      ),
    ]);
  }
  return {
    value,
    format,
    locate: (path) => locateNode(doc, path, position),
    sourceText: (path) => {
      const node = doc.getIn(path, true);
      return isScalar(node) && node.range ? source.slice(node.range[0], node.range[1]).trim() : undefined;
    },
  };
}

/**
 * What the yaml package's parseDocument does, with the structure bounds checked on the way: each
 * lexeme is checked before the parser reads it, and nothing builds a tree (the composer recurses)
 * before the whole text has passed, because a deep file makes parsers recurse out of memory and a
 * huge one takes seconds. One lexing pass serves both.
 */
function readDocument(source: string, lineCounter: LineCounter): Document.Parsed {
  const { Composer, Lexer, Parser, YAMLParseError } = yamlPackage();
  const check = structureCheck();
  const parser = new Parser(lineCounter.addNewLine);
  lineCounter.addNewLine(0);
  const tokens = [];
  for (const lexeme of new Lexer().lex(source)) {
    const fault = check(lexeme);
    if (fault) throw new ParseError([structureDiagnostic(fault)]);
    for (const token of parser.next(lexeme)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  let doc: Document.Parsed | undefined;
  for (const next of new Composer({ uniqueKeys: false }).compose(tokens, true, source.length)) {
    if (!doc) {
      doc = next;
    } else {
      const message = 'Source contains multiple documents; please use YAML.parseAllDocuments()';
      doc.errors.push(new YAMLParseError([next.range[0], next.range[1]], 'MULTIPLE_DOCS', message));
      break;
    }
  }
  // compose(…, forceDoc = true) always ends with a document, if an empty one.
  if (!doc) throw new TypeError('the YAML composer produced no document');
  return doc;
}

/** A lecture read by a fast path: the same value and the same positions as the yaml path gives. */
function indexedDocument(source: string, index: JsonIndex, format: LectureFormat): ParsedDocument {
  let lineStarts: number[] | undefined;
  // What yaml's LineCounter answers, without loading yaml for a text a fast path read.
  const position = (offset: number): Position => {
    if (!lineStarts) {
      lineStarts = [0];
      for (let at = source.indexOf('\n'); at !== -1; at = source.indexOf('\n', at + 1))
        lineStarts.push(at + 1);
    }
    let low = 0;
    let high = lineStarts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((lineStarts[mid] ?? 0) < offset) low = mid + 1;
      else high = mid;
    }
    if (lineStarts[low] === offset) return { line: low + 1, col: 1 };
    return { line: low, col: offset - (lineStarts[low - 1] ?? 0) + 1 };
  };
  return {
    value: index.value,
    format,
    locate: (path) => position(index.locate(path).start),
    sourceText: (path) => {
      const { from, end, depth } = index.locate(path);
      return depth === path.length && from !== undefined ? source.slice(from, end).trim() : undefined;
    },
  };
}

function parseDiagnostic(code: string, message: string, where: Position): Diagnostic {
  return { severity: 'error', code, path: '', message, line: where.line, col: where.col };
}

function structureDiagnostic(fault: StructureFault): Diagnostic {
  if (fault.bound === 'depth') {
    const message = `The file nests lists and mappings more than ${MAX_NESTING_DEPTH} levels deep (a lecture needs about 8)`;
    return parseDiagnostic('nesting-limit', message, fault);
  }
  const message = `The file holds more than ${MAX_VALUES} values (keys, texts, list items); split it into several lectures`;
  return parseDiagnostic('size-limit', message, fault);
}

function duplicateKeyDiagnostic(key: string, where: Position): Diagnostic {
  const message = `the key "${key}" appears twice in the same mapping; give each field once`;
  return parseDiagnostic('duplicate-key', message, where);
}

function syntaxDiagnostic(error: YAMLError, format: LectureFormat, where: Position): Diagnostic {
  const label = format === 'json' ? 'JSON' : 'YAML';
  return parseDiagnostic('parse-error', `${label} syntax error: ${explainSyntax(error)}`, where);
}

/** Where to point for a syntax error: where the parser stopped, except for an unclosed quote. */
function syntaxOffset(error: YAMLError, doc: Document): number {
  const stop = error.pos[0];
  if (error.code !== 'MISSING_CHAR' || !/quote/.test(error.message)) return stop;
  // The parser notices an unclosed quote only where the text ends; the quote that opens it is what to fix.
  let start = stop;
  const { visit } = yamlPackage();
  visit(doc, {
    Scalar(_, node) {
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
      if (!quoted || node.range?.[1] !== stop) return undefined;
      start = node.range[0];
      return visit.BREAK;
    },
  });
  return start;
}

// The yaml package's messages are precise but written for YAML experts; these are the ones instructors meet.
function explainSyntax(error: YAMLError): string {
  switch (error.code) {
    case 'MULTIPLE_DOCS':
      return 'the file holds more than one document (a second "---"); a lecture is a single document';
    case 'MISSING_CHAR': {
      const quote = /closing (["'])quote/.exec(error.message)?.[1];
      return quote ? `the ${quote} that opens here is never closed; add the closing ${quote}` : error.message;
    }
    case 'TAB_AS_INDENT':
      return 'tabs cannot indent YAML; indent with spaces';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `${error.message}; put text that contains ": " in quotes`;
    default:
      return error.message;
  }
}

function isBefore(a: Diagnostic, b: Diagnostic): boolean {
  const [la, lb] = [a.line ?? 0, b.line ?? 0];
  return la < lb || (la === lb && (a.col ?? 0) < (b.col ?? 0));
}

/**
 * A folded (`>`) block turns each blank line into one line break and joins the other lines; notes
 * read as a literal block would, so that a blank line starts a paragraph whichever style wrote them.
 */
function keepNoteParagraphs(doc: Document): void {
  const { isScalar, visit } = yamlPackage();
  visit(doc, {
    Pair(_, pair) {
      const { key, value } = pair;
      if (!isScalar(key) || key.value !== 'notes' || !isScalar(value)) return;
      if (value.type === 'BLOCK_FOLDED' && typeof value.value === 'string') {
        value.value = value.value.replace(/\n/g, '\n\n');
      }
    },
  });
}

function toPlainValue(doc: Document, position: (offset: number) => Position): unknown {
  keepNoteParagraphs(doc);
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (cause) {
    // toJS throws a ReferenceError for an alias to no anchor and for too many expansions.
    const tooMany = cause instanceof Error && /alias count/i.test(cause.message);
    const alias = firstAlias(doc, !tooMany);
    const where = alias?.range ? position(alias.range[0]) : { line: 1, col: 1 };
    const message = tooMany
      ? `The file expands aliases (*name) more than ${MAX_ALIAS_COUNT} times; write the content out instead`
      : `The alias *${alias?.source ?? ''} refers to no anchor (&${alias?.source ?? 'name'}) defined before it`;
    throw new ParseError([parseDiagnostic(tooMany ? 'alias-limit' : 'parse-error', message, where)], {
      cause,
    });
  }
}

function firstAlias(doc: Document, unresolvedOnly: boolean) {
  let found: { source: string; range?: [number, number, number] | null } | undefined;
  const { visit } = yamlPackage();
  visit(doc, {
    Alias(_, node) {
      if (unresolvedOnly && node.resolve(doc) !== undefined) return undefined;
      found = node;
      return visit.BREAK;
    },
  });
  return found;
}
