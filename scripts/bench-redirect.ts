import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { generateLecture } from './bench-lecture.js';
import { startServerProcess, stopServerProcess, TOKEN } from './bench-server.js';

async function median(url: string, path: string): Promise<{ rps: number; p50: number; p99: number }> {
  const result = await autocannon({ url: `${url}${path}`, connections: 8, duration: 4 });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

/** Print the cost of resolving a deck's current URL through its pointer. */
export async function benchRedirect(root: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lectern-bench-redirect-'));
  const server = await startServerProcess(root, dataDir);
  try {
    const published = await fetch(`${server.url}/api/decks/bench-redirect`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' },
      body: generateLecture(60, 'bench-redirect'),
    });
    const { version } = (await published.json()) as { version: string };
    const redirect = await median(server.url, '/decks/bench-redirect/');
    const page = await median(server.url, `/decks/bench-redirect/v/${version}/`);
    // One browser open: the 302 and then the page, on one connection, timed end to end.
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const begin = process.hrtime.bigint();
      await (await fetch(`${server.url}/decks/bench-redirect/`)).arrayBuffer();
      samples.push(Number(process.hrtime.bigint() - begin) / 1e6);
    }
    const direct: number[] = [];
    for (let i = 0; i < 200; i++) {
      const begin = process.hrtime.bigint();
      await (await fetch(`${server.url}/decks/bench-redirect/v/${version}/`)).arrayBuffer();
      direct.push(Number(process.hrtime.bigint() - begin) / 1e6);
    }
    const mid = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
    console.log('request                               req/s  p50 ms  p99 ms');
    console.log(
      `302 /decks/{id}/ (reads the pointer)  ${redirect.rps.toFixed(0).padStart(5)}  ${String(redirect.p50).padStart(6)}  ${String(redirect.p99).padStart(6)}`,
    );
    console.log(
      `200 /decks/{id}/v/{version}/          ${page.rps.toFixed(0).padStart(5)}  ${String(page.p50).padStart(6)}  ${String(page.p99).padStart(6)}`,
    );
    console.log(
      `opening a deck, one client, median of 200: via the redirect ${mid(samples).toFixed(2)} ms, straight to the version ${mid(direct).toFixed(2)} ms`,
    );
  } finally {
    await stopServerProcess(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
