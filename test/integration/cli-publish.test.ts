import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../lambdas/cli/io.js';
import { runCli } from '../../lambdas/cli/run.js';
import { type RunningServer, startServer } from '../../lambdas/server/start-server.js';
import { createCourseStore } from '../../lambdas/store/course-store.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import { createMediaStore } from '../../lambdas/store/media-store.js';
import { lectureYaml } from './support/lectures.js';

const TOKEN = 'publish-token-0123456789abcdef';
const COURSE = resolve('content/cold-war/course.yaml');

let server: RunningServer;
let dataDir: string;

async function lectern(
  argv: string[],
  env: Record<string, string> = { LECTERN_TOKEN: TOKEN },
  cwd = process.cwd(),
) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), interactive: false, cwd, env };
  const code = await runCli(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'lectern-publish-'));
  const objects = createFsObjectStore(dataDir);
  server = await startServer({
    store: createDeckStore(objects),
    courses: createCourseStore(objects),
    media: createMediaStore(objects),
    token: TOKEN,
    port: 0,
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('lectern publish', () => {
  it('publishes a course file with its lectures, then the course, and prints each URL as JSON', async () => {
    const run = await lectern(['publish', COURSE, '--site', `${server.url}/`, '--json']);
    expect(run.stderr).not.toContain(TOKEN);
    expect(run.stdout).not.toContain(TOKEN);
    expect(run.code).toBe(0);
    const outcomes = JSON.parse(run.stdout) as {
      id: string;
      version?: string;
      url: string;
      status: number;
    }[];
    expect(outcomes.map((o) => [o.id, o.status])).toEqual([
      ['giant-new-ally', 201],
      ['uncertain-partners', 201],
      ['friendship-to-rivalry', 201],
      ['hist-214', 201],
    ]);
    expect(outcomes[0]?.url).toBe(`${server.url}/decks/giant-new-ally/`);
    expect(outcomes[0]?.version).toMatch(/^[a-z0-9]+$/);
    expect(outcomes[3]?.url).toBe(`${server.url}/courses/hist-214/`);
    const page = await (await fetch(`${server.url}/courses/hist-214/`)).text();
    const order = ['giant-new-ally', 'uncertain-partners', 'friendship-to-rivalry'].map((id) =>
      page.indexOf(`../../decks/${id}/`),
    );
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page).not.toContain('Not yet published');
  });

  it('answers 200 (unchanged) on a second run', async () => {
    const run = await lectern(['publish', COURSE, '--site', server.url, '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).map((o: { status: number }) => o.status)).toEqual([200, 200, 200, 200]);
  });

  it('does not send a lecture with errors, sends the others, says why and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lectern-publish-files-'));
    writeFileSync(join(dir, 'good.yaml'), lectureYaml('good-one'));
    writeFileSync(join(dir, 'bad.yaml'), lectureYaml('bad-one').replace('title: "Opening"', 'title: 42'));
    const run = await lectern(['publish', dir, '--site', server.url, '--token', TOKEN], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.yaml:\d+:\d+ {2}sections\[0\]\.title/);
    expect(run.stderr).toMatch(/bad\.yaml: not published/);
    expect(run.stdout).toContain(`${server.url}/decks/good-one/`);
    expect((await fetch(`${server.url}/decks/bad-one/`)).status).toBe(404);
    expect(run.stderr).not.toContain(TOKEN);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a refused token and an unreachable site are one line each, never a stack trace, never the token', async () => {
    const refused = await lectern([
      'publish',
      COURSE,
      '--site',
      server.url,
      '--token',
      'wrong-token-value-123',
    ]);
    expect(refused.code).toBe(1);
    const lines = refused.stderr.split('\n').filter((line) => line.includes(': not published: '));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/401 unauthorized/);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(refused.stderr).not.toContain('wrong-token-value-123');

    const port = await freePort();
    const away = await lectern(['publish', COURSE, '--site', `http://127.0.0.1:${port}`]);
    expect(away.code).toBe(1);
    expect(away.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(away.stderr).not.toMatch(/\n\s+at /);
    expect(away.stderr).not.toContain(TOKEN);
  });

  it('refuses to run without a site or a token (usage, exit 2)', async () => {
    expect((await lectern(['publish', COURSE])).code).toBe(2);
    const noToken = await lectern(['publish', COURSE, '--site', server.url], {});
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('LECTERN_TOKEN');
  });
});

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 1));
    });
  });
}
