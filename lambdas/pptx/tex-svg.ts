/**
 * TeX as an SVG picture, for the PowerPoint file: no office suite draws the deck's KaTeX HTML, so a
 * formula goes in as a picture whose description is its TeX. MathJax (pure JavaScript, no browser)
 * draws the glyphs as paths, so the picture needs no font. It is loaded on the first formula only.
 */

/** A formula drawn: the SVG's text and its size in ems of the surrounding text. */
export interface TexPicture {
  svg: string;
  widthEm: number;
  heightEm: number;
}

/** MathJax's SVG output measures in thousandths of an em. */
const UNITS_PER_EM = 1000;

/**
 * The MathJax modules this file imports, exactly as written below; the Lambda bundle maps each to one
 * bundled file (infra/bundle-lazy-packages.mjs), and a unit test keeps the two lists the same.
 */
export const MATHJAX_MODULES = [
  'mathjax-full/js/mathjax.js',
  'mathjax-full/js/input/tex.js',
  'mathjax-full/js/output/svg.js',
  'mathjax-full/js/adaptors/liteAdaptor.js',
  'mathjax-full/js/handlers/html.js',
  'mathjax-full/js/input/tex/base/BaseConfiguration.js',
  'mathjax-full/js/input/tex/ams/AmsConfiguration.js',
  'mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js',
  'mathjax-full/js/input/tex/color/ColorConfiguration.js',
  'mathjax-full/js/input/tex/cancel/CancelConfiguration.js',
  'mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js',
] as const;

// The TeX packages KaTeX's own set covers in the deck; each is registered by importing its module.
const PACKAGES = ['base', 'ams', 'boldsymbol', 'color', 'cancel', 'newcommand'];

interface MathJaxParts {
  convert(tex: string, display: boolean): string;
}

let loading: Promise<MathJaxParts> | undefined;

// A CommonJS module imported from ESM hands its exports either as named exports or under default.
function pick<T>(mod: unknown, name: string): T {
  const m = mod as Record<string, unknown> & { default?: Record<string, unknown> };
  return (m[name] ?? m.default?.[name]) as T;
}

async function loadMathJax(): Promise<MathJaxParts> {
  const [core, tex, svg, lite, html] = await Promise.all([
    import('mathjax-full/js/mathjax.js'),
    import('mathjax-full/js/input/tex.js'),
    import('mathjax-full/js/output/svg.js'),
    import('mathjax-full/js/adaptors/liteAdaptor.js'),
    import('mathjax-full/js/handlers/html.js'),
    import('mathjax-full/js/input/tex/base/BaseConfiguration.js'),
    import('mathjax-full/js/input/tex/ams/AmsConfiguration.js'),
    import('mathjax-full/js/input/tex/boldsymbol/BoldsymbolConfiguration.js'),
    import('mathjax-full/js/input/tex/color/ColorConfiguration.js'),
    import('mathjax-full/js/input/tex/cancel/CancelConfiguration.js'),
    import('mathjax-full/js/input/tex/newcommand/NewcommandConfiguration.js'),
  ]);
  type Ctor = new (options: object) => unknown;
  const adaptor = pick<() => { innerHTML(node: unknown): string }>(lite, 'liteAdaptor')();
  pick<(a: unknown) => void>(html, 'RegisterHTMLHandler')(adaptor);
  const mathjax = pick<{
    document(doc: string, options: object): { convert(tex: string, options: object): unknown };
  }>(core, 'mathjax');
  const doc = mathjax.document('', {
    InputJax: new (pick<Ctor>(tex, 'TeX'))({ packages: PACKAGES }),
    // Every glyph as its own path: the picture stands alone, with nothing shared across formulas.
    OutputJax: new (pick<Ctor>(svg, 'SVG'))({ fontCache: 'none' }),
  });
  return { convert: (source, display) => adaptor.innerHTML(doc.convert(source, { display })) };
}

/**
 * `tex` drawn as SVG in `color` (hex, no `#`), or undefined when MathJax cannot read it (the caller
 * keeps the TeX as text then).
 */
export async function texToSvg(tex: string, color: string, display = true): Promise<TexPicture | undefined> {
  loading ??= loadMathJax();
  const parts = await loading;
  const drawn = parts.convert(tex, display);
  if (drawn.includes('data-mjx-error')) return undefined;
  return sizedSvg(drawn, color);
}

/**
 * MathJax's SVG with a size in pixels (1 em = 16 px) in place of its ex units, so any renderer draws it
 * at one size, and the theme's colour in place of `currentColor`, which a picture has no text colour
 * to inherit. Pure: exported for its tests.
 */
export function sizedSvg(svg: string, color: string): TexPicture | undefined {
  const viewBox = /viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg);
  if (!viewBox) return undefined;
  const widthEm = Number(viewBox[3]) / UNITS_PER_EM;
  const heightEm = Number(viewBox[4]) / UNITS_PER_EM;
  const px = (em: number) => (em * 16).toFixed(3);
  const sized = svg
    .replace(/^<svg[^>]*?>/, (open) =>
      open
        .replace(/ style="[^"]*"/, '')
        .replace(/ width="[^"]*"/, ` width="${px(widthEm)}"`)
        .replace(/ height="[^"]*"/, ` height="${px(heightEm)}"`),
    )
    .replaceAll('currentColor', `#${color}`);
  return { svg: sized, widthEm, heightEm };
}
