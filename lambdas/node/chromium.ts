import type { Browser, LaunchOptions } from 'playwright-core';

/** Debian's Chromium by default; CHROMIUM_PATH points elsewhere. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

// Flags that work on a root, offline machine (see TOOLCHAIN.md): headless, no sandbox, nothing that phones home.
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Start the system Chromium through playwright-core (loaded only when a browser is needed). */
export async function launchChromium(
  options: Omit<LaunchOptions, 'executablePath' | 'args'> = {},
): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ ...options, executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
}
