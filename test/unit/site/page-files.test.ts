import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { templatesDir } from '../../../lambdas/node/templates-fs.js';
import { siteLayoutForBrowser } from '../../../lambdas/site/layout.js';
import {
  isPageFileName,
  PAGE_EDITOR_SOURCES,
  PAGE_INDEX,
  PAGE_LAYOUT_MODULE,
  pageLayoutModule,
} from '../../../lambdas/site/page-files.js';
import { resolveSitePath } from '../../../lambdas/site/site-paths.js';

// The editor's sources are a folder beside the page's files; the page loads their bundle.
const pageFiles = readdirSync(join(templatesDir(), 'site')).filter((name) => name !== PAGE_EDITOR_SOURCES);

describe("the instructors' page files", () => {
  it('are all served from the root, and none is named like the generated layout module', () => {
    expect(pageFiles).toContain(PAGE_INDEX);
    expect(pageFiles).not.toContain(PAGE_LAYOUT_MODULE);
    for (const name of [...pageFiles, PAGE_LAYOUT_MODULE]) {
      expect(resolveSitePath(`/${name}`), name).toEqual({ kind: 'site', name });
    }
    expect(resolveSitePath('/')).toEqual({ kind: 'site', name: PAGE_INDEX });
    expect(resolveSitePath(`/${PAGE_EDITOR_SOURCES}/code-editor.ts`).kind).toBe('not-found');
  });

  it('refuses names that are not plain page files', () => {
    for (const name of [
      'Site.js',
      'site.json',
      '.env',
      'a.b.js',
      'deck.json',
      'site.js.map',
      '-x.js',
      'x.JS',
    ]) {
      expect(isPageFileName(name), name).toBe(false);
      expect(resolveSitePath(`/${name}`).kind, name).toBe('not-found');
    }
    expect(resolveSitePath('/site.js/../package.json').kind).toBe('not-found');
    expect(resolveSitePath('/%2e%2e%2fsite.js').kind).toBe('not-found');
  });

  it('import the site layout from the generated module, exactly as layout.ts gives it', async () => {
    const source = pageLayoutModule();
    const module = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as {
      default: ReturnType<typeof siteLayoutForBrowser>;
    };
    expect(module.default).toEqual(siteLayoutForBrowser());
    expect(module.default.api).toBe('/api/');
    expect(Object.isFrozen(module.default)).toBe(true);
  });

  it('hold no URL of their own: the API base comes from the layout module, deck addresses from the API', () => {
    for (const name of pageFiles.filter((file) => file.endsWith('.js'))) {
      const source = readFileSync(join(templatesDir(), 'site', name), 'utf8');
      expect(source, name).not.toMatch(/['"`](?:\/?(?:api|assets)\/|\/decks\/)/);
      // Deck addresses come from the API's answers: no module appends a file or a query to one.
      expect(source, name).not.toMatch(/['"`][^'"`\n]*(?:handout\.html|\?speaker|\?notes)/);
    }
  });
});
