import { describe, expect, it } from 'vitest';
import {
  ASSETS_BASE,
  assetsUrl,
  DEFAULT_DECKS_PREFIX,
  deckKey,
  deckUrl,
  FILE_NAME_PATTERN,
  handoutUrl,
  isDeckId,
  RESERVED_IDS,
  siteLayoutForBrowser,
  VERSION_PATTERN,
  versionKey,
  versionUrl,
} from '../../../lambdas/site/layout.js';

describe('the site layout', () => {
  it('spells each URL of a deck', () => {
    expect(deckUrl('cold-war')).toBe('/decks/cold-war/');
    expect(handoutUrl('cold-war')).toBe('/decks/cold-war/handout.html');
    expect(versionUrl('cold-war', 'abc')).toBe('/decks/cold-war/v/abc/');
    expect(assetsUrl('reveal/reveal.js')).toBe('/assets/reveal/reveal.js');
  });

  it('keeps storage keys under the prefix, as the URLs are', () => {
    expect(DEFAULT_DECKS_PREFIX).toBe('decks/');
    expect(deckKey(DEFAULT_DECKS_PREFIX, 'a', 'deck.json')).toBe('decks/a/deck.json');
    expect(versionKey('p/', 'a', 'abc', 'index.html')).toBe('p/a/v/abc/index.html');
    expect(`/${deckKey(DEFAULT_DECKS_PREFIX, 'a', '')}`).toBe(deckUrl('a'));
  });

  it('reaches the shared assets from each place a deck is served', () => {
    // From /decks/{id}/ two folders up, from /decks/{id}/v/{version}/ four; beside the CLI's output one.
    const resolveFrom = (page: string, base: string) =>
      new URL(`${base}x.css`, `https://site${page}`).pathname;
    expect(resolveFrom(deckUrl('a'), ASSETS_BASE.current)).toBe('/assets/x.css');
    expect(resolveFrom(versionUrl('a', 'abc'), ASSETS_BASE.version)).toBe('/assets/x.css');
    expect(resolveFrom('/out/a/', ASSETS_BASE.output)).toBe('/out/assets/x.css');
  });

  it.each([
    ['cold-war', true],
    ['a', true],
    ['1949', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['-lead', false],
    ['Cold-War', false],
    ['cold_war', false],
    ['cold war', false],
    ['', false],
    ['assets', false],
    ['media', false],
    ['../x', false],
  ])('isDeckId(%j) is %s', (id, ok) => {
    expect(isDeckId(id)).toBe(ok);
  });

  it('reserves the folders beside the decks', () => {
    expect(RESERVED_IDS).toEqual(['assets', 'media']);
  });

  it.each([
    ['index.html', true],
    ['deck.json', true],
    ['.env', false],
    ['a/b', false],
    ['..', false],
    ['a\\b', false],
  ])('FILE_NAME_PATTERN takes %j: %s', (name, ok) => {
    expect(FILE_NAME_PATTERN.test(name)).toBe(ok);
  });

  it.each([
    ['abc123', true],
    ['ABC', false],
    ['a/b', false],
    ['', false],
  ])('VERSION_PATTERN takes %j: %s', (version, ok) => {
    expect(VERSION_PATTERN.test(version)).toBe(ok);
  });

  it('hands the browser the same layout, as data', () => {
    const layout = siteLayoutForBrowser();
    expect(layout).toMatchObject({
      api: '/api/',
      decks: '/decks/',
      handout: 'handout.html',
      reservedIds: RESERVED_IDS,
    });
    expect(new RegExp(layout.idPattern).test('cold-war')).toBe(true);
    expect(new RegExp(layout.idPattern).test('Cold War')).toBe(false);
  });
});
