import { describe, expect, it } from 'vitest';
import { textDirection } from '../../../lambdas/core/render/text-direction.js';
import { allKinds, deckDom, handoutDom, render } from './render-helpers.js';

describe('textDirection', () => {
  it.each([
    'ar',
    'ar-EG',
    'AR-eg',
    'he',
    'he-IL',
    'iw',
    'fa',
    'fa-IR',
    'fa-AF',
    'ur',
    'ur-PK',
    'ps',
    'ckb',
    'ckb-IQ',
    'dv',
    'yi',
    'ug',
    'syr',
    'sd',
    'ar_SA',
  ])('%s is right to left', (tag) => {
    expect(textDirection(tag)).toBe('rtl');
  });

  it.each(['en', 'en-GB', 'ru', 'zh-Hans-CN', 'ja', 'ko', 'de-CH-1996', 'hi', 'tr', 'x-klingon', ''])(
    '%s is left to right',
    (tag) => {
      expect(textDirection(tag)).toBe('ltr');
    },
  );

  it('follows an explicit script subtag over the language', () => {
    // Right-to-left scripts make any language right to left…
    expect(textDirection('pa-Arab')).toBe('rtl');
    expect(textDirection('pa-Arab-PK')).toBe('rtl');
    expect(textDirection('az-Arab-IR')).toBe('rtl');
    expect(textDirection('uz-Arab')).toBe('rtl');
    expect(textDirection('ff-Adlm')).toBe('rtl');
    expect(textDirection('man-Nkoo')).toBe('rtl');
    expect(textDirection('lad-Hebr')).toBe('rtl');
    expect(textDirection('en-Thaa')).toBe('rtl');
    expect(textDirection('tru-Syrc')).toBe('rtl');
    // …and others make a right-to-left language left to right.
    expect(textDirection('ku-Latn')).toBe('ltr');
    expect(textDirection('ug-Cyrl')).toBe('ltr');
    expect(textDirection('ar-Latn')).toBe('ltr');
    expect(textDirection('yi-Latn-US')).toBe('ltr');
    expect(textDirection('sd-Deva')).toBe('ltr');
  });

  it('finds the script after extlangs, and not in an extension or private use', () => {
    expect(textDirection('zh-yue-Hant-HK')).toBe('ltr');
    expect(textDirection('ar-arz-Latn')).toBe('ltr');
    expect(textDirection('en-x-Arab')).toBe('ltr');
    expect(textDirection('ar-u-nu-latn')).toBe('rtl');
    expect(textDirection('ar-EG-u-nu-arab')).toBe('rtl');
  });
});

describe('renderDeck: writing direction', () => {
  const arabic = render({ ...allKinds(), language: 'ar' });
  const hebrew = render({ ...allKinds(), language: 'he-IL' });
  const english = render(allKinds());

  it('marks a right-to-left deck on <html> and tells reveal.js through .reveal', () => {
    for (const deck of [arabic, hebrew]) {
      const doc = deckDom(deck);
      expect(doc.documentElement.getAttribute('dir')).toBe('rtl');
      expect(doc.querySelector('.reveal')?.getAttribute('data-rtl')).toBe('true');
    }
    expect(deckDom(arabic).documentElement.getAttribute('lang')).toBe('ar');
  });

  it('marks a right-to-left handout on <html>', () => {
    const doc = handoutDom(arabic);
    expect(doc.documentElement.getAttribute('lang')).toBe('ar');
    expect(doc.documentElement.getAttribute('dir')).toBe('rtl');
  });

  it('keeps a left-to-right deck and handout left to right, without data-rtl', () => {
    const doc = deckDom(english);
    expect(doc.documentElement.getAttribute('dir')).toBe('ltr');
    expect(doc.querySelector('.reveal')?.hasAttribute('data-rtl')).toBe(false);
    expect(handoutDom(english).documentElement.getAttribute('dir')).toBe('ltr');
  });

  it('sets the option in a script file, not inline (the deck runs under script-src self)', () => {
    const doc = deckDom(arabic);
    for (const script of doc.querySelectorAll('script')) {
      expect(script.getAttribute('src')).toBeTruthy();
      expect(script.textContent?.trim()).toBe('');
    }
  });
});
