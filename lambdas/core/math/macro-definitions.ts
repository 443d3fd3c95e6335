/**
 * Whether a formula defines a TeX macro. A definition is refused: each of up to a thousand uses
 * (KaTeX's bound on expansions) draws its whole body again, so 3 KB of TeX could draw as 3 MB would,
 * and the bounds on formulas, which count what is written, would no longer bound the work.
 */

// The commands that give a name a body (\let and \futurelet only copy an existing meaning).
const DEFINERS = new Set(['def', 'gdef', 'edef', 'xdef', 'newcommand', 'renewcommand', 'providecommand']);

// TeX's tokens as KaTeX's lexer reads control sequences: `\verb|…|` (its text is not TeX), a name
// of letters and `@`, or one other character (so `\\def` is a line break, then "def").
const CONTROL_SEQUENCE = /\\verb\*([\s\S]).*?\1|\\verb([^*a-zA-Z]).*?\2|\\([a-zA-Z@]+)|\\[\s\S]/gu;

/** The first macro-defining command in `tex` (`\def`, `\newcommand`…), or undefined when there is none. */
export function macroDefinition(tex: string): string | undefined {
  if (!tex.includes('\\')) return undefined;
  for (const match of tex.matchAll(CONTROL_SEQUENCE)) {
    const name = match[3];
    if (name !== undefined && DEFINERS.has(name)) return `\\${name}`;
  }
  return undefined;
}
