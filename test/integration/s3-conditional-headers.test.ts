import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { ADA, ADMIN, makePublication } from './support/deck-fixture.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';

/** One PutObject as it left the SDK: the key and its conditional headers, as they went over the wire. */
interface SentPut {
  key: string;
  ifNoneMatch?: string;
  ifMatch?: string;
}

let s3: TestS3Server;
const sent: SentPut[] = [];

beforeAll(async () => {
  s3 = await startS3Server();
  // Runs after the SDK has built and signed the HTTP request: what is recorded is what s3rver receives.
  s3.client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { method?: string; path?: string; headers?: Record<string, string> };
      if (request.method === 'PUT' && request.path) {
        const headers = request.headers ?? {};
        sent.push({
          key: decodeURIComponent(request.path.replace(/^\/[^/]+\//, '')),
          ...(headers['if-none-match'] !== undefined ? { ifNoneMatch: headers['if-none-match'] } : {}),
          ...(headers['if-match'] !== undefined ? { ifMatch: headers['if-match'] } : {}),
        });
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordConditionalHeaders', priority: 'low' },
  );
});

afterAll(async () => {
  await s3?.dispose();
});

describe('the S3 adapter sends the conditions the store relies on', () => {
  it('creates versions, history and a new pointer with If-None-Match: *, and moves the pointer with If-Match: <etag read>', async () => {
    const objects = createS3ObjectStore(s3.client, s3.bucket);
    const store = createDeckStore(objects, { prefix: 'headers/' });
    await store.publishDeck(makePublication('checked', 'one'), ADA);
    const firstPointer = await objects.get('headers/checked/pointer.json');
    sent.length = 0;
    await store.publishDeck(makePublication('checked', 'two'), ADA);
    await store.deleteDeck('checked', ADMIN);

    expect(sent.length).toBeGreaterThanOrEqual(6);
    for (const put of sent) {
      const conditions = [put.ifNoneMatch, put.ifMatch].filter((value) => value !== undefined);
      // Every write is conditional: exactly one condition, never a blind overwrite.
      expect(conditions, put.key).toHaveLength(1);
      if (put.key.includes('/v/') || put.key.includes('/history/'))
        expect(put.ifNoneMatch, put.key).toBe('*');
    }
    const pointerWrites = sent.filter((put) => put.key === 'headers/checked/pointer.json');
    expect(pointerWrites).toHaveLength(2);
    expect(pointerWrites[0]?.ifMatch).toBe(firstPointer?.etag);
    expect(pointerWrites[0]?.ifMatch).toMatch(/^"[0-9a-f]{32}"$/);
    expect(pointerWrites[1]?.ifMatch).not.toBe(firstPointer?.etag);
  });
});
