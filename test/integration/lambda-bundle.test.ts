import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HeadObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeApiBundle } from '../../infra/write-api-bundle.js';
import { ENV } from '../../lambdas/site/env-names.js';
import { exportJobKey } from '../../lambdas/site/layout.js';
import { apiEvent } from './support/api-event.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';

// The Lambda's code folder as the stack ships it (the handler, templates/, and in node_modules/ the
// packages it loads on demand: KaTeX, the media describers, the AWS SDK), run in fresh Node processes
// from a folder with no other node_modules above it, against a real S3-protocol server.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const run = promisify(execFile);

// Runs the events given as JSON, one after another, in one cold process, with the bundle's export
// named (the API's \`handler\` unless told); prints each answer (null for a handler that answers nothing).
const RUNNER = `
const [bundle, events, name = 'handler'] = process.argv.slice(2);
const handler = (await import(bundle))[name];
if (typeof handler !== 'function') throw new Error(name + ' is not a function of the bundle');
const answers = [];
for (const event of JSON.parse(events)) {
  const result = await handler(event, { awsRequestId: 'test', functionName: 'test', getRemainingTimeInMillis: () => 30000 });
  answers.push(result === undefined ? null : { status: result.statusCode, body: JSON.parse(result.body ?? '{}') });
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

  const cold = async (events: unknown[], options: { name?: string; env?: Record<string, string> } = {}) => {
    const args = [runner, handlerFile, JSON.stringify(events), ...(options.name ? [options.name] : [])];
    const { stdout } = await run(process.execPath, args, {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        S3_BUCKET: s3.bucket,
        S3_ENDPOINT: s3.endpoint,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'S3RVER',
        AWS_SECRET_ACCESS_KEY: 'S3RVER',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        ...options.env,
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

  it("as the stack runs it: the API leaves a job file, and the bundle's exportHandler, given the bucket's event, makes the exports", async () => {
    const lecture = readFileSync(join(FIXTURES, 'lectures', 'math.yaml'), 'utf8').replace(
      /^id: .*$/m,
      'id: by-event-deck',
    );
    const [published] = await cold(
      [
        apiEvent({
          method: 'PUT',
          path: '/api/decks/by-event-deck',
          body: lecture,
          headers: { 'content-type': 'application/yaml' },
          claims,
        }),
      ],
      { env: { [ENV.exports]: 'event' } },
    );
    expect(published?.status, JSON.stringify(published?.body)).toBe(201);
    const version = String(published?.body.version);
    const job = exportJobKey('by-event-deck', version);
    const versionKeys = async () =>
      (
        await s3.client.send(
          new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `decks/by-event-deck/v/${version}/` }),
        )
      ).Contents?.map((object) => object.Key?.split('/').at(-1));
    expect(await versionKeys()).not.toContain('deck.pptx');
    await s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: job }));

    // The record as S3 sends it: the key URL-encoded.
    const record = { s3: { bucket: { name: s3.bucket }, object: { key: encodeURIComponent(job) } } };
    const answers = await cold([{ Records: [record] }, { Records: [record] }], { name: 'exportHandler' });
    // Both calls answer nothing; the second (a repeated event) finds the job gone.
    expect(answers).toEqual([null, null]);
    expect(await versionKeys()).toEqual(expect.arrayContaining(['deck.pptx', 'deck.html']));
    await expect(s3.client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: job }))).rejects.toThrow();
  });
});
