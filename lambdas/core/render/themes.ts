import type { TemplateSet } from '../deck.js';

/** The theme a lecture gets when it names none. */
export const DEFAULT_THEME = 'lecture';

const THEME_FILE = /^themes\/([a-z0-9][a-z0-9-]*)\.css$/;

const names = new WeakMap<TemplateSet, readonly string[]>();

/** Theme names shipped in the template set (`themes/<name>.css`), sorted. */
export function themeNames(templates: TemplateSet): string[] {
  let found = names.get(templates);
  if (found === undefined) {
    found = Object.keys(templates.files)
      .map((path) => THEME_FILE.exec(path)?.[1])
      .filter((name): name is string => name !== undefined)
      .sort();
    names.set(templates, found);
  }
  return [...found];
}
