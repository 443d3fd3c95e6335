import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type Authorize,
  createTokenAuthorizer,
  type LocalInstructor,
  singleAdmin,
} from '../api/authorize.js';
import { type Api, type ApiLogger, createApi } from '../api/create-api.js';
import { redirectToCurrentVersion } from '../api/deck-redirect.js';
import { toErrorResult } from '../api/error-result.js';
import { type ApiResult, errorResult, HttpError, jsonResult } from '../api/http.js';
import { createSessionKeeper } from '../api/session-cookie.js';
import { readStoredImages } from '../api/stored-media.js';
import type { TemplateSet } from '../core/deck.js';
import { MAX_MEDIA_BYTES, MEDIA_TYPES } from '../core/media/media-entry.js';
import { listAssets } from '../node/assets.js';
import { loadMathEngine } from '../node/math-katex.js';
import { mediaSecurityHeaders, siteSecurityHeaders } from '../node/security-headers.js';
import { loadTemplates } from '../node/templates-fs.js';
import { MEDIA_API, mediaUrl } from '../site/layout.js';
import { NOT_FOUND_PAGE } from '../site/not-found-page.js';
import { redirectLocation, resolveSitePath } from '../site/site-paths.js';
import type { CourseStore } from '../store/course-store.js';
import type { DeckStore } from '../store/deck-store.js';
import type { MediaStore } from '../store/media-store.js';
import type { ObjectStore } from '../store/object-store.js';
import { answerClientError } from './client-error.js';
import { answerBeforeBody } from './early-answer.js';
import { createServerExports } from './export-queue.js';
import { createLocalUploads, readUpload } from './local-uploads.js';
import { readRequestBody } from './read-request.js';
import { createSiteReader, findSiteDir } from './site-files.js';
import { toApiEvent } from './to-api-event.js';

export interface ServerOptions {
  store: DeckStore;
  /** The courses and their public pages. */
  courses?: CourseStore;
  /** The stored media files; with it the API takes uploads (to this server, by signed URL). */
  media?: MediaStore;
  /** The bearer token of the one administrator, when no `instructors` are given. */
  token: string;
  /** The instructors and their tokens (from LECTERN_USERS_FILE); replaces `token`. */
  instructors?: readonly LocalInstructor[];
  port?: number;
  host?: string;
  /** Defaults to the repository's templates/ folder. */
  templatesDir?: string;
  templates?: TemplateSet;
  logger?: ApiLogger;
  clock?: () => Date;
  /** Replaces the bearer-token check (tests of other authorizers); the page's sign-in is then off. */
  authorize?: Authorize;
  /** Signs the page's session cookies. Default: the one administrator's token, or random bytes per start with a users file. */
  sessionSecret?: string;
  /** The bounds on making one version's exports (PowerPoint file, single-file page). */
  exportLimits?: { memoryMb?: number; timeoutMs?: number };
  /**
   * The store's backing, where versions past the export queue's in-memory bound wait as job files
   * (export-jobs/), made after a restart too; without it a publish past that bound waits for room.
   */
  exportJobs?: ObjectStore;
}

export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:8080 (no trailing slash). */
  url: string;
  /** The API application the server hosts, for callers in the same process (first-start seeding). */
  api: Api;
  /** Stop accepting connections, let requests in flight finish (up to a few seconds), then resolve. */
  close(): Promise<void>;
}

const DRAIN_MS = 5_000;

