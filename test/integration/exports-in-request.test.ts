import { describe, expect, it } from 'vitest';
import { createTokenAuthorizer, singleAdmin } from '../../lambdas/api/authorize.js';
import { createApi } from '../../lambdas/api/create-api.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { StorageError } from '../../lambdas/store/errors.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import type { ObjectStore } from '../../lambdas/store/object-store.js';
import { tempDir } from '../support/temp-dir.js';
import { apiEvent } from './support/api-event.js';
import { enospc } from './support/faulty-store.js';
import { lectureYaml } from './support/lectures.js';

// As deployed: a new version's exports are made in the request, after the version is stored.

const TOKEN = 'exports-in-request-token';
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' };

/** The disk store, whose first write of a PowerPoint file fails as a full disk would. */
function pptxFailsOnce(objects: ObjectStore): ObjectStore {
  let failed = false;
  return {
    ...objects,
    put(key, body, options) {
      if (!failed && key.endsWith('/deck.pptx')) {
        failed = true;
        return Promise.reject(new StorageError('disk full', { cause: enospc() }));
      }
      return objects.put(key, body, options);
    },
  };
}

describe('exports made in the request', () => {
  it('a failure to store them still publishes the version, says so, and the same publish again makes them', async () => {
    const store = createDeckStore(pptxFailsOnce(createFsObjectStore(tempDir('exports-in-request'))));
    const api = createApi({
      store,
      templates: loadTemplates(),
      authorize: createTokenAuthorizer(singleAdmin(TOKEN)),
    });
    const send = async () => {
      const result = await api(
        apiEvent({
          method: 'PUT',
          path: '/api/decks/exported',
          body: lectureYaml('exported'),
          headers: HEADERS,
        }),
      );
      return { status: result.statusCode, body: JSON.parse(result.body ?? '{}') };
    };

    const first = await send();
    expect(first.status).toBe(201);
    expect(first.body.warnings.map((w: { code: string }) => w.code)).toContain('export-failed');
    expect(await store.currentVersion('exported')).toBe(first.body.version);
    expect(await store.listVersionFiles('exported', first.body.version)).not.toContain('deck.pptx');

    const again = await send();
    expect(again.status).toBe(200);
    expect(again.body.warnings.map((w: { code: string }) => w.code)).not.toContain('export-failed');
    const pptx = await store.readVersionFile('exported', first.body.version, 'deck.pptx');
    expect([...(pptx?.body.subarray(0, 2) ?? [])]).toEqual([0x50, 0x4b]);
  });

  it('a deck going back to a stored version does not make its exports again, unless they are missing', async () => {
    const pptxPuts: string[] = [];
    const disk = createFsObjectStore(tempDir('exports-go-back'));
    let failNext = false;
    const objects: ObjectStore = {
      ...disk,
      put(key, body, options) {
        if (key.endsWith('/deck.pptx')) {
          pptxPuts.push(key);
          if (failNext) {
            failNext = false;
            return Promise.reject(new StorageError('disk full', { cause: enospc() }));
          }
        }
        return disk.put(key, body, options);
      },
    };
    const store = createDeckStore(objects);
    const api = createApi({
      store,
      templates: loadTemplates(),
      authorize: createTokenAuthorizer(singleAdmin(TOKEN)),
    });
    const publish = async (marker: string) => {
      const body = lectureYaml('going-back', marker);
      const result = await api(
        apiEvent({ method: 'PUT', path: '/api/decks/going-back', body, headers: HEADERS }),
      );
      expect(result.statusCode).toBe(201);
      return JSON.parse(result.body ?? '{}') as { version: string; warnings: { code: string }[] };
    };

    const first = await publish('First');
    await publish('Second');
    expect(pptxPuts).toHaveLength(2);
    const back = await publish('First');
    expect(back.version).toBe(first.version);
    expect(await store.currentVersion('going-back')).toBe(first.version);
    expect(pptxPuts).toHaveLength(2);

    // A version whose PowerPoint file was never stored gets it when the deck goes back to it.
    failNext = true;
    const third = await publish('Third');
    expect(third.warnings.map((w) => w.code)).toContain('export-failed');
    await publish('Second');
    expect(await store.listVersionFiles('going-back', third.version)).not.toContain('deck.pptx');
    const puts = pptxPuts.length;
    await publish('Third');
    expect(pptxPuts).toHaveLength(puts + 1);
    expect(await store.listVersionFiles('going-back', third.version)).toContain('deck.pptx');
  });
});
