/**
 * The writing direction of a lecture's language, for `dir` on <html> and reveal.js's `rtl` option.
 * Pure and table-driven (no Intl: Intl.Locale#getTextInfo is not in every runtime the renderer runs in).
 */

/**
 * Languages written right to left in their usual script (CLDR's default script for the language is
 * Arabic, Hebrew, Thaana, Syriac, N'Ko, Adlam, Hanifi Rohingya…). A tag naming another script
 * (`ks-Deva`, `pa-Arab`) is decided by that script instead.
 */
const RTL_LANGUAGES = new Set([
  // Arabic and its varieties
  'ar',
  'acm',
  'aeb',
  'afb',
  'ajp',
  'apc',
  'apd',
  'arq',
  'ars',
  'ary',
  'arz',
  'ayl',
  'shu',
  'ssh',
  // Hebrew, Yiddish and Jewish languages (iw and ji are the deprecated codes still in use)
  'he',
  'iw',
  'yi',
  'ji',
  'jrb',
  'jpr',
  // Persian, Dari, Pashto and neighbours written in Arabic script
  'fa',
  'prs',
  'pes',
  'ps',
  'pbt',
  'pbu',
  'glk',
  'mzn',
  'lrc',
  'bqi',
  'luz',
  'sdh',
  'ckb',
  'azb',
  'bal',
  'bgn',
  'hnd',
  'khw',
  // South Asia
  'ur',
  'sd',
  'ks',
  'pnb',
  'skr',
  // Others
  'ug',
  'dv',
  'syr',
  'arc',
  'nqo',
  'rhg',
  'sam',
  'mid',
]);

/** Scripts (ISO 15924) written right to left. Any other script subtag makes a tag left to right. */
const RTL_SCRIPTS = new Set([
  'adlm',
  'arab',
  'aran',
  'armi',
  'avst',
  'chrs',
  'cprt',
  'elym',
  'hatr',
  'hebr',
  'hung',
  'khar',
  'lydi',
  'mand',
  'mani',
  'mend',
  'merc',
  'mero',
  'narb',
  'nbat',
  'nkoo',
  'orkh',
  'ougr',
  'palm',
  'phli',
  'phlp',
  'phlv',
  'phnx',
  'prti',
  'rohg',
  'samr',
  'sarb',
  'sogd',
  'sogo',
  'syrc',
  'syre',
  'syrj',
  'syrn',
  'thaa',
  'yezi',
]);

/** `'rtl'` for a BCP 47 tag whose script (explicit, or the language's usual one) runs right to left. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  const subtags = lang.trim().toLowerCase().split(/[-_]/);
  const primary = subtags[0] ?? '';
  // The script subtag follows the primary language and up to three 3-letter extlangs (zh-yue-Hant),
  // and comes before region, variants and any singleton-introduced extension (-u-, -x-).
  for (const subtag of subtags.slice(1)) {
    if (subtag.length === 1) break;
    if (/^[a-z]{4}$/.test(subtag)) return RTL_SCRIPTS.has(subtag) ? 'rtl' : 'ltr';
    if (!/^[a-z]{3}$/.test(subtag)) break;
  }
  return RTL_LANGUAGES.has(primary) ? 'rtl' : 'ltr';
}
