import { describe, expect, it } from 'vitest';
import { createLocalUploads } from '../../../lambdas/server/local-uploads.js';

const HASH = 'a'.repeat(64);
const claim = { sha256: HASH, type: 'png' as const, size: 42 };

function split(url: string) {
  const [path = '', query = ''] = url.split('?');
  return { path, query };
}

describe('local upload URLs', () => {
  it('names the hash, the type and the length, and verifies as signed', async () => {
    const uploads = createLocalUploads();
    const target = await uploads.sign(claim);
    expect(target.method).toBe('PUT');
    expect(target.headers).toEqual({ 'content-type': 'image/png' });
    const { path, query } = split(target.url);
    expect(path).toBe(`/api/media/uploads/${HASH}`);
    expect(uploads.verify(path, query)).toEqual(claim);
  });

  it('refuses a URL whose size, type or hash was changed, or whose signature is not ours', async () => {
    const uploads = createLocalUploads();
    const { path, query } = split((await uploads.sign(claim)).url);
    const refused = (p: string, q: string) => 'problem' in uploads.verify(p, q);
    expect(refused(path, query.replace('size=42', 'size=43'))).toBe(true);
    expect(refused(path, query.replace('type=png', 'type=gif'))).toBe(true);
    expect(refused(path.replace(HASH, 'b'.repeat(64)), query)).toBe(true);
    const other = createLocalUploads();
    expect(refused(path, split((await other.sign(claim)).url).query)).toBe(true);
  });

  it('refuses a URL after it expires', async () => {
    let now = new Date('2026-12-02T10:00:00Z');
    const uploads = createLocalUploads(() => now);
    const { path, query } = split((await uploads.sign(claim)).url);
    now = new Date('2026-12-02T10:14:00Z');
    expect(uploads.verify(path, query)).toEqual(claim);
    now = new Date('2026-12-02T10:16:00Z');
    expect(uploads.verify(path, query)).toEqual({ problem: expect.stringMatching(/expired/) });
  });
});
