import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium as launchSystemChromium } from '../../../lambdas/node/chromium.js';
import { publishLectureFile } from '../../../lambdas/server/seed-decks.js';
import { type RunningServer, startServer } from '../../../lambdas/server/start-server.js';
import { openDeckStore } from '../../../lambdas/store/open-deck-store.js';

/** The system Chromium. Playwright turns the pop-up blocker off by default; `popupBlocker` keeps it on, as in an instructor's browser. */
export function launchChromium(options: { popupBlocker?: boolean } = {}): Promise<Browser> {
  return launchSystemChromium(
    options.popupBlocker ? { ignoreDefaultArgs: ['--disable-popup-blocking'] } : {},
  );
}

export interface Site {
  url: string;
  token: string;
  /** The embedded store's folder, for a test that writes into storage behind the API's back. */
  dataDir: string;
  /** Publishes a lecture file with its own images, as `lectern publish` does; the API's status. */
  publishFile(path: string): Promise<number>;
  /** Calls the API with the token; `body` is YAML unless it is an object. */
  api(method: string, path: string, body?: string | object): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** A real server on 127.0.0.1, port 0, over an embedded store in a fresh temporary folder. */
export async function startSite(token = 'browser-test-token'): Promise<Site> {
  const dataDir = await mkdtemp(join(tmpdir(), 'lectern-browser-'));
  const store = await openDeckStore({ dataDir });
  const server: RunningServer = await startServer({
    store,
    media: store.media,
    token,
    port: 0,
    host: '127.0.0.1',
  });
  return {
    url: server.url,
    token,
    dataDir,
    async publishFile(path) {
      const answer = await publishLectureFile({ api: server.api, token, media: store.media }, path);
      return answer.statusCode ?? 0;
    },
    async api(method, path, body) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` };
      let payload: string | undefined;
      if (typeof body === 'string') {
        headers['content-type'] = 'application/yaml';
        payload = body;
      } else if (body !== undefined) {
        headers['content-type'] = 'application/json';
        payload = JSON.stringify(body);
      }
      const answer = await fetch(`${server.url}${path}`, { method, headers, body: payload });
      const text = await answer.text();
      return { status: answer.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Problems the page reports on its own: console errors, uncaught exceptions, CSP violations, failed requests. */
export function watchPage(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`requestfailed: ${request.url()}`));
  return problems;
}

/** Enter the token the way a person does: type it into the labelled field and press Enter. */
export async function enterToken(page: Page, token: string): Promise<void> {
  await page.getByLabel('Access token').fill(token);
  await page.getByLabel('Access token').press('Enter');
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core in the page (the context must bypass CSP) and answers the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export type { Browser, BrowserContext, Page };
