import { describe, expect, it } from 'vitest';
import { createTokenAuthorizer, singleAdmin } from '../../lambdas/api/authorize.js';
import { createApi } from '../../lambdas/api/create-api.js';
import { exportByJobFile } from '../../lambdas/api/export-jobs.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { createCourseStore } from '../../lambdas/store/course-store.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { apiEvent } from './support/api-event.js';
import { overlappingCalls } from './support/faulty-store.js';
import { createMemoryObjectStore } from './support/memory-object-store.js';

// Deployed, every storage call is a round trip to S3: a publish makes the ones that do not wait on
// each other side by side.

const TOKEN = 'api-overlap-token';

const lecture = (title: string) =>
  `id: overlap\ntitle: ${title}\nsections:\n  - title: One\n    slides:\n      - kind: statement\n        text: A statement.\n        notes: N.\n`;

describe('a publish through the API', () => {
  it('refreshes the course pages naming the deck and leaves the export job side by side', async () => {
    const { store: slow, overlapped } = overlappingCalls(createMemoryObjectStore());
    const api = createApi({
      store: createDeckStore(slow),
      courses: createCourseStore(slow),
      templates: loadTemplates(),
      authorize: createTokenAuthorizer(singleAdmin(TOKEN)),
      exporter: exportByJobFile(slow),
    });
    const send = (method: string, path: string, body: string) =>
      api(
        apiEvent({
          method,
          path,
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' },
          body,
        }),
      );
    expect((await send('PUT', '/api/decks/overlap', lecture('First'))).statusCode).toBe(201);
    const course = 'id: overlap-course\ntitle: A course\nlectures: [overlap]\n';
    expect((await send('PUT', '/api/courses/overlap-course', course)).statusCode).toBe(201);
    const answer = await send('PUT', '/api/decks/overlap', lecture('Second'));
    expect(answer.statusCode).toBe(201);
    const version = JSON.parse(answer.body ?? '{}').version as string;
    const job = new RegExp(`^put export-jobs/overlap/${version}\\.json$`);
    // The refresh reads the course, then the deck, then writes the page: the job is written meanwhile.
    expect(overlapped(job, /^(get|put) courses\/overlap-course\//)).toBe(true);
    // Both are there once the answer is given.
    expect(await slow.get(`export-jobs/overlap/${version}.json`)).toBeDefined();
    const stored = await slow.get('courses/overlap-course/index.html');
    expect(Buffer.from(stored?.body ?? []).toString('utf8')).toContain('Second');
  });
});
