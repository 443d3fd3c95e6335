import type { Labels } from '../schema.js';

/**
 * The words Lectern writes itself, in the lecture's language. A lecture's `labels` override any of
 * them; a language not listed here gets English.
 */

/** Every generated word, by its key in `labels`. */
export type Words = Required<Labels>;

/** sources: the closing slides' and the handout's heading; discussion: a questions slide's default
 * title; continued: a Sources slide after the first; cited: what a slide's source numbers are. */
const WORDS: Record<string, Words> = {
  en: { sources: 'Sources', discussion: 'Discussion', continued: 'continued', cited: 'Sources cited' },
  de: { sources: 'Quellen', discussion: 'Diskussion', continued: 'Fortsetzung', cited: 'Zitierte Quellen' },
  fr: { sources: 'Sources', discussion: 'Discussion', continued: 'suite', cited: 'Sources citées' },
  es: { sources: 'Fuentes', discussion: 'Debate', continued: 'continuación', cited: 'Fuentes citadas' },
  it: { sources: 'Fonti', discussion: 'Discussione', continued: 'continua', cited: 'Fonti citate' },
  pt: { sources: 'Fontes', discussion: 'Discussão', continued: 'continuação', cited: 'Fontes citadas' },
  ru: {
    sources: 'Источники',
    discussion: 'Обсуждение',
    continued: 'продолжение',
    cited: 'Цитируемые источники',
  },
  zh: { sources: '参考文献', discussion: '讨论', continued: '续', cited: '引用来源' },
  ja: { sources: '出典', discussion: 'ディスカッション', continued: '続き', cited: '引用元' },
  ar: { sources: 'المصادر', discussion: 'نقاش', continued: 'تابع', cited: 'المصادر المذكورة' },
  he: { sources: 'מקורות', discussion: 'דיון', continued: 'המשך', cited: 'מקורות מצוטטים' },
};

/** Languages with their own words (primary subtags). */
export const WORD_LANGUAGES = Object.keys(WORDS);

/** The generated words for a BCP 47 tag (by its primary subtag), with the lecture's own `labels` over them. */
export function generatedWords(lang: string, labels: Partial<Words> = {}): Words {
  const primary = lang.trim().toLowerCase().split(/[-_]/)[0] ?? 'en';
  const base = WORDS[primary] ?? (WORDS.en as Words);
  const own = Object.fromEntries(
    Object.entries(labels).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  return { ...base, ...own };
}
