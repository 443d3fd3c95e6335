import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../../lambdas/core/single-file/data-url.js';
import { inlineStylesheet } from '../../../lambdas/core/single-file/inline-css.js';
import { inlineDeck, type SingleFileInput } from '../../../lambdas/core/single-file/inline-deck.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const decode64 = (data: string) => Buffer.from(data, 'base64').toString('utf8');

const PAGE = `<!doctype html><html><head>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="../assets/reveal/reveal.css">
<link rel="stylesheet" href="../assets/lectern-base.css">
<link rel="stylesheet" href="math.css">
</head><body>
<p>&lt;link rel=&quot;stylesheet&quot; href=&quot;../assets/evil.css&quot;&gt; text about ../media/0123456789abcdef.png</p>
<img src="../media/0123456789abcdef.png" alt="A &quot;figure&quot;">
<script src="../assets/reveal/reveal.js"></script>
<script src="../assets/reveal/plugin/notes.js"></script>
</body></html>`;

function input(overrides: Partial<SingleFileInput> = {}): SingleFileInput {
  return {
    html: PAGE,
    deckFiles: { 'math.css': '.m1{height:1em}' },
    assetsBase: '../assets/',
    assets: new Map([
      ['reveal/reveal.css', bytes('.reveal{color:red}')],
      ['lectern-base.css', bytes('@import url("lectern-tokens.css");\n.base{}')],
      ['lectern-tokens.css', bytes(':root{--x:1}')],
      ['reveal/reveal.js', bytes('window.Reveal = {};')],
      ['reveal/plugin/notes.js', bytes('w.document.write(`<!--\n<script>x()<\\/script>`);')],
    ]),
    mediaBase: '../media/',
    media: new Map([['0123456789abcdef.png', new Uint8Array([137, 80, 78, 71])]]),
    ...overrides,
  };
}

describe('inlineDeck', () => {
  it('inlines style sheets (imports included) and scripts, and leaves no link to a folder', () => {
    const html = inlineDeck(input());
    const { document } = parseHTML(html);
    expect(document.querySelectorAll('link[rel="stylesheet"]').length).toBe(0);
    const styles = [...document.querySelectorAll('style')].map((s) => s.textContent?.trim());
    expect(styles).toEqual(['.reveal{color:red}', ':root{--x:1}\n.base{}', '.m1{height:1em}']);
    const scripts = [...document.querySelectorAll('script')];
    expect(scripts.map((s) => s.getAttribute('src')?.slice(0, 28) ?? s.textContent?.trim())).toEqual([
      'window.Reveal = {};',
      'data:text/javascript;base64,',
    ]);
    expect(html).not.toMatch(/(href|src)="\.\.\//);
  });

  it('carries a script that could end its element early as a data URL, byte for byte', () => {
    const { document } = parseHTML(inlineDeck(input()));
    const src = document.querySelectorAll('script')[1]?.getAttribute('src') ?? '';
    expect(decode64(src.replace(/^data:text\/javascript;base64,/, ''))).toBe(
      'w.document.write(`<!--\n<script>x()<\\/script>`);',
    );
  });

  it('replaces the images with data URLs, and only the attributes: text that names them stays text', () => {
    const html = inlineDeck(input());
    const { document } = parseHTML(html);
    expect(document.querySelector('img')?.getAttribute('src')).toBe(
      `data:image/png;base64,${toBase64(new Uint8Array([137, 80, 78, 71]))}`,
    );
    expect(document.querySelector('img')?.getAttribute('alt')).toBe('A "figure"');
    expect(document.querySelector('p')?.textContent).toBe(
      '<link rel="stylesheet" href="../assets/evil.css"> text about ../media/0123456789abcdef.png',
    );
  });

  it('refuses a page that links a file it was not given, or an image it was not given', () => {
    const assets = new Map(input().assets);
    assets.delete('lectern-tokens.css');
    expect(() => inlineDeck(input({ assets }))).toThrow(/lectern-tokens\.css/);
    expect(() => inlineDeck(input({ deckFiles: {} }))).toThrow(/math\.css/);
    expect(() => inlineDeck(input({ media: new Map() }))).toThrow(/0123456789abcdef\.png/);
    expect(() =>
      inlineDeck(input({ html: '<link rel="stylesheet" href="https://cdn.example/x.css">' })),
    ).toThrow(/cdn\.example/);
  });
});

describe('inlineStylesheet', () => {
  const files = new Map([
    [
      'katex/katex.min.css',
      bytes(
        '@font-face{font-family:KaTeX_Main;src:url(fonts/KaTeX_Main.woff2) format("woff2"),url(fonts/KaTeX_Main.woff) format("woff"),url(fonts/KaTeX_Main.ttf) format("truetype")}.k{background:url(data:image/gif;base64,R0lG)}',
      ),
    ],
    ['katex/fonts/KaTeX_Main.woff2', new Uint8Array([119, 79, 70, 50])],
    ['broken.css', bytes('.x{background:url("img/none.png")}')],
  ]);

  it('embeds the fonts it has and drops the alternatives it has not', () => {
    const css = inlineStylesheet('katex/katex.min.css', files);
    expect(css).toContain(
      `src:url(data:font/woff2;base64,${toBase64(new Uint8Array([119, 79, 70, 50]))}) format("woff2")}`,
    );
    expect(css).not.toMatch(/\.woff\)|\.ttf/);
    expect(css).toContain('url(data:image/gif;base64,R0lG)');
  });

  it('refuses a URL it cannot resolve outside a font list', () => {
    expect(() => inlineStylesheet('broken.css', files)).toThrow(/img\/none\.png/);
  });
});
