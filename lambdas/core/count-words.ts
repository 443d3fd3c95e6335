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

const ASCII = /^[\0-\x7f]*$/;

/** Whether a UTF-16 code unit is an ASCII letter or digit: what \p{L}, \p{M} and \p{N} hold below U+0080. */
function isWordCode(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
}

/**
 * `WORD`'s matches in an ASCII text, counted in one pass without building them: a run of letters and
 * digits is a word, and an apostrophe, full stop or hyphen between two such runs joins them.
 */
export function countAsciiWords(text: string): number {
  let words = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isWordCode(c)) {
      if (!inWord) words++;
      inWord = true;
    } else if (inWord && (c === 0x27 || c === 0x2e || c === 0x2d) && isWordCode(text.charCodeAt(i + 1))) {
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
  // Most texts are ASCII: counted without the Unicode expression (and the list of words it makes).
  if (ASCII.test(plain)) return countAsciiWords(plain);
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
