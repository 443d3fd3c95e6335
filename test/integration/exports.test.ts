import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateLecture } from '../../scripts/bench-lecture.js';
import { tempDir } from '../support/temp-dir.js';
import { PROCESS_TOKEN, type ServerProcess, startServerProcess } from './support/server-process.js';

// `npm start` (dist/server.mjs) makes a new version's PowerPoint file and single-file page after the
// publish has answered, in a worker thread with a heap bound.

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.kill();
});

async function start(dataDir: string, env: Record<string, string> = {}) {
  const server = await startServerProcess({ LECTERN_DATA_DIR: dataDir, ...env });
  running.push(server);
  return server;
}

async function publish(url: string, id: string, text: string) {
  const answer = await fetch(`${url}/api/decks/${id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${PROCESS_TOKEN}`, 'content-type': 'application/yaml' },
    body: text,
  });
  return { status: answer.status, body: (await answer.json()) as { version: string; warnings: unknown[] } };
}

const bytesOf = async (answer: Response) => new Uint8Array(await answer.arrayBuffer());

describe('exports made after the publish answers', () => {
  it('answers before the PowerPoint file is stored, and a download asked for then waits for it', async () => {
    const dataDir = tempDir('exports');
    const server = await start(dataDir);
    // 600 slides take the worker a second or more: far longer than the next line.
    const published = await publish(server.url, 'bench-600', generateLecture(600));
    expect(published.status).toBe(201);
    const folder = join(dataDir, 'decks', 'bench-600', 'v', published.body.version);
    expect(existsSync(join(folder, 'index.html'))).toBe(true);
    expect(existsSync(join(folder, 'deck.pptx'))).toBe(false);

    const pptx = await fetch(`${server.url}/decks/bench-600/deck.pptx`);
    expect(pptx.status).toBe(200);
    expect((await bytesOf(pptx)).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    const page = await fetch(`${server.url}/decks/bench-600/deck.html`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('</html>');
    expect(existsSync(join(folder, 'deck.pptx'))).toBe(true);
  }, 60_000);

  it.runIf(process.platform === 'linux')(
    'makes them in a thread of lower priority than the one that answers',
    async () => {
      const server = await start(tempDir('exports-priority'));
      const pid = server.child.pid;
      // Each thread's nice value: the 19th field of its stat line, after the command in parentheses.
      const niceness = () =>
        readdirSync(`/proc/${pid}/task`).map((thread) => {
          const stat = readFileSync(`/proc/${pid}/task/${thread}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
        });
      expect(niceness().every((nice) => nice === 0)).toBe(true);
      const published = await publish(server.url, 'niced', generateLecture(60, 'niced'));
      expect(published.status).toBe(201);
      // Its download waits for the exports, so the worker has started by then.
      expect((await fetch(`${server.url}/decks/niced/deck.pptx`)).status).toBe(200);
      const after = niceness();
      expect(after.filter((nice) => nice > 0)).toEqual([10]);
      // The thread that answers (the process's first, whose id is the pid) keeps its priority.
      const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
      expect(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])).toBe(0);
    },
    60_000,
  );

  it('a deck over the heap bound gets no exports, the server stays up, and the same publish later makes them', async () => {
    const dataDir = tempDir('exports-bound');
    const small = await start(dataDir, { LECTERN_EXPORT_MEMORY_MB: '32' });
    const first = await publish(small.url, 'bounded', generateLecture(600, 'bounded'));
    expect(first.status).toBe(201);
    expect((await fetch(`${small.url}/decks/bounded/deck.pptx`)).status).toBe(404);
    expect((await fetch(`${small.url}/decks/bounded/`)).status).toBe(200);
    expect(
      (
        await fetch(`${small.url}/api/decks/bounded`, {
          headers: { authorization: `Bearer ${PROCESS_TOKEN}` },
        })
      ).status,
    ).toBe(200);
    await small.kill();

    const roomy = await start(dataDir);
    const again = await publish(roomy.url, 'bounded', generateLecture(600, 'bounded'));
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(first.body.version);
    const pptx = await fetch(`${roomy.url}/decks/bounded/deck.pptx`);
    expect(pptx.status).toBe(200);
    expect((await bytesOf(pptx)).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
    expect((await fetch(`${roomy.url}/decks/bounded/deck.html`)).status).toBe(200);
  }, 60_000);

  it('refuses a heap bound that is not a number of MiB at start', async () => {
    await expect(
      startServerProcess({ LECTERN_DATA_DIR: tempDir('exports-bad'), LECTERN_EXPORT_MEMORY_MB: 'lots' }),
    ).rejects.toThrow(/LECTERN_EXPORT_MEMORY_MB must be a whole number of MiB/);
  });
});
