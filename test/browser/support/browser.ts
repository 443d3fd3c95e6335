import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from '../../../lambdas/node/chromium.js';

/** One Chromium for a test file. */
export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/** What the pages of a context did that a test may want to forbid: console errors, failed loads, foreign requests. */
export interface Recording {
  errors: string[];
  requests: string[];
  /** Requests to any origin but the site's (data: and about: URLs stay local and are not counted). */
  foreign(): string[];
}

/**
 * Record console errors, page errors, failed requests and every request of every page (popups too) and frame
 * in a context. `allowed` lists off-site URLs the content itself names (an image slide's https src).
 */
export function recordContext(
  context: BrowserContext,
  origin: string,
  allowed: readonly string[] = [],
): Recording {
  const rec: Recording = {
    errors: [],
    requests: [],
    foreign() {
      return this.requests.filter(
        (url) => /^(https?|wss?):/i.test(url) && new URL(url).origin !== origin && !allowed.includes(url),
      );
    },
  };
  context.on('console', (message) => {
    if (message.type() === 'error') rec.errors.push(`${message.page()?.url() ?? '?'}: ${message.text()}`);
  });
  context.on('weberror', (error) => rec.errors.push(`page error: ${error.error().message}`));
  context.on('request', (request) => rec.requests.push(request.url()));
  context.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    // An image of the site, or a stand-in one, whose frame was replaced before it loaded (the speaker
    // view reloads its frames) is cancelled, not failed: nothing a person would see as an error.
    const ours = new URL(request.url()).origin === origin || allowed.includes(request.url());
    if (reason === 'net::ERR_ABORTED' && ours && request.resourceType() === 'image') return;
    rec.errors.push(`request failed: ${request.url()} ${reason}`);
  });
  return rec;
}

/** A one-pixel PNG: what the fixture's https image slide gets instead of going to the internet. */
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

/** Answer requests for the given external image URLs locally, so fixtures with image slides stay offline. */
export async function serveImagesLocally(context: BrowserContext, urls: string[]): Promise<void> {
  for (const url of urls) {
    await context.route(url, (route) =>
      route.fulfill({ status: 200, contentType: 'image/png', body: PIXEL }),
    );
  }
}

/** A fresh context and page at the given size. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...options });
  const page = await context.newPage();
  return { context, page };
}

/** Open a deck and wait until reveal.js says it is ready. `query` is added to the URL (e.g. transition=none). */
export async function gotoDeck(page: Page, url: string, query = 'transition=none'): Promise<void> {
  await page.goto(query ? `${url}?${query}` : url, { waitUntil: 'load' });
  await page.waitForFunction(() =>
    (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal?.isReady(),
  );
}
