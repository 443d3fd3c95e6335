/**
 * What the core needs of a TeX renderer. The adapter supplies one (KaTeX, loaded only for a lecture
 * that has math), so the core neither imports it nor pays for loading it when there is no math.
 */
export interface MathEngine {
  /**
   * TeX → HTML with MathML for screen readers, rendered in full at build time (no script runs for it
   * in the browser). Throws an Error whose message says what is wrong when the TeX does not parse.
   */
  render(tex: string, display: boolean): string;
  /**
   * Throws as `render` would for TeX it cannot draw, without drawing it when the engine can tell
   * more cheaply; without it, checking a formula draws it. Answers how many parts (nodes) the TeX
   * reads as, which is what drawing it costs, when the engine can count them.
   */
  check?(tex: string, display: boolean): number | undefined;
}

/**
 * Whether a lecture's text may hold math (a `\(` or `\[` delimiter, or a `math` slide): a cheap test
 * an adapter makes before loading its engine. It may say yes for text with no math; never no for math.
 * So it also says yes for the word "math" anywhere (an anchor or a tag may stand between `kind` and
 * it) and for any escape that could spell a backslash or a letter in a quoted string (`\u005c(`,
 * `\x5c(`, `m\u0061th`, a backslash before a line break).
 */
export function mayHaveMath(text: string): boolean {
  return /\\[([uUx\r\n]|\bmath\b/.test(text);
}
