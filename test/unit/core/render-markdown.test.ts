import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeHtml, inlineText, renderInline, renderParagraphs } from '../../../lambdas/core/markdown.js';

describe('renderInline: the Markdown subset', () => {
  it('renders bold, italic, code and links', () => {
    expect(renderInline('**b** *i* _j_ `c`')).toBe('<strong>b</strong> <em>i</em> <em>j</em> <code>c</code>');
    expect(renderInline('[a](https://example.org/?x=1&y=2)')).toBe(
      '<a href="https://example.org/?x=1&amp;y=2" rel="noopener noreferrer">a</a>',
    );
    expect(renderInline('[m](mailto:a@example.org)')).toBe(
      '<a href="mailto:a@example.org" rel="noopener noreferrer">m</a>',
    );
    expect(renderInline('[h](http://example.org)')).toContain('href="http://example.org"');
  });

  it('leaves links to other schemes, or relative ones, as text', () => {
    for (const source of [
      '[a](javascript:alert(1))',
      '[a](JAVASCRIPT:alert(1))',
      '[a](data:text/html,x)',
      '[a](vbscript:x)',
      '[a](file:///etc/passwd)',
      '[a](/relative)',
      '[a](#anchor)',
    ]) {
      expect(renderInline(source), source).not.toContain('<a');
    }
  });

  it('escapes raw HTML instead of passing it through', () => {
    expect(renderInline('<b onclick="x()">&</b>')).toBe('&lt;b onclick=&quot;x()&quot;&gt;&amp;&lt;/b&gt;');
    expect(renderInline('**<i>x</i>**')).toBe('<strong>&lt;i&gt;x&lt;/i&gt;</strong>');
  });

  it('has no other Markdown: images, strikethrough, autolinks, typography, entities', () => {
    expect(renderInline('![alt](https://example.org/a.png)')).not.toContain('<img');
    expect(renderInline('~~s~~')).toBe('~~s~~');
    expect(renderInline('<https://example.org> www.example.org')).not.toContain('<a');
    expect(renderInline('"quotes" -- (c)')).toBe('&quot;quotes&quot; -- (c)');
    expect(renderInline('&amp; &copy;')).toBe('&amp;amp; &amp;copy;');
    expect(renderInline('# not a heading')).toBe('# not a heading');
  });

  it('keeps any Unicode text', () => {
    expect(renderInline('毛泽东 and **Сталин**')).toBe('毛泽东 and <strong>Сталин</strong>');
  });

  it('gives what markdown-it gives for text with no Markdown characters (its fast path)', () => {
    const reference = new MarkdownIt('zero');
    const samples = [
      'plain',
      ' padded ',
      '<>&"\'',
      'a < b > c & "d"',
      '毛泽东 Сталин',
      '{{x}}',
      'x = 1; y = 2',
    ];
    for (const sample of samples) expect(renderInline(sample), sample).toBe(reference.renderInline(sample));
  });
});

describe('inlineText and renderParagraphs', () => {
  it('inlineText drops the markup and keeps the words', () => {
    expect(inlineText('The *long* **peace** `now` [site](https://example.org)')).toBe(
      'The long peace now site',
    );
    expect(inlineText('<b>raw</b>')).toBe('<b>raw</b>');
  });

  it('renderParagraphs splits on blank lines and renders each paragraph inline', () => {
    expect(renderParagraphs('one\nstill one\n\n  \n**two**\n\n\n<p>three</p>\n')).toEqual([
      'one\nstill one',
      '<strong>two</strong>',
      '&lt;p&gt;three&lt;/p&gt;',
    ]);
    expect(renderParagraphs('\r\na\r\n\r\nb')).toEqual(['a', 'b']);
    expect(renderParagraphs('   ')).toEqual([]);
  });

  it('escapeHtml escapes what HTML needs', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
