// JSON files are read by the yaml parser (for line and column of every node) and also by JSON.parse,
// since YAML's flow syntax accepts things JSON does not. This finds where strict JSON goes wrong.

/**
 * What strict JSON refuses in `source`, if anything: the message of JSON.parse (without the
 * document it quotes back) and the offset of the fault.
 */
export function strictJsonFault(
  source: string,
): { message: string; offset: number; cause: unknown } | undefined {
  try {
    JSON.parse(source);
    return undefined;
  } catch (cause) {
    const raw = cause instanceof Error ? cause.message : String(cause);
    const at = / at position (\d+)/.exec(raw);
    // V8 gives no position for "Unexpected token 'x', "…" is not valid JSON"; find it ourselves.
    const offset = at ? Number(at[1]) : jsonErrorOffset(source);
    const message = raw
      .replace(/\s*(in JSON\s*)?at position \d+.*$/s, '')
      .replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
    return { message, offset, cause };
  }
}

/** Offset of the first thing strict JSON does not allow (the end of the text when it is only cut short). */
function jsonErrorOffset(source: string): number {
  let i = 0;
  const skipSpace = () => {
    while (' \t\n\r'.includes(source[i] ?? 'x')) i++;
  };
  const literal = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
  // Each step returns false at the first fault, leaving `i` on it.
  const string = (): boolean => {
    if (source[i] !== '"') return false;
    for (i++; i < source.length && source[i] !== '"'; i += source[i] === '\\' ? 2 : 1) {
      if ((source[i] ?? '') < ' ') return false;
    }
    return i++ < source.length;
  };
  const value = (): boolean => {
    skipSpace();
    const open = source[i];
    if (open === '"') return string();
    if (open !== '{' && open !== '[') {
      literal.lastIndex = i;
      if (!literal.test(source)) return false;
      i = literal.lastIndex;
      return true;
    }
    const close = open === '{' ? '}' : ']';
    i++;
    for (let first = true; ; first = false) {
      skipSpace();
      if (first && source[i] === close) break;
      if (open === '{') {
        if (!string()) return false;
        skipSpace();
        if (source[i] !== ':') return false;
        i++;
      }
      if (!value()) return false;
      skipSpace();
      if (source[i] === close) break;
      if (source[i] !== ',') return false;
      i++;
    }
    i++;
    return true;
  };
  let ok = false;
  try {
    ok = value();
    skipSpace();
    ok &&= i >= source.length;
  } catch {
    // Nesting too deep for the stack: the text exists but we cannot say where it goes wrong.
  }
  return ok ? source.length : Math.min(i, source.length);
}
