import { siteLayoutForBrowser } from './layout.js';

/**
 * The instructors' page: `index.html`, its style sheet and its ES modules, all at the site's root,
 * plus one module the server and the deploy generate from the site layout, so the page's script
 * receives the layout instead of spelling URLs of its own. Pure.
 */

/** The page's entry, served at `/`. */
export const PAGE_INDEX = 'index.html';

/** The generated module's name (it exists in no folder: the server and the deploy write it). */
export const PAGE_LAYOUT_MODULE = 'site-layout.js';

/**
 * The page's code editor: one ES module bundled from the `editor/` folder beside the page's files
 * (scripts/editor-bundle.mjs writes it there at build time). The folder holds its sources and is
 * neither served nor deployed.
 */
export const PAGE_EDITOR_MODULE = 'code-editor.js';
export const PAGE_EDITOR_SOURCES = 'editor';

/** A page file's name: lowercase kebab-case, one extension the page uses; no dot or slash to climb with. */
const PAGE_FILE = /^[a-z][a-z0-9-]*\.(?:html|css|js)$/;

/** Whether a root-level name may be one of the page's files. */
export function isPageFileName(name: string): boolean {
  return PAGE_FILE.test(name);
}

/** The source of the generated layout module: `export default` the layout, frozen. */
export function pageLayoutModule(): string {
  const layout = JSON.stringify(siteLayoutForBrowser(), null, 2);
  return `// Generated from lambdas/site/layout.ts by the server and the deploy; not a file in the source tree.\nexport default Object.freeze(${layout});\n`;
}
