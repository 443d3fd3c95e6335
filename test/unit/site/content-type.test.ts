import { describe, expect, it } from 'vitest';
import { contentTypeFor } from '../../../lambdas/site/content-type.js';

describe('contentTypeFor', () => {
  it('names the type of each kind of file a deck, a course page or a download is made of', () => {
    expect(contentTypeFor('decks/a/v/1/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('assets/katex/KaTeX_Main-Regular.woff2')).toBe('font/woff2');
    expect(contentTypeFor('media/0123456789abcdef.AVIF')).toBe('image/avif');
    expect(contentTypeFor('decks/a/v/1/deck.pptx')).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    expect(contentTypeFor('/tmp/out/deck.pdf')).toBe('application/pdf');
  });

  it('sends anything it does not know, or a name with no extension, as opaque bytes', () => {
    expect(contentTypeFor('decks/a/v/1/deck.exe')).toBe('application/octet-stream');
    expect(contentTypeFor('decks/a.b/README')).toBe('application/octet-stream');
    expect(contentTypeFor('decks/a/.html')).toBe('application/octet-stream');
  });
});
