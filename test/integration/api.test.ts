import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorizeByJwtClaims, createTokenAuthorizer, singleAdmin } from '../../lambdas/api/authorize.js';
import { type Api, createApi } from '../../lambdas/api/create-api.js';
import { MAX_BODY_BYTES } from '../../lambdas/api/read-body.js';
import { loadTemplates } from '../../lambdas/node/templates-fs.js';
import { createDeckStore, type DeckStore } from '../../lambdas/store/deck-store.js';
import { createS3ObjectStore } from '../../lambdas/store/s3-object-store.js';
import { openPptx } from '../unit/pptx/pptx-helpers.js';
import { apiEvent, type EventInput } from './support/api-event.js';
import { textOf } from './support/deck-fixture.js';
import { ALL_KINDS_YAML, bigLectureYaml, lectureJson, lectureYaml } from './support/lectures.js';
import { startS3Server, type TestS3Server } from './support/s3-server.js';

const TOKEN = 'test-token-0123456789';
const AUTH = { authorization: `Bearer ${TOKEN}` };
const YAML = { ...AUTH, 'content-type': 'application/yaml' };
const JSON_TYPE = { ...AUTH, 'content-type': 'application/json' };

let s3: TestS3Server;
let store: DeckStore;
let api: Api;
const logged: unknown[] = [];

/** Every diagnostic the API returns: `{severity, code, path, message, line?, col?}`, in that order. */
function expectDetail(detail: Record<string, unknown>, severity: 'error' | 'warning') {
  const keys = Object.keys(detail);
  expect(keys.slice(0, 4)).toEqual(['severity', 'code', 'path', 'message']);
  expect(
    keys.slice(4).every((key) => key === 'line' || key === 'col'),
    keys.join(),
  ).toBe(true);
  expect(detail.severity).toBe(severity);
  expect(detail.code).toEqual(expect.any(String));
  expect(detail.path).toEqual(expect.any(String));
  expect(detail.message).toEqual(expect.any(String));
}

const call = async (input: EventInput) => {
  const result = await api(apiEvent(input));
  const body = result.body ? JSON.parse(result.body) : undefined;
  return { status: result.statusCode, headers: result.headers ?? {}, body };
};

beforeAll(async () => {
  s3 = await startS3Server();
  store = createDeckStore(createS3ObjectStore(s3.client, s3.bucket));
  const capture =
    (level: string) =>
    (...args: unknown[]): void => {
      logged.push({ level, args });
    };
  api = createApi({
    store,
    templates: loadTemplates(),
    authorize: createTokenAuthorizer(singleAdmin(TOKEN)),
    clock: () => new Date('2026-11-25T08:00:00.000Z'),
    logger: { info: capture('info'), warn: capture('warn'), error: capture('error') },
  });
});

afterAll(async () => {
  await s3?.dispose();
});

