// Where a position is in a lecture written as block-style YAML, read from the indentation alone: it
// must answer while the text is half typed, when a YAML parser sees only errors. Pure.

/** A key path from the document's root: mapping keys, and `*` for an item of a sequence. */
export type KeyPath = string[];

/** What completion needs to know about the cursor. */
export interface CursorContext {
  /** The mapping the cursor is in. */
  path: KeyPath;
  /** `key` where a key is being typed; `value` after `key: `. */
  kind: 'key' | 'value';
  /** The key whose value is being typed (kind `value`). */
  key?: string;
  /** Offset in the text where the word being typed starts, and the word so far. */
  from: number;
  word: string;
  /** The other keys of the same mapping, with their plain values as written (`kind` → `quote`). */
  siblings: Map<string, string>;
}

/** A key under the pointer, for hover help. */
export interface KeyAt {
  path: KeyPath;
  key: string;
  /** The key's own span in the text. */
  from: number;
  to: number;
  /** Its plain value as written, when it has one on its line. */
  value: string;
  siblings: Map<string, string>;
}

interface LineShape {
  /** Nothing to read: empty, or a comment. */
  blank: boolean;
  /** Column of the first character that is not a space. */
  indent: number;
  /** Columns of the `- ` that open sequence items on this line. */
  dashes: number[];
  /** Column where the line's content after its dashes starts. */
  keyCol: number;
  key?: string;
  /** The value after `key:` on the same line, comment and quotes removed ('' when the value is a block below). */
  value: string;
}

const KEY = String.raw`[A-Za-z_][\w-]*`;
const LINE = new RegExp(String.raw`^( *)((?:-(?: +|$))*)(?:(${KEY}|"[^"\n]*"|'[^'\n]*') *:(?: +|$)(.*))?`);

