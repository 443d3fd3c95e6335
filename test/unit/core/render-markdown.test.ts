import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { escapeHtml, inlineText, renderInline, renderNotes } from '../../../lambdas/core/markdown.js';

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

  it('gives each link the target markdown-it encodes, plain URLs (its fast path) and others alike', () => {
    const reference = new MarkdownIt('zero');
    const href = (url: string) => `href="${escapeHtml(reference.normalizeLink(url))}"`;
    const urls = [
      'https://e.org',
      'http://example.com/a/b?c=d&e=f#g',
      'https://EXAMPLE.com/Path',
      'https://e.org:8080/x',
      'mailto:a.b+c@d.org',
      "https://e.org/~u/it's;x=1,2*3!",
      'https://e.org/@user:x',
      'https://e..org/',
      'https://e.org#',
      'HTTP://e.org',
      'https://e.org:',
      'https://e.org/%41%zz',
      'https://ünï.org/ä',
      'https://e.org/a"b',
      'https://e.org/a{b}|c^d`e',
    ];
    // And URLs drawn at random from the characters a target may hold without ending the link.
    const alphabet = 'abcXYZ019.-_~!$&\'*+,;=:@/?#%"{}|^`é';
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 300; i++) {
      const length = 1 + (next() % 20);
      const tail = Array.from({ length }, () => alphabet[next() % alphabet.length]).join('');
      urls.push(`${['https://', 'http://', 'mailto:'][next() % 3]}${tail}`);
    }
    let linked = 0;
    for (const url of urls) {
      const html = renderInline(`[x](${url})`);
      if (!html.includes('<a ')) continue;
      linked++;
      expect(html, url).toContain(href(url));
    }
    expect(linked).toBeGreaterThan(200);
  });
});

describe('inlineText and renderNotes', () => {
  it('inlineText drops the markup and keeps the words', () => {
    expect(inlineText('The *long* **peace** `now` [site](https://example.org)')).toBe(
      'The long peace now site',
    );
    expect(inlineText('<b>raw</b>')).toBe('<b>raw</b>');
  });

  it('renderNotes splits paragraphs on blank lines and renders each inline', () => {
    expect(renderNotes('one\nstill one\n\n  \n**two**\n\n\n<p>three</p>\n')).toBe(
      '<p>one\nstill one</p>\n<p><strong>two</strong></p>\n<p>&lt;p&gt;three&lt;/p&gt;</p>',
    );
    expect(renderNotes('\r\na\r\n\r\nb')).toBe('<p>a</p>\n<p>b</p>');
    expect(renderNotes('   ')).toBe('');
  });

  it('renderNotes makes a list of "- " lines, and keeps a year opening a line as text', () => {
    expect(renderNotes('Ask:\n\n- who *signed*\n- when\n\nThen move on.')).toBe(
      '<p>Ask:</p>\n<ul>\n<li>who <em>signed</em></li>\n<li>when</li>\n</ul>\n<p>Then move on.</p>',
    );
    expect(renderNotes('1950. The war begins.\n2) second')).toBe('<p>1950. The war begins.\n2) second</p>');
    expect(renderNotes('# not a heading\n> not a quote\n    not code')).toBe(
      '<p># not a heading\n&gt; not a quote\nnot code</p>',
    );
    expect(renderNotes('[x](javascript:alert(1)) <img src=x onerror=alert(1)>')).not.toMatch(/<a|<img/);
  });

  it('escapeHtml escapes what HTML needs', () => {
    expect(escapeHtml('<a href="x">&</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;');
  });
});
