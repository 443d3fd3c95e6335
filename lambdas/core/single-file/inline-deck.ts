import { LecternError } from '../errors.js';
import { dataUrl, typeOfFile } from './data-url.js';
import { inlineStylesheet } from './inline-css.js';

/**
 * A rendered deck page as one self-contained file: every style sheet and script it links becomes
 * inline, every local image a data URL. Only the tags our deck template writes are rewritten; lecture
 * text cannot forge one, since the renderer escapes `<` and `"` in everything it places. Pure: the
 * files come in as bytes. Anything the page names that is not to hand is an error, never a link
 * left pointing at a folder that will not travel with the file.
 */

export interface SingleFileInput {
  /** The deck's index.html, as the renderer wrote it for a deck folder. */
  html: string;
  /** The deck folder's other files (its math.css), by name. */
  deckFiles: Readonly<Record<string, string>>;
  /** The relative URL the page uses for the shared assets folder (e.g. `../assets/`). */
  assetsBase: string;
  /** The shared assets' bytes, by their path under the assets folder (`reveal/reveal.js`). */
  assets: ReadonlyMap<string, Uint8Array>;
  /** The relative URL the page uses for the media folder (e.g. `../media/`). */
  mediaBase: string;
  /** The deck's images' bytes, by their file name in the media folder. */
  media: ReadonlyMap<string, Uint8Array>;
}

// A sheet may carry `data-lectern-math` (the math styles the speaker view copies); the inlined one keeps it.
const STYLESHEET = /<link rel="stylesheet" href="([^"]+)"( data-lectern-math)?>/g;
const SCRIPT = /<script src="([^"]+)"><\/script>/g;

// Text the HTML parser would read as the end of the element (or, after `<!--`, as an opening of
// another script): such a file goes in as a data URL instead, which no parser state can break.
const UNSAFE_SCRIPT = /<!--|<\/?script/i;
const UNSAFE_STYLE = /<\/style/i;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Make the deck page stand alone: styles, scripts and images inlined. */
export function inlineDeck(input: SingleFileInput): string {
  const { assetsBase } = input;
  // The deck's own files sit beside the page, under their plain names; they join the assets here.
  const files = new Map(input.assets);
  const encoder = new TextEncoder();
  const deckPrefix = '.deck/';
  for (const [name, text] of Object.entries(input.deckFiles))
    files.set(`${deckPrefix}${name}`, encoder.encode(text));
  const pathOf = (url: string): string | undefined => {
    if (url.startsWith(assetsBase)) return url.slice(assetsBase.length);
    if (/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(url)) return `${deckPrefix}${url}`;
    return undefined;
  };
  const wanted = (url: string) => {
    const path = pathOf(url);
    if (path === undefined || !files.has(path)) {
      throw new LecternError(
        'single-file-missing',
        `the deck links ${url}, which a single-file deck cannot carry`,
      );
    }
    return path;
  };

  let html = input.html.replace(STYLESHEET, (_tag, url: string, marker = '') => {
    const path = wanted(url);
    const css = inlineStylesheet(path, files);
    if (UNSAFE_STYLE.test(css))
      return `<link rel="stylesheet" href="${dataUrl('text/css', encoder.encode(css))}"${marker}>`;
    return `<style${marker}>\n${css}\n</style>`;
  });
  html = html.replace(SCRIPT, (_tag, url: string) => {
    const path = wanted(url);
    const bytes = files.get(path) as Uint8Array;
    const js = new TextDecoder().decode(bytes);
    if (UNSAFE_SCRIPT.test(js)) return `<script src="${dataUrl('text/javascript', bytes)}"></script>`;
    return `<script>\n${js}\n</script>`;
  });
  const mediaSrc = new RegExp(`(src=")${escapeRegExp(input.mediaBase)}([^"]+)"`, 'g');
  html = html.replace(mediaSrc, (_all, head: string, name: string) => {
    const bytes = input.media.get(name);
    const type = typeOfFile(name);
    if (!bytes || !type) {
      throw new LecternError(
        'single-file-missing',
        `the deck shows ${input.mediaBase}${name}, which was not read`,
      );
    }
    return `${head}${dataUrl(type, bytes)}"`;
  });
  return html;
}
