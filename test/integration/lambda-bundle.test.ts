import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeApiBundle } from '../../infra/write-api-bundle.js';
import { apiEvent } from './support/api-event.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';

// The Lambda's code folder as the stack ships it (the handler, templates/, and in node_modules/ the
// packages it loads on demand: KaTeX, the media describers, the AWS SDK), run in fresh Node processes
// from a folder with no other node_modules above it, against a real S3-protocol server.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const run = promisify(execFile);

// Runs the events given as JSON, one after another, in one cold process; prints each answer.
const RUNNER = `
const [bundle, events] = process.argv.slice(2);
const { handler } = await import(bundle);
const answers = [];
for (const event of JSON.parse(events)) {
  const result = await handler(event, { awsRequestId: 'test', functionName: 'test', getRemainingTimeInMillis: () => 30000 });
  answers.push({ status: result.statusCode, body: JSON.parse(result.body ?? '{}') });
}
console.log(JSON.stringify(answers));
process.exit(0);
`;

describe('the shipped Lambda code folder', () => {
  let s3: TestS3Server;
  let dir: string;
  let runner: string;
  let handlerFile: string;

  beforeAll(async () => {
    s3 = await startS3Server();
    dir = await mkdtemp(join(tmpdir(), 'lectern-lambda-'));
    handlerFile = await writeApiBundle(join(dir, 'task'));
    runner = join(dir, 'runner.mjs');
    writeFileSync(runner, RUNNER);
  });
  afterAll(async () => {
    await s3?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const cold = async (events: ReturnType<typeof apiEvent>[]) => {
    const { stdout } = await run(process.execPath, [runner, handlerFile, JSON.stringify(events)], {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      },
    });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as {
      status: number;
      body: Record<string, unknown>;
    }[];
  };
  const claims = { sub: 'lambda-test-user' };

  it('publishes a lecture with math, and signs, checks and stores an uploaded figure', async () => {
    const lecture = readFileSync(join(FIXTURES, 'lectures', 'math.yaml'), 'utf8');
    const png = readFileSync(join(FIXTURES, 'media', 'figures', 'dot.png'));
    const claim = JSON.stringify({
      sha256: createHash('sha256').update(png).digest('hex'),
      type: 'image/png',
      size: png.byteLength,
    });
    const json = { 'content-type': 'application/json' };
    const [published, asked] = await cold([
      apiEvent({
        method: 'PUT',
        path: '/api/decks/math-deck',
        body: lecture,
        headers: { 'content-type': 'application/yaml' },
        claims,
      }),
      apiEvent({ method: 'POST', path: '/api/media', body: claim, headers: json, claims }),
    ]);
    expect(published?.status, JSON.stringify(published?.body)).toBeLessThan(300);
    const listed = await s3.client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'decks/math-deck/' }),
    );
    const keys = (listed.Contents ?? []).map((object) => object.Key ?? '');
    // KaTeX drew the formulas: the deck links its math style sheet, and it was stored.
    expect(keys.some((key) => key.endsWith('/math.css'))).toBe(true);
    expect(keys.some((key) => key.endsWith('.pptx'))).toBe(true);
    // The single-file page, made from the assets folder shipped beside the handler.
    expect(keys.some((key) => key.endsWith('/deck.html'))).toBe(true);

    expect(asked?.status).toBe(200);
    const { url, headers } = (asked?.body.upload ?? {}) as { url: string; headers: Record<string, string> };
    expect(new URL(url).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect((await fetch(url, { method: 'PUT', headers, body: png })).status).toBe(200);

    const [checked] = await cold([
      apiEvent({ method: 'POST', path: '/api/media/check', body: claim, headers: json, claims }),
    ]);
    expect(checked?.status, JSON.stringify(checked?.body)).toBe(201);
    expect(checked?.body).toMatchObject({ stored: true, type: 'image/png', width: 1, height: 1 });
  });

  it('checks an uploaded SVG with the parser shipped beside the handler', async () => {
    const svg = readFileSync(join(FIXTURES, 'media', 'figures', 'chart.svg'));
    const claim = JSON.stringify({
      sha256: createHash('sha256').update(svg).digest('hex'),
      type: 'image/svg+xml',
      size: svg.byteLength,
    });
    const json = { 'content-type': 'application/json' };
    const [asked] = await cold([
      apiEvent({ method: 'POST', path: '/api/media', body: claim, headers: json, claims }),
    ]);
    expect(asked?.status, JSON.stringify(asked?.body)).toBe(200);
    const { url, headers } = (asked?.body.upload ?? {}) as { url: string; headers: Record<string, string> };
    expect((await fetch(url, { method: 'PUT', headers, body: svg })).status).toBe(200);
    const [checked] = await cold([
      apiEvent({ method: 'POST', path: '/api/media/check', body: claim, headers: json, claims }),
    ]);
    expect(checked?.status, JSON.stringify(checked?.body)).toBe(201);
    expect(checked?.body).toMatchObject({ stored: true, type: 'image/svg+xml' });
  });
});
