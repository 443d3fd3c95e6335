import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenAuthorizer, singleAdmin } from '../../lambdas/api/authorize.js';
import { type Api, createApi } from '../../lambdas/api/create-api.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { type RunningServer, startServer } from '../../lambdas/server/start-server.js';
import { type CourseStore, createCourseStore } from '../../lambdas/store/course-store.js';
import { createDeckStore } from '../../lambdas/store/deck-store.js';
import { createFsObjectStore } from '../../lambdas/store/fs-object-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { apiEvent, type EventInput } from './support/api-event.js';
import { lectureYaml } from './support/lectures.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';

const TOKEN = 'test-token-0123456789';
const YAML = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' };

let s3: TestS3Server;
let courses: CourseStore;
let api: Api;

const call = async (input: EventInput) => {
  const result = await api(apiEvent(input));
  return { status: result.statusCode, body: result.body ? JSON.parse(result.body) : undefined };
};
const putDeck = (id: string, marker = 'first') =>
  call({ method: 'PUT', path: `/api/decks/${id}`, headers: YAML, body: lectureYaml(id, marker) });
const putCourse = (id: string, body: string) =>
  call({ method: 'PUT', path: `/api/courses/${id}`, headers: YAML, body });
const page = async (id: string) => {
  const object = await courses.readCourseFile(id, 'index.html');
  expect(object?.contentType).toMatch(/^text\/html/);
  return parseHTML(Buffer.from(object?.body ?? []).toString('utf8')).document;
};
const cardTitles = (doc: Document) =>
  [...doc.querySelectorAll('.deck-card h3')].map((h) => h.textContent?.trim());

const COURSE = `id: cold-war
title: Allies and Rivals
code: HIST 214
term: Spring 2027
description: The Sino-Soviet alliance from 1945 to 2001.
lectures: [second, first, third]
`;

beforeAll(async () => {
  s3 = await startS3Server();
  const objects = createS3ObjectStore(s3.client, s3.bucket);
  courses = createCourseStore(objects);
  api = createApi({
    store: createDeckStore(objects),
    courses,
    templates: loadTemplates(),
    authorize: createTokenAuthorizer(singleAdmin(TOKEN)),
    clock: () => new Date('2026-12-02T08:00:00.000Z'),
  });
});

afterAll(async () => {
  await s3?.dispose();
});

