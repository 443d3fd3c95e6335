/**
 * Block YAML documents made from a seed: mostly the plain kind a lecture is written in, with now
 * and then what only the yaml package reads (tags, anchors, flow mappings, tabs, CRLF, a BOM,
 * escapes JSON lacks, bad indentation). What the YAML fast path is compared against.
 */

/** A small seeded generator (mulberry32): the same seed gives the same documents on every machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const KEYS = ['id', 'title', 'a', 'b-c', 'd_e', 'notes', 'points', 'x1', 'Key', 'sections'];
const ODD_KEYS = [
  'true',
  'null',
  '1',
  '~',
  'a b',
  'a:b',
  '"q: k"',
  "'s k'",
  'é',
  '__proto__',
  'on',
  '-k',
  '? k',
  '[k]',
  'k #',
];
const PLAIN = [
  'word',
  'two words',
  'C# and F#',
  'http://e.org/?a=1#f',
  'a:b',
  'x#y',
  'a,b',
  'it’s',
  'é à ü',
  '日本語',
  '😀 face',
  'a\u00a0b',
  'a\u2028b',
  '\u00a0x',
  'x\u00a0',
  '\u2003x\u3000',
  '\u2028',
  'x\u0085',
  'a"b',
  "a'b",
  'x]',
  'x}',
  '-a',
  '--',
  '-',
  '.5',
  '1.',
  '0.',
  '1950',
  '1.10',
  '-3',
  '+3',
  '-0',
  '007',
  '0x1F',
  '0o17',
  '1e3',
  '-1.5e-3',
  '.inf',
  '-.Inf',
  '.nan',
  '.NaN',
  '1_000',
  '1,000',
  '12:30',
  '2020-01-01',
  'true',
  'True',
  'TRUE',
  'tRue',
  'false',
  'yes',
  'no',
  'on',
  'null',
  'Null',
  'NULL',
  '~',
  'nul',
];
const HOSTILE_PLAIN = [
  'a: b',
  'a #b',
  'x #',
  '#x',
  '?a',
  '? a',
  ':a',
  '%x',
  '@x',
  '`x`',
  '!x',
  '&x',
  '*x',
  '|x',
  '>x',
  '[x',
  '{x',
  '"x',
  "'x",
  'a\tb',
];
const DQ_PIECES = ['a', ' ', 'é', "'", '#', ': ', ' #', '\\"', '\\\\', '\\/', '\\n', '\\t', '\\u00e9'];
const DQ_HOSTILE = ['\\x41', '\\U0001F600', '\\0', '\\ ', '\\e', '\\N', '\\_', '\\q', '\\L', '\\b'];
const SQ_PIECES = ['a', ' ', "''", '"', '\\', '#', ': ', ' #', 'é'];

export interface GenerateOptions {
  /** How often (0 to 1) a place takes a shape the fast path leaves to the yaml package. */
  hostile: number;
}

