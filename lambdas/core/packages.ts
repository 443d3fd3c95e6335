import { createRequire } from 'node:module';
import type * as Htmlparser2 from 'htmlparser2';
import type MarkdownIt from 'markdown-it';
import type * as Yaml from 'yaml';

/**
 * The packages only some texts need, loaded the first time one does rather than with the pipeline:
 * yaml for a YAML text (a JSON one is read without it), markdown-it for a text with Markdown syntax,
 * htmlparser2 for an SVG figure. The pipeline is synchronous, so they are required, not imported.
 * Inside a bundle `require` is the bundle's own, which finds each package where that bundle ships
 * it (the CLI's dist/lazy/, with its code cache; node_modules/ beside the Lambda handler); from the
 * source tree it is Node's.
 */
const load: NodeJS.Require = typeof require === 'function' ? require : createRequire(import.meta.url);

// A CommonJS build exports the package's value itself; an ES module required gives its namespace.
function defaultOf<T>(module: T | { default: T }): T {
  return (module as { default?: T }).default ?? (module as T);
}

let yaml: typeof Yaml | undefined;
let markdownIt: typeof MarkdownIt | undefined;
let htmlparser2: typeof Htmlparser2 | undefined;

/** The yaml package, loaded on first use. */
export function yamlPackage(): typeof Yaml {
  yaml ??= load('yaml') as typeof Yaml;
  return yaml;
}

/** markdown-it's constructor, loaded on first use. */
export function markdownItPackage(): typeof MarkdownIt {
  markdownIt ??= defaultOf(load('markdown-it') as typeof MarkdownIt);
  return markdownIt;
}

/** The htmlparser2 package, loaded on first use. */
export function htmlparser2Package(): typeof Htmlparser2 {
  htmlparser2 ??= load('htmlparser2') as typeof Htmlparser2;
  return htmlparser2;
}
