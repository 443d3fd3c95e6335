import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './lambdas/node/chromium.js';
import { startServer } from './lambdas/server/start-server.js';
import { openDeckStore } from './lambdas/store/open-deck-store.js';
import { lectureYaml } from './test/integration/support/lectures.js';

const store = await openDeckStore({ dataDir: await mkdtemp(join(tmpdir(), 'proto-')) });
const server = await startServer({ store, token: 'proto-token-0123456789', port: 0, host: '127.0.0.1' });
const browser = await launchChromium();
const page = await browser.newPage();
await page.goto(`${server.url}/`);
await page.getByLabel('Access token').fill('proto-token-0123456789');
await page.getByLabel('Access token').press('Enter');
await page.getByRole('textbox', { name: 'Lecture text' }).fill(lectureYaml('proto'));
await page.waitForTimeout(2500);
await page.keyboard.press('Escape');
for (let i = 0; i < 4; i++) {
  await page.keyboard.press('Tab');
  console.log(await page.evaluate(() => { const f = document.querySelector('#preview-frame')!; return [document.activeElement?.tagName, document.activeElement?.id, f.matches(':focus'), f.matches(':focus-visible'), f.matches(':focus-within'), getComputedStyle(f).outlineStyle]; }));
}
await browser.close();
await server.close();
