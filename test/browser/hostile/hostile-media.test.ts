import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEDIA_POLICY } from '../../../lambdas/site/csp.js';
import { mediaKey } from '../../../lambdas/site/layout.js';
import { createFsObjectStore } from '../../../lambdas/store/fs-object-store.js';
import { type Browser, launchChromium, type Site, startSite } from '../site/support.js';
import { setTrap } from './trap.js';

/**
 * The hostile SVG corpus, written straight into storage as media (as someone with access to the
 * bucket could, past every upload check), then opened in Chromium: as a page of its own, and as the
 * figures of a published deck and its handout. Nothing in it may run, navigate or load from elsewhere.
 */

const CORPUS = join(import.meta.dirname, '../../fixtures/svg/hostile');
const files = readdirSync(CORPUS).filter((name) => name.endsWith('.svg'));
const named = new Map<string, string>(); // corpus file → its URL path on the site

let site: Site;
let browser: Browser;

beforeAll(async () => {
  [site, browser] = await Promise.all([startSite('hostile-media-token'), launchChromium()]);
  const objects = createFsObjectStore(site.dataDir);
  for (const file of files) {
    const bytes = readFileSync(join(CORPUS, file));
    const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.svg`;
    await objects.put(mediaKey(name), bytes, { contentType: 'image/svg+xml' });
    named.set(file, `/media/${name}`);
  }
  const published = await site.api(
    'POST',
    '/api/decks',
    'id: plain\ntitle: Plain\nsections:\n  - title: One\n    slides:\n      - title: A slide\n        points: [a point]\n',
  );
  expect(published.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

// A CSP report says the policy stopped something: the policy is this defence, so those are expected.
const ran = (fired: string[]) => fired.filter((what) => !what.startsWith('CSP '));

describe('hostile SVGs in storage, opened in Chromium', () => {
  it('has the whole corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of files) {
    it(`${file}: opened as a page, it is sandboxed and runs, follows and loads nothing`, async () => {
      const context = await browser.newContext();
      const trap = await setTrap(context, site.url);
      try {
        const page = await context.newPage();
        const answer = await page.goto(`${site.url}${named.get(file)}`, { waitUntil: 'load' });
        expect(answer?.status()).toBe(200);
        expect(answer?.headers()['content-security-policy']).toBe(MEDIA_POLICY);
        expect(answer?.headers()['x-content-type-options']).toBe('nosniff');
        // Click where its links and shapes are (a javascript: link, an animated href).
        await page.mouse.click(5, 5);
        await page.waitForTimeout(300);
        expect(page.url()).toBe(`${site.url}${named.get(file)}`);
        const state = (await page.evaluate(`({ title: document.title, origin: self.origin })`)) as {
          title: string;
          origin: string;
        };
        expect(state.title).toBe(''); // each payload sets the title, or calls alert
        expect(state.origin).toBe('null'); // sandboxed: an opaque origin, no cookies or storage of the site
        expect(ran(trap.fired)).toEqual([]);
        expect(trap.external).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  for (const view of ['deck', 'handout'] as const) {
    it(`shows every one as a figure in a published ${view}: nothing runs or leaves the site`, async () => {
      const context = await browser.newContext();
      const trap = await setTrap(context, site.url);
      try {
        const page = await context.newPage();
        await page.goto(`${site.url}/decks/plain/${view === 'handout' ? 'handout.html' : ''}`, {
          waitUntil: 'load',
        });
        const loaded = (await page.evaluate(`Promise.all(${JSON.stringify([...named.values()])}.map((src) =>
          new Promise((done) => {
            const image = new Image();
            image.onload = () => done(true);
            image.onerror = () => done(false);
            image.src = src;
            document.body.append(image);
          })))`)) as boolean[];
        // Drawn as pictures (those with nothing to draw but a payload may fail to decode).
        expect(loaded.filter(Boolean).length).toBeGreaterThan(0);
        await page.waitForTimeout(300);
        expect(await page.evaluate('document.title')).not.toMatch(/^(ran|1)$/);
        expect(trap.fired).toEqual([]);
        expect(trap.external).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