describe('401: the token', () => {
  it('refuses a request without a token, and stores nothing', async () => {
    const answer = await call({
      method: 'POST',
      path: '/api/decks',
      body: lectureYaml('no-token'),
      headers: { 'content-type': 'application/yaml' },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('unauthorized');
    expect(answer.headers['www-authenticate']).toBe('Bearer');
    expect(await store.getDeck('no-token')).toBeUndefined();
  });

  it('refuses a wrong token, another scheme, and a token with extra characters', async () => {
    for (const authorization of [`Bearer ${TOKEN}x`, 'Bearer wrong', `Basic ${TOKEN}`, `Bearer`, TOKEN]) {
      const answer = await call({ method: 'GET', path: '/api/decks', headers: { authorization } });
      expect(answer.status, authorization).toBe(401);
    }
  });

  it('checks the token before anything else: an unknown route or bad body is still 401', async () => {
    expect((await call({ method: 'GET', path: '/api/nothing' })).status).toBe(401);
    expect((await call({ method: 'POST', path: '/api/decks', body: '{', headers: JSON_TYPE })).status).toBe(
      400,
    );
    expect((await call({ method: 'POST', path: '/api/decks', body: '{' })).status).toBe(401);
  });

  it('deployed: trusts the claims the JWT authorizer verified, and nothing else', async () => {
    const deployed = createApi({ store, templates: loadTemplates(), authorize: authorizeByJwtClaims });
    const withClaims = await deployed(
      apiEvent({ method: 'GET', path: '/api/decks', claims: { sub: 'user-1' } }),
    );
    expect(withClaims.statusCode).toBe(200);
    const bearerOnly = await deployed(apiEvent({ method: 'GET', path: '/api/decks', headers: AUTH }));
    expect(bearerOnly.statusCode).toBe(401);
    // No sessions deployed: the page learns it from a 404 and keeps the ID token in memory.
    const signIn = await deployed(
      apiEvent({ method: 'POST', path: '/api/session', claims: { sub: 'user-1' } }),
    );
    expect([signIn.statusCode, signIn.cookies]).toEqual([404, undefined]);
  });
});

describe('publishing', () => {
  it('POST /api/decks stores a YAML lecture: 201 with the deck and its addresses', async () => {
    const answer = await call({ method: 'POST', path: '/api/decks', body: ALL_KINDS_YAML, headers: YAML });
    expect(answer.status).toBe(201);
    expect(answer.headers.location).toBe('/api/decks/all-kinds');
    expect(answer.body).toMatchObject({
      id: 'all-kinds',
      url: '/decks/all-kinds/',
      handoutUrl: '/decks/all-kinds/handout.html',
    });
    expect(answer.body.version).toMatch(/^[a-z0-9]+$/);
    expect(answer.body.slides).toBeGreaterThan(5);
    expect(answer.body.warnings).toEqual([]);
    expect(answer.body.versionUrl).toBe(`/decks/all-kinds/v/${answer.body.version}/`);

    // Rendered once, for its version folder: /decks/all-kinds/ redirects there.
    expect(await store.currentVersion('all-kinds')).toBe(answer.body.version);
    const versioned = textOf(await store.readVersionFile('all-kinds', answer.body.version, 'index.html'));
    expect(versioned).toContain('../../../../assets/');
    expect(versioned).not.toMatch(/"\.\.\/\.\.\/assets\//);
  });

  it('stores the deck as deck.pptx in the same version: its content type, download name and slides', async () => {
    const answer = await call({
      method: 'PUT',
      path: '/api/decks/pptx-deck',
      body: lectureYaml('pptx-deck'),
      headers: YAML,
    });
    expect(answer.status).toBe(201);
    expect(answer.body.pptxUrl).toBe('/decks/pptx-deck/deck.pptx');
    const file = await store.readVersionFile('pptx-deck', answer.body.version, 'deck.pptx');
    expect(file?.contentType).toBe(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    );
    const pptx = await openPptx(file?.body ?? new Uint8Array());
    expect(pptx.slides).toHaveLength(answer.body.slides);
    // The bucket keeps the name a browser saves the file under (CloudFront passes it on).
    const head = await s3.client.send(
      new HeadObjectCommand({ Bucket: s3.bucket, Key: `decks/pptx-deck/v/${answer.body.version}/deck.pptx` }),
    );
    expect(head.ContentDisposition).toBe('attachment; filename="pptx-deck.pptx"');
    const listed = await call({ method: 'GET', path: '/api/decks', headers: AUTH });
    const summary = listed.body.decks.find((d: { id: string }) => d.id === 'pptx-deck');
    expect(summary.pptxUrl).toBe('/decks/pptx-deck/deck.pptx');
  });

  it('answers 200 with the same version when the deck already holds this content', async () => {
    const first = await call({
      method: 'POST',
      path: '/api/decks',
      body: lectureYaml('same-twice'),
      headers: YAML,
    });
    const again = await call({
      method: 'POST',
      path: '/api/decks',
      body: lectureYaml('same-twice'),
      headers: YAML,
    });
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('takes JSON, with a charset parameter', async () => {
    const answer = await call({
      method: 'POST',
      path: '/api/decks',
      body: lectureJson('json-deck'),
      headers: { ...AUTH, 'content-type': 'application/json; charset=utf-8' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body.id).toBe('json-deck');
  });

  it('takes a base64-encoded body, as API Gateway passes some', async () => {
    const answer = await call({
      method: 'POST',
      path: '/api/decks',
      body: lectureYaml('encoded-deck'),
      headers: { ...AUTH, 'content-type': 'text/yaml' },
      base64: true,
    });
    expect(answer.status).toBe(201);
    expect(answer.body.id).toBe('encoded-deck');
  });

  it('reports lint warnings without refusing the deck', async () => {
    const noNotes = lectureYaml('warned-deck').replace(/ {8}notes: \|\n.*\n/, '');
    const answer = await call({ method: 'POST', path: '/api/decks', body: noNotes, headers: YAML });
    expect(answer.status).toBe(201);
    expect(answer.body.warnings.length).toBeGreaterThan(0);
    for (const warning of answer.body.warnings) expectDetail(warning, 'warning');
  });

  it('gives warnings the shape deck.json gives them, on POST, PUT, GET and validate alike', async () => {
    const noNotes = lectureYaml('same-shape').replace(/ {8}notes: \|\n.*\n/, '');
    const posted = await call({ method: 'POST', path: '/api/decks', body: noNotes, headers: YAML });
    expect(posted.status).toBe(201);
    const stored = await call({ method: 'GET', path: '/api/decks/same-shape', headers: AUTH });
    expect(stored.body.warnings.length).toBeGreaterThan(0);
    expect(posted.body.warnings).toEqual(stored.body.warnings);
    // Key for key and in the same order: what a client compares as text matches too.
    expect(JSON.stringify(posted.body.warnings)).toBe(JSON.stringify(stored.body.warnings));

    const put = await call({
      method: 'PUT',
      path: '/api/decks/same-shape-put',
      body: lectureYaml(undefined).replace(/ {8}notes: \|\n.*\n/, ''),
      headers: YAML,
    });
    expect(put.status).toBe(201);
    const putStored = await call({ method: 'GET', path: '/api/decks/same-shape-put', headers: AUTH });
    expect(JSON.stringify(put.body.warnings)).toBe(JSON.stringify(putStored.body.warnings));

    const checked = await call({ method: 'POST', path: '/api/validate', body: noNotes, headers: YAML });
    expect(JSON.stringify(checked.body.warnings)).toBe(JSON.stringify(stored.body.warnings));
  });

  it('PUT /api/decks/{id} takes the id from the path when the lecture has none', async () => {
    const answer = await call({
      method: 'PUT',
      path: '/api/decks/from-path',
      body: lectureYaml(undefined),
      headers: YAML,
    });
    expect(answer.status).toBe(201);
    expect(answer.body.id).toBe('from-path');
    expect((await store.getDeck('from-path'))?.id).toBe('from-path');
  });

  it('PUT with a matching id stores it; with a different id answers 422 at `id`', async () => {
    const same = await call({
      method: 'PUT',
      path: '/api/decks/put-deck',
      body: lectureYaml('put-deck'),
      headers: YAML,
    });
    expect(same.status).toBe(201);
    const other = await call({
      method: 'PUT',
      path: '/api/decks/put-deck',
      body: lectureYaml('elsewhere'),
      headers: YAML,
    });
    expect(other.status).toBe(422);
    expect(other.body.error.details).toEqual([
      expect.objectContaining({ severity: 'error', code: expect.any(String), path: 'id', line: 1 }),
    ]);
    expectDetail(other.body.error.details[0], 'error');
    expect(await store.getDeck('elsewhere')).toBeUndefined();
  });
});

describe('reading and deleting', () => {
  it('GET /api/decks lists the stored decks', async () => {
    await call({ method: 'POST', path: '/api/decks', body: lectureYaml('listed-deck'), headers: YAML });
    const answer = await call({ method: 'GET', path: '/api/decks', headers: AUTH });
    expect(answer.status).toBe(200);
    const listed = answer.body.decks.find((deck: { id: string }) => deck.id === 'listed-deck');
    expect(listed).toEqual({
      owner: 'admin',
      id: 'listed-deck',
      title: 'Lecture listed-deck',
      version: expect.any(String),
      slides: expect.any(Number),
      updatedAt: '2026-11-25T08:00:00.000Z',
      url: '/decks/listed-deck/',
      handoutUrl: '/decks/listed-deck/handout.html',
      speakerUrl: '/decks/listed-deck/?speaker',
      pptxUrl: '/decks/listed-deck/deck.pptx',
      singleFileUrl: '/decks/listed-deck/deck.html',
      duration: 2,
      estimatedMinutes: expect.any(Number),
    });
  });

  it('GET /api/decks groups the decks by their course line, each course in teaching order', async () => {
    const inCourse = (id: string, date: string, course = 'HIST 214 · The Cold War') =>
      lectureYaml(id).replace('duration: 2\n', `duration: 2\ndate: ${date}\ncourse: "${course}"\n`);
    // Published out of order, and sorted by id the wrong way round: only the dates give the order.
    for (const [id, date] of [
      ['grouped-a', '1950-03-01'],
      ['grouped-c', '1950-01-01'],
      ['grouped-b', '1950-02-01'],
    ] as const) {
      expect(
        (await call({ method: 'POST', path: '/api/decks', body: inCourse(id, date), headers: YAML })).status,
      ).toBe(201);
    }
    const other = inCourse('grouped-other', '1949-01-01', '  HIST 101  ');
    expect((await call({ method: 'POST', path: '/api/decks', body: other, headers: YAML })).status).toBe(201);
    const answer = await call({ method: 'GET', path: '/api/decks', headers: AUTH });
    expect(answer.status).toBe(200);
    // Other tests in this file publish into the same store: keep to this test's courses.
    const mine = answer.body.courseGroups.filter((group: { decks: string[] }) =>
      group.decks.some((id) => id.startsWith('grouped-')),
    );
    expect(mine).toEqual([
      { title: 'HIST 214 · The Cold War', decks: ['grouped-c', 'grouped-b', 'grouped-a'], minutes: 6 },
      { title: 'HIST 101', decks: ['grouped-other'], minutes: 2 },
    ]);
    // A deck with no course line is in no group.
    const grouped = answer.body.courseGroups.flatMap((group: { decks: string[] }) => group.decks);
    expect(grouped).not.toContain('listed-deck');
  });

  it('GET /api/decks/{id} answers deck.json with its addresses, or 404', async () => {
    await call({ method: 'POST', path: '/api/decks', body: lectureYaml('one-deck'), headers: YAML });
    const answer = await call({ method: 'GET', path: '/api/decks/one-deck', headers: AUTH });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      id: 'one-deck',
      title: 'Lecture one-deck',
      theme: expect.any(String),
      generatedAt: '2026-11-25T08:00:00.000Z',
      url: '/decks/one-deck/',
      handoutUrl: '/decks/one-deck/handout.html',
      speakerUrl: '/decks/one-deck/?speaker',
    });
    const missing = await call({ method: 'GET', path: '/api/decks/no-such-deck', headers: AUTH });
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 'deck-not-found', details: [] });
  });

  it('DELETE /api/decks/{id} answers 204, then 404; the version stays readable', async () => {
    const published = await call({
      method: 'POST',
      path: '/api/decks',
      body: lectureYaml('short-lived'),
      headers: YAML,
    });
    const deleted = await api(apiEvent({ method: 'DELETE', path: '/api/decks/short-lived', headers: AUTH }));
    expect(deleted.statusCode).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await call({ method: 'DELETE', path: '/api/decks/short-lived', headers: AUTH })).status).toBe(
      404,
    );
    expect((await call({ method: 'GET', path: '/api/decks/short-lived', headers: AUTH })).status).toBe(404);
    expect(await store.readVersionFile('short-lived', published.body.version, 'index.html')).toBeDefined();
  });

  it('404 for an unknown route, 405 for a wrong method, 400 for a malformed id', async () => {
    const unknown = await call({ method: 'GET', path: '/api/lectures', headers: AUTH });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('not-found');
    expect((await call({ method: 'GET', path: '/api/decks/a/b', headers: AUTH })).status).toBe(404);
    const wrong = await call({ method: 'PATCH', path: '/api/decks', headers: AUTH });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.allow).toBe('GET, POST');
    for (const bad of ['Upper', '-dash-first', '..', '%2e%2e', 'a_b', 'x'.repeat(65), '%E2%82%AC']) {
      const answer = await call({ method: 'GET', path: `/api/decks/${bad}`, headers: AUTH });
      expect(answer.status, bad).toBe(400);
      expect(answer.body.error.code).toBe('bad-id');
    }
  });
});

