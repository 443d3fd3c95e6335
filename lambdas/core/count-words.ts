/**
 * Word counts for lint: words on screen and spoken words of notes. Scripts written without spaces
 * (Chinese, Japanese) count two characters as a word, close to how fast they are read aloud
 * compared with English, so a Chinese lecture gets the same limits as an English one.
 */

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const HAS_UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
// Marks (\p{M}) belong to their word: Devanagari vowel signs, decomposed accents.
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’.-][\p{L}\p{M}\p{N}]+)*/gu;
// A Markdown link's target is not read or shown: keep `[label]`, drop `(https://…)`. A target holds
// no bracket: each try then stops at the next one, where `[^)\s]*` ran to the end of a text of
// unclosed `[x](` and back, for every `](` in it (seconds for one 20,000-character text).
const LINK_TARGET = /\]\([^)\s[\]]*\)/g;

/**
 * ASCII, and the spaces and punctuation outside it that English text is written with (no-break space,
 * curly quotes, dashes, ellipsis, middle dot, guillemets, the General Punctuation block): none of them
 * is a letter, a mark or a digit, so a text of these alone has words only where ASCII letters are.
 */
export const PLAIN_PUNCTUATED =
  /^[\0-\x7f\u00a0-\u00a9\u00ab-\u00b1\u00b4\u00b6-\u00b8\u00bb\u00bf\u00d7\u00f7\u2000-\u206f]*$/;

/** Whether a UTF-16 code unit is an ASCII letter or digit: what \p{L}, \p{M} and \p{N} hold below U+0080. */
function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/**
 * `WORD`'s matches in a text of PLAIN_PUNCTUATED characters, counted in one pass without building
 * them: a run of ASCII letters and digits is a word, and an apostrophe (straight or ’), full stop or
 * hyphen between two such runs joins them.
 */
export function countPlainWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWordCode(c)) {
      if (!inWord) words++;
      inWord = true;
    } else if (
      inWord &&
      (c === 0x27 || c === 0x2019 || c === 0x2e || c === 0x2d) &&
      isWordCode(text.charCodeAt(i + 1))
    ) {
      // a joiner inside a word: the run goes on
    } else {
      inWord = false;
    }
  }
  return words;
}

/** Words in a piece of lecture text (inline Markdown allowed). */
export function countWords(text: string | undefined): number {
  if (!text) return 0;
  const plain = text.includes('](') ? text.replace(LINK_TARGET, ']') : text;
  // Most texts are ASCII, with curly quotes and dashes at most: counted without the Unicode expression
  // (whose first use compiles its Unicode classes) and the list of words it makes.
  if (PLAIN_PUNCTUATED.test(plain)) return countPlainWords(plain);
  // Most lectures have no unspaced script: skip the two passes that look for it.
  if (!HAS_UNSPACED.test(plain)) return plain.match(WORD)?.length ?? 0;
  const unspaced = plain.match(UNSPACED)?.length ?? 0;
  const spaced = plain.replace(UNSPACED, ' ').match(WORD)?.length ?? 0;
  return spaced + Math.ceil(unspaced / 2);
}

/** Words in several texts together. */
export function countAllWords(texts: readonly (string | undefined)[]): number {
  return texts.reduce((sum, text) => sum + countWords(text), 0);
}
