import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createS3Client } from '../../../lambdas/store/s3-object-store.js';
import { createS3UploadSigner, UPLOAD_URL_SECONDS } from '../../../lambdas/store/s3-upload-signer.js';

// s3rver accepts any signature, so what S3 itself would refuse is checked here: the pre-signed URL is
// verified as S3 verifies a query-string-signed request (AWS Signature Version 4, as AWS documents
// it), against the request a browser or the CLI would send. The check is written from the
// specification, not taken from the SDK; it accepting the URL as signed is what shows it right.

const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};
const REGION = 'eu-west-1';
const SHA = 'ab'.repeat(32);

const hex = (text: string) => createHash('sha256').update(text).digest('hex');
const hmac = (key: string | Buffer, text: string) => createHmac('sha256', key).update(text).digest();
// RFC 3986: what SigV4 encodes, beyond encodeURIComponent.
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The signature S3 would compute for a PUT of `url` carrying `headers` (lower-case names). */
function signatureFor(url: URL, headers: Record<string, string>, secret: string): string {
  const query = [...url.searchParams].filter(([key]) => key !== 'X-Amz-Signature');
  const canonicalQuery = query
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const signed = (url.searchParams.get('X-Amz-SignedHeaders') ?? '').split(';');
  const all: Record<string, string> = { host: url.host, ...headers };
  const canonicalHeaders = signed.map((name) => `${name}:${(all[name] ?? '').trim()}\n`).join('');
  const canonicalRequest = [
    'PUT',
    url.pathname,
    canonicalQuery,
    canonicalHeaders,
    signed.join(';'),
    'UNSIGNED-PAYLOAD',
  ].join('\n');
  const [, date, region, service] = (url.searchParams.get('X-Amz-Credential') ?? '').split('/');
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    url.searchParams.get('X-Amz-Date'),
    scope,
    hex(canonicalRequest),
  ].join('\n');
  const key = ['aws4_request'].reduce(
    (k, part) => hmac(k, part),
    hmac(hmac(hmac(`AWS4${secret}`, date ?? ''), region ?? ''), service ?? ''),
  );
  return createHmac('sha256', key).update(stringToSign).digest('hex');
}

async function signedUpload(size: number) {
  const client = createS3Client({ region: REGION, credentials: CREDENTIALS });
  const sign = createS3UploadSigner(client, 'lectern-site', () => new Date('2026-12-02T10:00:00Z'));
  return sign({ sha256: SHA, type: 'png', size });
}

describe('the pre-signed upload URL, verified as S3 verifies it', () => {
  it('names one staging key, signs type, length and checksum, and expires in minutes', async () => {
    const target = await signedUpload(48213);
    const url = new URL(target.url);
    expect(url.pathname).toBe(`/media-uploads/${SHA}`);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;x-amz-checksum-sha256',
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(UPLOAD_URL_SECONDS));
    // The SHA-256 travels as a signed header (base64), which S3 checks against the bytes it receives.
    expect(target.headers).toEqual({
      'content-type': 'image/png',
      'x-amz-checksum-sha256': Buffer.from(SHA, 'hex').toString('base64'),
    });
    expect(url.searchParams.has('x-amz-checksum-sha256')).toBe(false);
  });

  it('matches the request the client is told to send', async () => {
    const target = await signedUpload(48213);
    const url = new URL(target.url);
    const sent = { ...target.headers, 'content-length': '48213' };
    expect(signatureFor(url, sent, CREDENTIALS.secretAccessKey)).toBe(
      url.searchParams.get('X-Amz-Signature'),
    );
  });

  it('does not match a PUT of another type, length, checksum, key or expiry, or with another secret', async () => {
    const target = await signedUpload(48213);
    const url = new URL(target.url);
    const given = url.searchParams.get('X-Amz-Signature');
    const sent = { ...target.headers, 'content-length': '48213' };
    const differs = (u: URL, h: Record<string, string>, secret = CREDENTIALS.secretAccessKey) =>
      expect(signatureFor(u, h, secret)).not.toBe(given);
    differs(url, { ...sent, 'content-type': 'text/html' });
    differs(url, { ...sent, 'content-type': 'image/svg+xml' });
    differs(url, { ...sent, 'content-length': '48214' });
    const otherBytes = createHash('sha256').update('other bytes').digest('base64');
    differs(url, { ...sent, 'x-amz-checksum-sha256': otherBytes });
    const otherKey = new URL(url);
    otherKey.pathname = `/media/${SHA.slice(0, 16)}.png`;
    differs(otherKey, sent);
    const longer = new URL(url);
    longer.searchParams.set('X-Amz-Expires', '604800');
    differs(longer, sent);
    differs(url, sent, 'not-the-secret');
  });
});