/** One generated document. */
export function generateYaml(random: () => number, { hostile }: GenerateOptions): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const chance = (p: number) => random() < p;
  const odd = () => chance(hostile);
  const out: string[] = [];
  const deepest = 1 + Math.floor(random() * 5);

  const plain = () => (odd() ? pick(HOSTILE_PLAIN) : pick(PLAIN));
  const doubleQuoted = () => {
    const pieces = Array.from({ length: Math.floor(random() * 5) }, () =>
      odd() ? pick(DQ_HOSTILE) : pick(DQ_PIECES),
    );
    return `"${pieces.join('')}"`;
  };
  const singleQuoted = () =>
    `'${Array.from({ length: Math.floor(random() * 5) }, () => pick(SQ_PIECES)).join('')}'`;
  const scalar = () => {
    const r = random();
    return r < 0.55 ? plain() : r < 0.8 ? doubleQuoted() : singleQuoted();
  };
  const comment = () => (chance(0.15) ? ` # ${pick(PLAIN)}` : chance(0.05) ? '   ' : '');
  const flowList = (depth: number): string => {
    const items = Array.from({ length: Math.floor(random() * 4) }, () => {
      if (odd() && depth < 2) return chance(0.5) ? flowList(depth + 1) : `{a: ${scalar()}}`;
      return chance(0.5) ? pick(PLAIN) : scalar();
    });
    const gap = chance(0.3) ? ' ' : '';
    return `[${gap}${items.join(chance(0.8) ? ', ' : ',')}${odd() ? ',' : ''}${gap}]`;
  };
  const pad = (n: number) => ' '.repeat(n);

  /** Lines of a scalar over several lines: the first after the key, the rest indented `inner`. */
  const multiLine = (inner: number): string[] => {
    const kind = pick(['plain', 'double', 'single'] as const);
    const words = () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(PLAIN)).join(' ');
    const count = 2 + Math.floor(random() * 3);
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      let text = kind === 'double' && chance(0.3) ? pick(DQ_PIECES) + words() : words();
      if (kind === 'double' && odd()) text += '\\';
      if (kind === 'single' && chance(0.3)) text += "''";
      if (chance(0.1)) text += ' ';
      lines.push(i === 0 ? text : `${pad(inner + (odd() ? 1 : 0))}${text}`);
      if (chance(0.2)) lines.push(chance(0.8) ? '' : pad(inner));
    }
    if (kind === 'plain') return lines;
    const quote = kind === 'double' ? '"' : "'";
    lines[0] = quote + lines[0];
    lines[lines.length - 1] += odd() ? '' : quote;
    return lines;
  };

  const blockScalar = (inner: number): string[] => {
    const style = pick(['|', '>']);
    const chomp = pick(['', '', '-', '+']);
    const explicit = chance(0.1) ? String(1 + Math.floor(random() * 2)) : '';
    const header = chance(0.5) ? `${style}${explicit}${chomp}` : `${style}${chomp}${explicit}`;
    const indent = explicit ? inner - 1 + Number(explicit) : inner;
    const lines = [`${header}${comment()}`];
    if (chance(0.1)) lines.push('');
    const count = 1 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      const more = chance(0.1) ? 2 : 0;
      lines.push(`${pad(indent + more)}${pick(PLAIN)}${chance(0.1) ? ' ' : ''}`);
      if (chance(0.2))
        lines.push(
          pick(['', '', pad(indent), `${pad(indent)}# not a comment`, odd() ? pad(indent + 3) : '']),
        );
    }
    if (chance(0.3)) lines.push('', ...(chance(0.5) ? [''] : []));
    return lines;
  };

  /** A value after `key:` or `- `, at a place whose block is indented `indent`; the first line is appended to `head`. */
  const value = (head: string, indent: number, depth: number, item: boolean): void => {
    const inner = indent + (chance(0.8) ? 2 : 1 + Math.floor(random() * 4));
    const r = random();
    const sep = chance(0.9) ? ' ' : '  ';
    if (depth < deepest && r < 0.22) {
      out.push(`${head}${comment()}`);
      mapping(inner, depth + 1);
    } else if (depth < deepest && r < 0.4) {
      out.push(`${head}${comment()}`);
      sequence(!item && chance(0.3) ? indent : inner, depth + 1);
    } else if (depth < deepest && item && r < 0.5) {
      // `- a: 1` and `- - a`: a collection that starts on the item's line.
      if (chance(0.6)) mapping(indent + 2, depth + 1, head + sep);
      else sequence(indent + 2, depth + 1, head + sep);
    } else if (r < 0.56) {
      out.push(`${head}${item && !odd() ? sep + scalar() : ''}${comment()}`);
    } else if (r < 0.66) {
      const lines = blockScalar(inner);
      out.push(`${head}${sep}${lines[0]}`, ...lines.slice(1));
    } else if (r < 0.74) {
      const lines = multiLine(inner);
      out.push(`${head}${sep}${lines[0]}`, ...lines.slice(1));
    } else if (r < 0.82) {
      out.push(`${head}${sep}${flowList(0)}${comment()}`);
    } else if (odd()) {
      const hostileValue = pick([
        `&a ${scalar()}`,
        '*a',
        `!!str ${scalar()}`,
        `!custom ${scalar()}`,
        `{a: 1, b: [x]}`,
        `${scalar()} trailing`,
        `\t${scalar()}`,
        `${scalar()}\t# tab`,
        '"unclosed',
        "'unclosed",
        '[unclosed',
        '|0',
        '>9',
        '|x',
      ]);
      out.push(`${head}${sep}${hostileValue}`);
    } else {
      out.push(`${head}${sep}${scalar()}${comment()}`);
    }
  };

  function mapping(indent: number, depth: number, firstHead?: string): void {
    const count = 1 + Math.floor(random() * 4);
    // Each key once, unless by chance a duplicate.
    const keys = [...KEYS];
    const key = () =>
      odd()
        ? pick(ODD_KEYS)
        : chance(0.02)
          ? pick(KEYS)
          : (keys.splice(Math.floor(random() * keys.length), 1)[0] ?? 'z');
    for (let i = 0; i < count; i++) {
      const lead = i === 0 && firstHead !== undefined ? firstHead : pad(indent + (odd() ? 1 : 0));
      if (i > 0 && chance(0.1)) out.push(chance(0.5) ? '' : `${pad(Math.floor(random() * 4))}# between`);
      const colon = odd() && chance(0.3) ? ' :' : ':';
      value(`${lead}${key()}${colon}`, indent, depth, false);
    }
  }

  function sequence(indent: number, depth: number, firstHead?: string): void {
    const count = 1 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      const lead = i === 0 && firstHead !== undefined ? firstHead : pad(indent);
      value(`${lead}-`, indent, depth, true);
    }
  }

  if (odd()) out.push('\ufeff# bom');
  if (chance(0.2)) out.push(`# ${pick(PLAIN)}`);
  if (chance(0.1)) out.push('');
  if (chance(0.2)) out.push(`---${chance(0.3) ? ' # start' : ''}`);
  if (odd()) out.push('%YAML 1.2', '---');
  if (chance(0.95)) mapping(0, 0);
  else if (chance(0.5)) sequence(0, 0);
  else out.push(scalar());
  if (chance(0.1)) out.push(`# ${pick(PLAIN)}`);
  if (chance(0.05)) out.push('...');
  if (odd()) out.push('---', 'second: doc');
  if (chance(0.1)) out.push('');

  for (let i = 0; i < out.length; i++) {
    if (odd() && chance(0.1)) out[i] += pick([' ', '\t', '  # late']);
    if (odd() && chance(0.05)) out[i] = `\t${out[i]}`;
  }
  const text = out.join(odd() && chance(0.3) ? '\r\n' : '\n');
  return chance(0.85) ? `${text}\n` : text;
}
