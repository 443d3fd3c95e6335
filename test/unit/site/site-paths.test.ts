import { describe, expect, it } from 'vitest';
import { redirectLocation, resolveSitePath } from '../../../lambdas/site/site-paths.js';

describe('resolveSitePath', () => {
  it.each([
    ['/', { kind: 'site', name: 'index.html' }],
    ['/site.js', { kind: 'site', name: 'site.js' }],
    ['/assets/reveal/reveal.js', { kind: 'asset', path: 'reveal/reveal.js' }],
    ['/decks/cold-war/', { kind: 'deck', id: 'cold-war', name: 'index.html' }],
    ['/decks/cold-war/handout.html', { kind: 'deck', id: 'cold-war', name: 'handout.html' }],
    ['/decks/cold-war/v/abc123/', { kind: 'deck', id: 'cold-war', name: 'index.html', version: 'abc123' }],
    [
      '/decks/cold-war/v/abc123/deck.json',
      { kind: 'deck', id: 'cold-war', name: 'deck.json', version: 'abc123' },
    ],
    ['/decks/cold-war', { kind: 'deck', id: 'cold-war', name: 'index.html' }],
    ['/decks/cold-war/v/abc123', { kind: 'redirect', location: '/decks/cold-war/v/abc123/' }],
    ['/decks/cold%2Dwar/', { kind: 'deck', id: 'cold-war', name: 'index.html' }],
  ])('%s names what it should', (path, expected) => {
    expect(resolveSitePath(path)).toEqual(expected);
  });

  it.each([
    ['climbing out with ..', '/decks/../secret'],
    ['climbing out with an encoded ..', '/decks/%2e%2e/secret'],
    ['an encoded slash', '/decks/a%2Fb/index.html'],
    ['an encoded backslash', '/assets/..%5C..%5Cetc%5Cpasswd'],
    ['a NUL byte', '/decks/a/index.html%00.png'],
    ['broken percent-encoding', '/decks/%E0%A4%A/'],
    ['a double slash', '//decks/a/'],
    ['no leading slash', 'decks/a/'],
    ['a reserved id', '/decks/assets/'],
    ['an id in capitals', '/decks/Cold-War/'],
    ['a dot file in a deck', '/decks/a/.env'],
    ['a version that is not a hash', '/decks/a/v/../index.html'],
    ['a deck path too deep', '/decks/a/b/c'],
    ['an unknown top folder', '/etc/passwd'],
    ['a root file of another kind', '/secret.txt'],
    ['the bare assets folder', '/assets/'],
  ])('refuses %s', (_, path) => {
    expect(resolveSitePath(path)).toEqual({ kind: 'not-found' });
  });
});

describe('redirectLocation', () => {
  it('keeps the query, with or without its ?', () => {
    expect(redirectLocation('/decks/a/', '?speaker')).toBe('/decks/a/?speaker');
    expect(redirectLocation('/decks/a/', 'print-pdf&x=1')).toBe('/decks/a/?print-pdf&x=1');
    expect(redirectLocation('/decks/a/', '')).toBe('/decks/a/');
  });

  it('percent-encodes what a header could not carry', () => {
    expect(redirectLocation('/decks/a/', '?q=é\r\nx: y')).toBe('/decks/a/?q=%C3%A9%0D%0Ax:%20y');
  });

  it.each(['//evil.example/', 'https://evil.example/', 'decks/a/'])(
    'refuses to leave the site for %s',
    (location) => {
      expect(() => redirectLocation(location, '')).toThrow(/off the site/);
    },
  );
});