/** The whole site in one process: the API through the Lambda's own handler, the decks, the assets and the instructor page. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const templatesDir = options.templatesDir;
  const templates = options.templates ?? loadTemplates(templatesDir);
  const instructors = options.authorize ? undefined : (options.instructors ?? singleAdmin(options.token));
  const authorize = options.authorize ?? createTokenAuthorizer(instructors ?? []);
  const clock = options.clock ?? (() => new Date());
  const sessions =
    instructors &&
    createSessionKeeper({
      secret: options.sessionSecret ?? (options.instructors ? randomBytes(32) : options.token),
      instructors,
      clock,
    });
  const uploads = createLocalUploads(options.clock);
  const exports = createServerExports({
    store: options.store,
    readImages: (media) => readStoredImages(new Map(media), options.media),
    templates,
    ...(templatesDir && { templatesDir }),
    ...(options.logger && { logger: options.logger }),
    ...(options.exportLimits && { limits: options.exportLimits }),
    ...(options.exportJobs && { jobs: options.exportJobs }),
  });
  // Best effort: a store that cannot be listed now leaves its job files for a later start.
  await exports.resume().then(
    (resumed) =>
      resumed > 0 &&
      options.logger?.info('Exports left waiting by an earlier run are queued', { versions: resumed }),
    (error: unknown) =>
      options.logger?.warn('Exports left waiting by an earlier run could not be listed', {
        error: error instanceof Error ? error.message : String(error),
      }),
  );
  const api = createApi({
    store: options.store,
    ...(options.media ? { media: { store: options.media, signUpload: uploads.sign } } : {}),
    ...(options.courses ? { courses: options.courses } : {}),
    templates,
    loadMath: loadMathEngine,
    exporter: exports,
    authorize,
    ...(sessions ? { sessions } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const readSite = createSiteReader({
    store: options.store,
    ...(options.courses ? { courses: options.courses } : {}),
    ...(options.media ? { media: options.media } : {}),
    assets: new Map(
      listAssets(templatesDir).map(({ source, target }) => [target.replace(/^assets\//, ''), source]),
    ),
    siteDir: findSiteDir(templatesDir),
    exportsSettled: exports.settled,
  });
  const security = siteSecurityHeaders();
  const mediaSecurity = mediaSecurityHeaders();
  // Who may have the body read: a valid bearer token, or a valid session cookie (its CSRF check comes after).
  const signedIn: Authorize = (event) => authorize(event) ?? sessions?.read(event)?.actor;

  const serveApi = async (request: IncomingMessage, response: ServerResponse) => {
    const early = await answerBeforeBody(request, signedIn, api);
    if (early) return sendApiResult(response, early, security);
    const event = toApiEvent(request, await readRequestBody(request));
    const result = await api(event);
    sendApiResult(response, result, security);
  };

  /** PUT of a file to the URL POST /api/media signed: checked as it arrives, stored under its name. */
  const serveUpload = async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: string,
  ) => {
    // The body may still be arriving: answer, then close rather than read what is refused.
    const refuse = (status: number, code: string, message: string) =>
      sendApiResult(
        response,
        errorResult(new HttpError(status, code, message, [], { headers: { connection: 'close' } })),
        security,
      );
    if (request.method !== 'PUT') return refuse(405, 'method-not-allowed', 'An upload URL takes PUT only.');
    const claim = uploads.verify(path, query);
    if ('problem' in claim) return refuse(403, 'upload-refused', `The upload was refused: ${claim.problem}.`);
    const declared = request.headers['content-length'];
    if (declared !== undefined && Number(declared) > MAX_MEDIA_BYTES)
      return refuse(
        413,
        'upload-too-large',
        `The file is over ${MAX_MEDIA_BYTES / 1024 / 1024} MiB; an image may be at most that.`,
      );
    if (declared !== undefined && Number(declared) !== claim.size)
      return refuse(
        400,
        'upload-length',
        `The upload is ${declared} bytes; its URL was signed for ${claim.size}.`,
      );
    const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (type !== MEDIA_TYPES[claim.type])
      return refuse(
        400,
        'upload-type',
        `Send the upload with Content-Type: ${MEDIA_TYPES[claim.type]}, as its URL was signed for.`,
      );
    const bytes = await readUpload(request, claim.size);
    if (bytes === 'too-long')
      return refuse(
        413,
        'upload-too-large',
        `The upload is longer than the ${claim.size} bytes its URL was signed for.`,
      );
    const media = options.media;
    if (!media) return refuse(404, 'not-found', 'This site stores no media.');
    const record = await media.store(claim, bytes);
    sendApiResult(
      response,
      jsonResult(201, {
        stored: true,
        ...record,
        type: MEDIA_TYPES[record.type],
        url: mediaUrl(record.name),
      }),
      security,
    );
  };

  const serveSite = async (
    request: IncomingMessage,
    response: ServerResponse,
    path: string,
    query: string,
  ) => {
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      return send(
        response,
        405,
        { ...security, allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' },
        'Method not allowed\n',
      );
    }
    const target = resolveSitePath(path);
    if (target.kind === 'redirect') {
      const location = redirectLocation(target.location, query);
      return send(response, 301, { ...security, location }, undefined);
    }
    if (target.kind === 'deck' && !target.version) {
      // The current deck is wherever its pointer says now: the same answer the deployed site gives.
      const result = await redirectToCurrentVersion(options.store, path, query);
      if (method === 'HEAD') delete result.body;
      return sendApiResult(response, result, security);
    }
    const file = await readSite(target);
    const head = method === 'HEAD';
    if (!file) {
      return send(
        response,
        404,
        { ...security, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
        head ? undefined : NOT_FOUND_PAGE,
      );
    }
    send(
      response,
      200,
      {
        ...(target.kind === 'media' ? mediaSecurity : security),
        'content-type': file.contentType,
        'cache-control': file.cacheControl,
        ...(file.contentDisposition && { 'content-disposition': file.contentDisposition }),
        'content-length': String(file.body.byteLength),
      },
      head ? undefined : file.body,
    );
  };

  const server = createServer((request, response) => {
    const url = request.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark === -1 ? url : url.slice(0, mark);
    const query = mark === -1 ? '' : url.slice(mark);
    const isApi = path === '/api' || path.startsWith('/api/');
    const isUpload = options.media !== undefined && MEDIA_API.uploadPattern.test(path);
    (isUpload
      ? serveUpload(request, response, path, query)
      : isApi
        ? serveApi(request, response)
        : serveSite(request, response, path, query)
    ).catch((error: unknown) => {
      // Storage down while serving a page, or a bug: answer like the API does, never with a stack.
      if (!response.headersSent) sendApiResult(response, toErrorResult(error), security);
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (error: NodeJS.ErrnoException, socket) =>
    answerClientError(error, socket, security),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    api,
    close: async () => {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), DRAIN_MS).unref();
      });
      await exports.close(DRAIN_MS);
    },
  };
}

function sendApiResult(response: ServerResponse, result: ApiResult, security: Record<string, string>): void {
  const headers: Record<string, string | string[]> = { ...security };
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies && result.cookies.length > 0) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined
      ? undefined
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  send(response, result.statusCode ?? 200, headers, body);
}

function send(
  response: ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: Uint8Array | string | undefined,
): void {
  response.writeHead(status, headers);
  response.end(body);
}
