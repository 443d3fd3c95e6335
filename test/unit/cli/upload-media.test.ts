import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type SiteAnswer, type SiteClient, SiteRequestError } from '../../../lambdas/cli/site-client.js';
import { createMediaUploader, type LocalImage } from '../../../lambdas/cli/upload-media.js';

// The uploader talks to the site through the SiteClient it is given; here that is a small site
// in memory that records what it was asked, so the number of round trips can be counted.

const folder = mkdtempSync(join(tmpdir(), 'lectern-upload-media-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function image(name: string, sha256: string, type = 'png'): LocalImage {
  const path = join(folder, name);
  writeFileSync(path, `bytes of ${name}`);
  return { path, file: { sha256, type, size: 12 } };
}

interface Recorded {
  method: string;
  path: string;
  body: unknown;
}

function memorySite(stored: Set<string>, options: { batch?: boolean; refuse?: string } = {}) {
  const calls: Recorded[] = [];
  const uploads: string[] = [];
  const answerFor = (claim: { sha256: string }) =>
    stored.has(claim.sha256)
      ? { stored: true, sha256: claim.sha256 }
      : { stored: false, sha256: claim.sha256, upload: { url: `/up/${claim.sha256}`, headers: {} } };
  const client: SiteClient = {
    base: 'http://site.test',
    async send(method, path, body) {
      const parsed = JSON.parse(String(body)) as { files?: { sha256: string }[]; sha256: string };
      calls.push({ method, path, body: parsed });
      if (path === '/api/media') {
        if (parsed.files) {
          if (options.batch === false)
            throw new SiteRequestError('POST /api/media: 400 bad-media-request', 400);
          return { status: 200, body: { files: parsed.files.map(answerFor) } } satisfies SiteAnswer;
        }
        return { status: 200, body: answerFor(parsed) };
      }
      if (parsed.sha256 === options.refuse)
        throw new SiteRequestError('POST /api/media/check: 422 media-rejected: no', 422);
      stored.add(parsed.sha256);
      return { status: 201, body: { stored: true } };
    },
    async upload(url) {
      uploads.push(url);
      return 201;
    },
  };
  return { client, calls, uploads };
}

describe('the media uploader of lectern publish', () => {
  it('asks about every file in one request and uploads nothing the site holds', async () => {
    const site = memorySite(new Set(['a'.repeat(64), 'b'.repeat(64)]));
    const uploader = createMediaUploader(site.client);
    const images = [
      image('a.png', 'a'.repeat(64)),
      image('b.png', 'b'.repeat(64)),
      image('a2.png', 'a'.repeat(64)),
    ];
    expect((await uploader.ensure(images)).size).toBe(0);
    expect(site.calls).toHaveLength(1);
    expect((site.calls[0]?.body as { files?: unknown[] } | undefined)?.files).toHaveLength(2);
    expect(site.uploads).toEqual([]);
    expect(uploader.uploaded).toBe(0);
  });

  it('uploads and checks each missing file once, and names the ones the site refused', async () => {
    const site = memorySite(new Set(['a'.repeat(64)]), { refuse: 'c'.repeat(64) });
    const uploader = createMediaUploader(site.client);
    const failed = await uploader.ensure([
      image('a.png', 'a'.repeat(64)),
      image('b.png', 'b'.repeat(64)),
      image('c.svg', 'c'.repeat(64), 'svg'),
      image('b-again.png', 'b'.repeat(64)),
    ]);
    expect(site.uploads.sort()).toEqual([`/up/${'b'.repeat(64)}`, `/up/${'c'.repeat(64)}`]);
    expect([...failed.keys()]).toEqual(['c'.repeat(64)]);
    expect(failed.get('c'.repeat(64))?.status).toBe(422);
    expect(uploader.uploaded).toBe(1);
  });

  it('asks file by file a site that does not know the batch form', async () => {
    const site = memorySite(new Set(['a'.repeat(64)]), { batch: false });
    const uploader = createMediaUploader(site.client);
    const failed = await uploader.ensure([image('a.png', 'a'.repeat(64)), image('b.png', 'b'.repeat(64))]);
    expect(failed.size).toBe(0);
    expect(site.calls.filter((c) => c.path === '/api/media')).toHaveLength(3);
    expect(site.uploads).toEqual([`/up/${'b'.repeat(64)}`]);
  });

  it('makes no request when no lecture has an image', async () => {
    const site = memorySite(new Set());
    expect((await createMediaUploader(site.client).ensure([])).size).toBe(0);
    expect(site.calls).toEqual([]);
  });
});