describe('4xx for the body', () => {
  it('400 for YAML that does not parse, with line and column', async () => {
    const broken = 'id: broken\ntitle: "unclosed\nsections: []\n';
    const answer = await call({ method: 'POST', path: '/api/decks', body: broken, headers: YAML });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('parse-error');
    expect(answer.body.error.message).toMatch(/line \d+/);
    expect(answer.body.error.message).toMatch(/column \d+/);
    expect(answer.body.error.details[0]).toMatchObject({ line: expect.any(Number), col: expect.any(Number) });
    expectDetail(answer.body.error.details[0], 'error');
  });

  it('400 for JSON that does not parse, with line and column', async () => {
    const broken = '{\n  "id": "broken",\n  "title": "x",,\n}';
    const answer = await call({ method: 'POST', path: '/api/decks', body: broken, headers: JSON_TYPE });
    expect(answer.status).toBe(400);
    expect(answer.body.error.message).toMatch(/line 3/);
    expect(answer.body.error.details[0]).toMatchObject({ line: 3, col: expect.any(Number) });
    expectDetail(answer.body.error.details[0], 'error');
  });

  it('400 for an empty body and for bytes that are not UTF-8', async () => {
    expect(
      (await call({ method: 'POST', path: '/api/decks', body: '', headers: YAML })).body.error.code,
    ).toBe('empty-body');
    const latin1 = await api({
      ...apiEvent({ method: 'POST', path: '/api/decks', headers: YAML }),
      body: Buffer.from([0x69, 0x64, 0x3a, 0x20, 0xe9, 0xff]).toString('base64'),
      isBase64Encoded: true,
    });
    expect(latin1.statusCode).toBe(400);
  });

  it('413 for a body over 1 MiB, plain or base64-encoded', async () => {
    const huge = `${bigLectureYaml('too-big', 10, 10)}# ${'x'.repeat(MAX_BODY_BYTES)}\n`;
    const plain = await call({ method: 'POST', path: '/api/decks', body: huge, headers: YAML });
    expect(plain.status).toBe(413);
    expect(plain.body.error.code).toBe('body-too-large');
    const encoded = await call({
      method: 'POST',
      path: '/api/decks',
      body: huge,
      headers: YAML,
      base64: true,
    });
    expect(encoded.status).toBe(413);
    const validate = await call({ method: 'POST', path: '/api/validate', body: huge, headers: YAML });
    expect(validate.status).toBe(413);
  });

  it('measures the size after decoding: a 0.9 MiB lecture sent as 1.2 MB of base64 is accepted', async () => {
    const body = `${bigLectureYaml('almost-big', 20, 10)}# ${'x'.repeat(900 * 1024)}\n`;
    expect(Buffer.from(body).toString('base64').length).toBeGreaterThan(MAX_BODY_BYTES);
    const answer = await call({ method: 'POST', path: '/api/validate', body, headers: YAML, base64: true });
    expect(answer.status).toBe(200);
    expect(answer.body.valid).toBe(true);
  });

  it('415 for any other content type', async () => {
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'text/html',
      'application/json; charset=latin1',
    ]) {
      const answer = await call({
        method: 'POST',
        path: '/api/decks',
        body: lectureJson('typed'),
        headers: { ...AUTH, 'content-type': type },
      });
      expect(answer.status, type).toBe(415);
      expect(answer.body.error.code).toBe('unsupported-media-type');
    }
    for (const type of ['application/x-yaml', 'text/yaml', 'APPLICATION/YAML; charset=UTF-8']) {
      const answer = await call({
        method: 'POST',
        path: '/api/validate',
        body: lectureYaml('typed'),
        headers: { ...AUTH, 'content-type': type },
      });
      expect(answer.status, type).toBe(200);
    }
  });

  it('422 lists every error with its path, line and column, and stores nothing', async () => {
    const invalid = `id: Bad_Id
title: "Broken lecture"
theme: no-such-theme
colour: red
sections:
  - title: "One"
    slides:
      - kind: nonsense
        title: "Unknown kind"
      - title: "Cites nothing real"
        points: ["A point"]
        cite: [missing-source]
`;
    const answer = await call({ method: 'POST', path: '/api/decks', body: invalid, headers: YAML });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('invalid-lecture');
    const details: {
      severity: string;
      code: string;
      path: string;
      line: number;
      col: number;
      message: string;
    }[] = answer.body.error.details;
    const paths = details.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'id',
        'theme',
        'colour',
        'sections[0].slides[0].kind',
        'sections[0].slides[1].cite[0]',
      ]),
    );
    for (const detail of details) {
      expectDetail(detail, 'error');
      expect(detail.message.length).toBeGreaterThan(0);
      expect(detail.line).toBeGreaterThan(0);
      expect(detail.col).toBeGreaterThan(0);
    }
    expect(details.find((d) => d.path === 'theme')?.line).toBe(3);
    expect(details.find((d) => d.path === 'colour')?.line).toBe(4);
    expect(await store.getDeck('bad_id')).toBeUndefined();
  });
});