describe('courses over the API', () => {
  it('stores a course (201), then the same again (200), and lists and reads it', async () => {
    await putDeck('first');
    await putDeck('second');
    const created = await putCourse('cold-war', COURSE);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'cold-war',
      title: 'Allies and Rivals',
      lectures: ['second', 'first', 'third'],
      url: '/courses/cold-war/',
      owner: { name: 'admin' },
    });
    expect((await putCourse('cold-war', COURSE)).status).toBe(200);
    const listed = await call({ method: 'GET', path: '/api/courses', headers: YAML });
    expect(listed.body.courses.map((c: { id: string }) => c.id)).toEqual(['cold-war']);
    const one = await call({ method: 'GET', path: '/api/courses/cold-war', headers: YAML });
    expect(one.body.code).toBe('HIST 214');
  });

  it('renders the page in the course order, the missing lecture as not yet published', async () => {
    const doc = await page('cold-war');
    expect(doc.querySelector('h2')?.textContent).toBe('Allies and Rivals');
    expect(doc.querySelector('.course-code')?.textContent).toBe('HIST 214 · Spring 2027');
    expect(doc.querySelector('.course-description')?.textContent).toContain('Sino-Soviet');
    expect(cardTitles(doc)).toEqual(['Lecture second', 'Lecture first', 'third']);
    const pending = doc.querySelector('.deck-pending');
    expect(pending?.textContent).toContain('Not yet published');
    expect(pending?.querySelector('a')).toBeNull();
    const links = [...doc.querySelectorAll('.deck-card a')].map((a) => a.getAttribute('href'));
    expect(links).toContain('../../decks/second/');
    expect(links).toContain('../../decks/first/handout.html');
    const pptx = doc.querySelector('.deck-card a[href="../../decks/first/deck.pptx"]');
    expect(pptx?.getAttribute('download')).toBe('first.pptx');
    expect(doc.querySelector('link[rel=stylesheet]')?.getAttribute('href')).toBe(
      '../../assets/lectern-course.css',
    );
  });

  it('re-renders the page when one of its decks is published or deleted', async () => {
    await putDeck('third');
    expect(cardTitles(await page('cold-war'))).toEqual(['Lecture second', 'Lecture first', 'Lecture third']);
    expect((await call({ method: 'DELETE', path: '/api/decks/first', headers: YAML })).status).toBe(204);
    expect(cardTitles(await page('cold-war'))).toEqual(['Lecture second', 'first', 'Lecture third']);
  });

  it('re-renders the page when an older version of one of its decks is restored', async () => {
    const titled = (title: string) => lectureYaml('second', title).replace('"Lecture second"', `"${title}"`);
    const first = await call({
      method: 'PUT',
      path: '/api/decks/second',
      headers: YAML,
      body: titled('Old title'),
    });
    await call({ method: 'PUT', path: '/api/decks/second', headers: YAML, body: titled('New title') });
    expect(cardTitles(await page('cold-war'))[0]).toBe('New title');
    const restored = await call({
      method: 'POST',
      path: '/api/decks/second/restore',
      headers: { ...YAML, 'content-type': 'application/json' },
      body: JSON.stringify({ version: first.body.version }),
    });
    expect(restored.status).toBe(201);
    expect(cardTitles(await page('cold-war'))[0]).toBe('Old title');
  });

  it('refuses a course with errors (422 naming each path), a bad id in the body, and changes nothing', async () => {
    const bad = await putCourse('cold-war', 'id: cold-war\ntitle: ""\nlectures: [first, first, Not_An_Id]\n');
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('invalid-course');
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(
      expect.arrayContaining(['title', 'lectures[2]']),
    );
    const other = await putCourse('cold-war', COURSE.replace('id: cold-war', 'id: another'));
    expect(other.status).toBe(422);
    expect(other.body.error.details[0]).toMatchObject({ path: 'id', line: 1 });
    const unreadable = await putCourse('cold-war', 'id: [unclosed\n');
    expect(unreadable.status).toBe(400);
    expect((await courses.getCourse('cold-war'))?.course.lectures).toEqual(['second', 'first', 'third']);
  });

  it('deletes a course and its page (204), then 404', async () => {
    expect((await call({ method: 'DELETE', path: '/api/courses/cold-war', headers: YAML })).status).toBe(204);
    expect(await courses.readCourseFile('cold-war', 'index.html')).toBeUndefined();
    const gone = await call({ method: 'GET', path: '/api/courses/cold-war', headers: YAML });
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('course-not-found');
    expect((await call({ method: 'DELETE', path: '/api/courses/cold-war', headers: YAML })).status).toBe(404);
  });
});

describe('the course page on the local site', () => {
  let server: RunningServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'lectern-courses-'));
    const objects = createFsObjectStore(dataDir);
    server = await startServer({
      store: createDeckStore(objects),
      courses: createCourseStore(objects),
      token: TOKEN,
      port: 0,
    });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves /courses/{id}/ after a PUT, redirects the bare path, and 404s the document and unknown ids', async () => {
    const put = await fetch(`${server.url}/api/courses/cold-war`, {
      method: 'PUT',
      headers: YAML,
      body: COURSE,
    });
    expect(put.status).toBe(201);
    const served = await fetch(`${server.url}/courses/cold-war/`);
    expect(served.status).toBe(200);
    expect(served.headers.get('cache-control')).toBe('no-cache');
    expect(await served.text()).toContain('Allies and Rivals');
    const bare = await fetch(`${server.url}/courses/cold-war`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/courses/cold-war/');
    expect((await fetch(`${server.url}/courses/cold-war/course.json`)).status).toBe(404);
    expect((await fetch(`${server.url}/courses/nothing/`)).status).toBe(404);
  });
});
