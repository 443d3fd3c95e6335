import { htmlparser2Package } from '../packages.js';

/**
 * An SVG never runs anything and never reaches out. Lectern refuses an SVG that could, and says
 * why, rather than rewriting it: a sanitiser that drops parts may change how a figure looks, and an
 * instructor is better served by knowing what to remove. Shown through <img> a browser would not
 * run an SVG's script anyway, but a media file can also be opened on its own, on the site's origin.
 */

const DANGEROUS_ELEMENTS: Record<string, string> = {
  script: 'a <script> element',
  foreignobject: 'a <foreignObject> element (HTML inside the SVG)',
  iframe: 'an <iframe> element',
  embed: 'an <embed> element',
  object: 'an <object> element',
  handler: 'a <handler> element',
  listener: 'a <listener> element',
};
const LINK_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'data']);
// A data: URL is a picture drawn inside the file, never fetched: raster images only.
const SAFE_DATA = /^data:image\/(?:png|jpe?g|gif|webp|avif)[;,]/i;
const URL_FUNCTION = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;

function localName(name: string): string {
  const lower = name.toLowerCase();
  return lower.slice(lower.lastIndexOf(':') + 1);
}

// Browsers ignore white space and control characters inside a scheme ("java\tscript:").
function squeeze(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  return value.replace(/[\s\u0000-\u001f]+/g, '');
}

/** What a reference points at, or undefined when it stays inside the file. */
function referenceProblem(target: string): string | undefined {
  const value = squeeze(target);
  if (value === '' || value.startsWith('#')) return undefined;
  if (/^javascript:/i.test(value)) return 'a javascript: link';
  if (/^data:/i.test(value))
    return SAFE_DATA.test(value) ? undefined : `a data: URL that is not a picture (${value.slice(0, 30)}…)`;
  return `a reference outside the file (${target.trim().slice(0, 60)})`;
}

function cssProblems(css: string): string[] {
  const found: string[] = [];
  if (/@import/i.test(css)) found.push('an @import in a style sheet');
  for (const match of css.matchAll(URL_FUNCTION)) {
    const problem = referenceProblem(match[2] ?? '');
    if (problem) found.push(problem);
  }
  if (/expression\s*\(|javascript:/i.test(squeeze(css))) found.push('script in a style');
  return found;
}

/** Why an SVG document is refused: a list of reasons, empty when it is safe to serve. */
export function svgProblems(text: string): string[] {
  const found = new Set<string>();
  if (/<!ENTITY/i.test(text)) found.add('an entity declaration (<!ENTITY)');
  const styleText: string[] = [];
  let inStyle = 0;
  let root: string | undefined;
  const { Parser } = htmlparser2Package();
  const parser = new Parser(
    {
      onprocessinginstruction(name) {
        if (/^\?xml-stylesheet/i.test(name))
          found.add('an <?xml-stylesheet?> instruction (a style sheet from outside)');
      },
      onopentag(name, attributes) {
        const element = localName(name);
        root ??= element;
        const danger = DANGEROUS_ELEMENTS[element];
        if (danger) found.add(danger);
        if (element === 'style') inStyle++;
        for (const [rawName, value] of Object.entries(attributes)) {
          const attribute = localName(rawName);
          if (attribute.startsWith('on')) found.add(`an event-handler attribute (${rawName})`);
          else if (LINK_ATTRIBUTES.has(attribute)) {
            const problem = referenceProblem(value);
            if (problem) found.add(problem);
          } else if (attribute === 'style') {
            for (const problem of cssProblems(value)) found.add(problem);
          } else {
            if (/javascript:/i.test(squeeze(value))) found.add(`a javascript: link (in ${rawName})`);
            for (const match of value.matchAll(URL_FUNCTION)) {
              const problem = referenceProblem(match[2] ?? '');
              if (problem) found.add(problem);
            }
          }
        }
        // <set>/<animate> can turn a harmless link or handler into a harmful one while it runs.
        const animated = localName(attributes.attributeName ?? attributes.attributename ?? '');
        if (
          ['set', 'animate'].includes(element) &&
          (LINK_ATTRIBUTES.has(animated) || animated.startsWith('on'))
        ) {
          found.add(`an animation that changes ${animated}`);
        }
      },
      ontext(data) {
        if (inStyle > 0) styleText.push(data);
      },
      onclosetag(name) {
        if (localName(name) === 'style') inStyle--;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  for (const problem of cssProblems(styleText.join(''))) found.add(problem);
  if (root !== 'svg') found.add('no <svg> root element');
  return [...found];
}

/** Whether bytes that no binary signature matched are an SVG document (an <svg> root after any prologue). */
export function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  const rest = head.replace(/^(\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>)*/i, '');
  return /^<svg[\s>/]/i.test(rest);
}