describe('POST /api/validate', () => {
  it('answers valid with its warnings, storing nothing', async () => {
    const answer = await call({
      method: 'POST',
      path: '/api/validate',
      body: lectureYaml('only-checked'),
      headers: YAML,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ valid: true, errors: [], warnings: expect.any(Array) });
    for (const warning of answer.body.warnings) expectDetail(warning, 'warning');
    expect(await store.getDeck('only-checked')).toBeUndefined();
  });

  it('answers invalid with every error', async () => {
    const answer = await call({
      method: 'POST',
      path: '/api/validate',
      body: 'id: ok-id\ntitle: "No sections"\n',
      headers: YAML,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.valid).toBe(false);
    expect(answer.body.errors).toEqual([expect.objectContaining({ severity: 'error', path: 'sections' })]);
    expectDetail(answer.body.errors[0], 'error');
  });
});

describe('POST /api/validate?preview', () => {
  it('answers the same report with the deck page, its links from the site root, storing nothing', async () => {
    const text = lectureYaml('only-previewed');
    const plain = await call({ method: 'POST', path: '/api/validate', body: text, headers: YAML });
    const answer = await call({
      method: 'POST',
      path: '/api/validate',
      query: 'preview',
      body: text,
      headers: YAML,
    });
    expect(answer.status).toBe(200);
    const { preview, ...report } = answer.body;
    expect(report).toEqual(plain.body);
    expect(preview).toMatchObject({ id: 'only-previewed', slides: expect.any(Number) });
    expect(preview.html).toContain('<script src="assets/reveal/reveal.js"></script>');
    expect(preview.html).toContain('<script src="assets/lectern-deck.js"></script>');
    expect(preview.html).not.toContain('../');
    expect(await store.getDeck('only-previewed')).toBeUndefined();
  });

  it('answers an invalid lecture with its errors and no deck', async () => {
    const answer = await call({
      method: 'POST',
      path: '/api/validate',
      query: 'preview=1',
      body: 'id: ok-id\ntitle: "No sections"\n',
      headers: YAML,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ valid: false, errors: [expect.any(Object)], warnings: [] });
    expectDetail(answer.body.errors[0], 'error');
  });
});

describe('503: storage down', () => {
  it('answers 503 without a stack; afterwards the previous version still serves and no half deck shows', async () => {
    const v1 = await call({
      method: 'POST',
      path: '/api/decks',
      body: lectureYaml('survivor', 'v1'),
      headers: YAML,
    });
    expect(v1.status).toBe(201);
    const v1Page = textOf(await store.readVersionFile('survivor', v1.body.version, 'index.html'));

    await s3.stop();
    try {
      const failed = await call({
        method: 'POST',
        path: '/api/decks',
        body: lectureYaml('survivor', 'v2'),
        headers: YAML,
      });
      expect(failed.status).toBe(503);
      expect(failed.headers['retry-after']).toBeDefined();
      expect(failed.body.error.code).toBe('storage-failed');
      expect(failed.body.error.message).toMatch(/previous version/);
      expect(JSON.stringify(failed.body)).not.toMatch(/\n\s+at |ECONNREFUSED|s3rver|127\.0\.0\.1/);
      const fresh = await call({
        method: 'POST',
        path: '/api/decks',
        body: lectureYaml('newcomer'),
        headers: YAML,
      });
      expect(fresh.status).toBe(503);
      expect((await call({ method: 'GET', path: '/api/decks', headers: AUTH })).status).toBe(503);
      expect((await call({ method: 'GET', path: '/api/decks/survivor', headers: AUTH })).status).toBe(503);
      expect((await call({ method: 'DELETE', path: '/api/decks/survivor', headers: AUTH })).status).toBe(503);
    } finally {
      await s3.restart();
    }

    const after = await call({ method: 'GET', path: '/api/decks/survivor', headers: AUTH });
    expect(after.body.version).toBe(v1.body.version);
    expect(await store.currentVersion('survivor')).toBe(v1.body.version);
    expect(textOf(await store.readVersionFile('survivor', v1.body.version, 'index.html'))).toBe(v1Page);
    expect(await store.getDeck('newcomer')).toBeUndefined();
    const listed = await call({ method: 'GET', path: '/api/decks', headers: AUTH });
    expect(listed.body.decks.map((deck: { id: string }) => deck.id)).not.toContain('newcomer');
    // The failed lecture publishes normally once storage is back.
    const v2 = await call({
      method: 'POST',
      path: '/api/decks',
      body: lectureYaml('survivor', 'v2'),
      headers: YAML,
    });
    expect(v2.status).toBe(201);
    expect(v2.body.version).not.toBe(v1.body.version);
  });
});

describe('logging', () => {
  it('logs each request with its id, and never the token or the body', async () => {
    const marker = 'a-very-distinctive-lecture-marker';
    await call({
      method: 'POST',
      path: '/api/decks',
      body: lectureYaml('logged-deck', marker),
      headers: YAML,
    });
    const text = JSON.stringify(logged, (_key, value) => (value instanceof Error ? value.message : value));
    expect(text).toContain('"requestId"');
    expect(text).toContain('/api/decks');
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(marker);
  });
});