function shapeOf(line: string): LineShape {
  const match = LINE.exec(line) as RegExpExecArray;
  const spaces = match[1] ?? '';
  const dashText = match[2] ?? '';
  const dashes: number[] = [];
  for (let i = 0; i < dashText.length; i += 1) if (dashText[i] === '-') dashes.push(spaces.length + i);
  const keyCol = spaces.length + dashText.length;
  const rest = line.slice(keyCol);
  const blank = dashes.length === 0 && (rest.trim() === '' || rest.trimStart().startsWith('#'));
  const rawKey = match[3];
  const shape: LineShape = { blank, indent: spaces.length, dashes, keyCol, value: '' };
  if (rawKey !== undefined) {
    shape.key = rawKey.replace(/^["']|["']$/g, '');
    shape.value = plainValue(match[4] ?? '');
  }
  return shape;
}

/** A value as written, without a trailing comment or its quotes. */
function plainValue(raw: string): string {
  const text = raw.replace(/(^|\s)#.*$/, '').trim();
  return /^(["']).*\1$/.test(text) ? text.slice(1, -1) : text;
}

/**
 * The mapping that holds keys at column `col` of line `index`: its path, and its keys. `dash` is the
 * column of the `- ` that opens the mapping on that line, when it does.
 */
function mappingAt(
  shapes: LineShape[],
  index: number,
  col: number,
  dash: number | undefined,
): { path: KeyPath; siblings: Map<string, string> } | undefined {
  const siblings = new Map<string, string>();
  const path: KeyPath = [];
  // Keys of the same mapping further down, until a line less indented or the next item.
  for (let i = index + 1; i < shapes.length; i += 1) {
    const s = shapes[i] as LineShape;
    if (s.blank || s.indent > col) continue;
    if (s.indent === col && s.dashes.length === 0 && s.key !== undefined) siblings.set(s.key, s.value);
    else break;
  }
  let frame: { seq: boolean; col: number } =
    dash === undefined ? { seq: false, col } : { seq: true, col: dash };
  if (frame.seq) path.unshift('*');
  let inner = true;
  for (let i = index - 1; i >= 0; i -= 1) {
    const s = shapes[i] as LineShape;
    if (s.blank) continue;
    if (!frame.seq) {
      if (s.indent > frame.col) continue;
      if (s.keyCol === frame.col && s.key !== undefined) {
        if (inner) siblings.set(s.key, s.value);
        const opener = s.dashes.at(-1);
        if (opener !== undefined) {
          frame = { seq: true, col: opener };
          path.unshift('*');
          inner = false;
        }
        continue;
      }
      if (s.indent === frame.col) return undefined;
    } else {
      if (s.indent > frame.col) continue;
      if (s.dashes[0] === frame.col) continue; // an earlier item of the same sequence
    }
    // A less indented line: the key whose block value holds this frame.
    if (s.key === undefined || s.value !== '' || s.keyCol > frame.col) return undefined;
    path.unshift(s.key);
    inner = false;
    const opener = s.dashes.at(-1);
    frame = opener === undefined ? { seq: false, col: s.keyCol } : { seq: true, col: opener };
    if (opener !== undefined) path.unshift('*');
  }
  // A lecture is a mapping at its root.
  return frame.seq ? undefined : { path, siblings };
}

function lineAround(text: string, pos: number) {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const endAt = text.indexOf('\n', pos);
  const end = endAt < 0 ? text.length : endAt;
  const lines = text.split('\n');
  const index = text.slice(0, start).split('\n').length - 1;
  return { start, end, lines, index };
}

const KEY_BEFORE = new RegExp(`^( *)((?:- +)*)(${KEY})?$`);
const VALUE_BEFORE = new RegExp(`^( *)((?:- +)*)(${KEY}) *: +([\\w-]*)$`);

/** What is being typed at `pos`: a key of some mapping, or a plain value after `key: `; undefined elsewhere. */
export function cursorContext(text: string, pos: number): CursorContext | undefined {
  const { start, lines, index } = lineAround(text, pos);
  const before = text.slice(start, pos);
  const shapes = lines.map(shapeOf);
  const keyMatch = KEY_BEFORE.exec(before);
  const valueMatch = keyMatch ? undefined : VALUE_BEFORE.exec(before);
  const match = keyMatch ?? valueMatch;
  if (!match) return undefined;
  const spaces = match[1] ?? '';
  const dashText = match[2] ?? '';
  const col = spaces.length + dashText.length;
  const dash = dashText ? spaces.length + dashText.lastIndexOf('-') : undefined;
  // The cursor's own line is not a sibling of itself.
  const others = [...shapes];
  others[index] = { blank: true, indent: 0, dashes: [], keyCol: 0, value: '' };
  const mapping = mappingAt(others, index, col, dash);
  if (!mapping) return undefined;
  if (keyMatch) {
    const word = keyMatch[3] ?? '';
    return { path: mapping.path, kind: 'key', from: pos - word.length, word, siblings: mapping.siblings };
  }
  const word = match[4] ?? '';
  return {
    path: mapping.path,
    kind: 'value',
    key: match[3] as string,
    from: pos - word.length,
    word,
    siblings: mapping.siblings,
  };
}

/** The key at `pos` (on the key itself or on its plain value), with the path of its mapping. */
export function keyAt(text: string, pos: number): KeyAt | undefined {
  const { start, end, lines, index } = lineAround(text, pos);
  const shape = shapeOf(text.slice(start, end));
  if (shape.key === undefined) return undefined;
  const from = start + shape.keyCol;
  const lineText = text.slice(start, end);
  const colon = lineText.indexOf(':', shape.keyCol + shape.key.length);
  const keyEnd = start + colon;
  const onKey = pos >= from && pos <= keyEnd;
  const onValue = pos > keyEnd && shape.value !== '' && pos <= end;
  if (!onKey && !onValue) return undefined;
  const shapes = lines.map(shapeOf);
  shapes[index] = { blank: true, indent: 0, dashes: [], keyCol: 0, value: '' };
  const mapping = mappingAt(shapes, index, shape.keyCol, shape.dashes.at(-1));
  if (!mapping) return undefined;
  return {
    path: mapping.path,
    key: shape.key,
    from,
    to: keyEnd,
    value: shape.value,
    siblings: mapping.siblings,
  };
}
