import type { Logger } from '@aws-lambda-powertools/logger';
import type { TemplateSet } from '../core/deck.js';
import { type MathEngine, mayHaveMath } from '../core/math/math-engine.js';
import { themeNames } from '../core/render/index.js';
import { SITE_FOLDERS, VERSION_PATTERN, versionUrl } from '../site/layout.js';
import type { CourseStore } from '../store/course-store.js';
import type { Actor, DeckStore } from '../store/deck-store.js';
import type { Authorize } from './authorize.js';
import { summariseCourseGroups } from './course-groups.js';
import { refreshCoursePagesOf } from './course-pages.js';
import { createCourseRoutes } from './course-routes.js';
import { deckUrls, summarise } from './deck-answers.js';
import { EXPORT_FAILED, type Exporter, exportInRequest } from './deck-exports.js';
import { redirectToCurrentVersion } from './deck-redirect.js';
import { toDetail, toHttpError } from './error-result.js';
import { type ApiEvent, type ApiResult, emptyResult, errorResult, HttpError, jsonResult } from './http.js';
import { createMediaRoutes, type MediaDeps } from './media-routes.js';
import { preparePublication, previewReport, validationReport } from './publish-lecture.js';
import { type LectureBody, readJsonValue, readLectureBody } from './read-body.js';
import { matchRoute, type Route } from './routes.js';
import type { SessionKeeper } from './session-cookie.js';
import { createSessionRoutes, unauthorized } from './session-routes.js';
import { readStoredImages, resolveStoredMedia } from './stored-media.js';

/** The few logger methods the API uses: Powertools' Logger in Lambda and locally. */
export type ApiLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface ApiDeps {
  store: DeckStore;
  /** The courses beside the decks (none: the course routes answer 404). */
  courses?: CourseStore;
  templates: TemplateSet;
  authorize: Authorize;
  /** Sign-in by session cookie (the local server); none: the bearer token only, as deployed. */
  sessions?: SessionKeeper;
  clock?: () => Date;
  logger?: ApiLogger;
  /** Media uploads and the stored media files (none: a lecture's local images are never stored). */
  media?: MediaDeps;
  /** Loads the TeX engine, the first time a lecture with math arrives (none: math is an error). */
  loadMath?: () => Promise<MathEngine>;
  /**
   * The shared assets' bytes (reveal.js, themes, KaTeX), read on the first publish: each new version
   * gets its single-file page (`deck.html`) made with them (none: no single-file page).
   */
  loadAssets?: () => Promise<ReadonlyMap<string, Uint8Array>>;
  /** Where new versions' exports are made (default: in the request, before it answers). */
  exporter?: Exporter;
}

export type Api = (event: ApiEvent) => Promise<ApiResult>;

const SILENT: ApiLogger = { info: () => {}, warn: () => {}, error: () => {} };

/** The whole HTTP API as one function of an API Gateway v2 event, over the dependencies it is given. */
export function createApi(deps: ApiDeps): Api {
  const clock = deps.clock ?? (() => new Date());
  const logger = deps.logger ?? SILENT;
  const themes = themeNames(deps.templates);
  const sessions = deps.sessions && createSessionRoutes(deps.sessions, deps.authorize);

  const courseRoutes = deps.courses
    ? createCourseRoutes({
        courses: deps.courses,
        decks: deps.store,
        templates: deps.templates,
        now: () => clock().toISOString(),
      })
    : undefined;
  const coursesOrNotFound = () => {
    if (!courseRoutes) throw new HttpError(404, 'not-found', 'This site keeps no courses.');
    return courseRoutes;
  };
  // A course page lists its decks: re-render the pages of the courses naming a deck that changed.
  const refreshCourses = (id: string) =>
    deps.courses ? refreshCoursePagesOf(id, deps.courses, deps.store, deps.templates) : Promise.resolve();

  const mediaRoutes = deps.media ? createMediaRoutes(deps.media) : undefined;
  const mediaOrNotFound = () => {
    if (!mediaRoutes) throw new HttpError(404, 'not-found', 'This site stores no media.');
    return mediaRoutes;
  };
  const mediaFor = (body: LectureBody, checking = false) =>
    resolveStoredMedia(body, deps.media?.store, checking);

  const exporter =
    deps.exporter ??
    exportInRequest(
      deps.store,
      { templates: deps.templates, ...(deps.loadAssets && { loadAssets: deps.loadAssets }) },
      (media) => readStoredImages(new Map(media), deps.media?.store),
    );
  // A stored version lacks exports only when making them failed or the process stopped first: the
  // same publish again makes them.
  const lacksExports = async (id: string, version: string) => {
    const stored = await deps.store.listVersionFiles(id, version);
    return exporter.files.some((name) => !stored.includes(name));
  };

  const mathFor = async (text: string) =>
    deps.loadMath && mayHaveMath(text) ? { math: await deps.loadMath() } : {};

  const publish = async (event: ApiEvent, actor: Actor, pathId?: string): Promise<ApiResult> => {
    const body = readLectureBody(event.headers ?? {}, event.body, event.isBase64Encoded);
    const media = await mediaFor(body);
    const { publication, warnings, exportSource } = await preparePublication(body, {
      ...(await mathFor(body.text)),
      ...media,
      templates: deps.templates,
      generatedAt: clock().toISOString(),
      ...(pathId !== undefined ? { id: pathId } : {}),
    });
    const { created, written, manifest } = await deps.store.publishDeck(publication, actor);
    const own = manifest.version === publication.manifest.version;
    const exportIfNeeded = async () => {
      // A version stored before (the deck going back to it) has its exports already, unless making
      // them failed then.
      if (!((created && written) || (own && (await lacksExports(manifest.id, manifest.version))))) return;
      // The version stands whatever happens here: a failure costs its downloads until the same
      // publish is sent again, and says so.
      await exporter.export(exportSource).catch((error: unknown) => {
        logger.error('Making the exports of a new version failed', { id: manifest.id, error });
        warnings.push(EXPORT_FAILED);
      });
    };
    // The course pages and the exports do not wait for each other (deployed, each is a round trip to
    // S3 or more); the answer waits for both, and fails as before when storage does.
    for (const done of await Promise.allSettled([
      created ? refreshCourses(manifest.id) : Promise.resolve(),
      exportIfNeeded(),
    ]))
      if (done.status === 'rejected') throw done.reason;
    return jsonResult(
      created ? 201 : 200,
      {
        ...deckUrls(manifest.id, manifest.version),
        id: manifest.id,
        version: manifest.version,
        slides: manifest.slides,
        warnings: warnings.map(toDetail),
      },
      created ? { location: `/api/decks/${manifest.id}` } : {},
    );
  };

  const run = async (event: ApiEvent, route: Route, actor: Actor): Promise<ApiResult> => {
    switch (route.name) {
      case 'create-deck':
        return publish(event, actor);
      case 'put-deck':
        return publish(event, actor, route.id);
      case 'list-decks': {
        const decks = await deps.store.listDecks();
        return jsonResult(200, { decks: decks.map(summarise), courseGroups: summariseCourseGroups(decks) });
      }
      case 'get-deck': {
        const deck = await deps.store.getDeck(route.id);
        if (!deck) throw noSuchDeck(route.id);
        return jsonResult(200, { ...deck, ...deckUrls(deck.id, deck.version) });
      }
      case 'delete-deck': {
        if (!(await deps.store.deleteDeck(route.id, actor))) throw noSuchDeck(route.id);
        await refreshCourses(route.id);
        return emptyResult(204);
      }
      case 'list-courses':
        return coursesOrNotFound().list();
      case 'get-course':
        return coursesOrNotFound().get(route.id);
      case 'put-course':
        return coursesOrNotFound().put(
          route.id,
          readLectureBody(event.headers ?? {}, event.body, event.isBase64Encoded),
          actor,
        );
      case 'delete-course':
        return coursesOrNotFound().remove(route.id, actor);
      case 'list-versions': {
        const versions = await deps.store.listVersions(route.id);
        if (!versions) throw noSuchDeck(route.id);
        return jsonResult(200, {
          versions: versions.map(({ version, publishedAt, publishedBy, slides, action, current }) => ({
            version,
            publishedAt,
            publishedBy,
            slides,
            current,
            action,
            url: versionUrl(route.id, version),
          })),
        });
      }
      case 'restore-deck': {
        const version = readRestoreBody(event);
        const { created, manifest } = await deps.store.restoreDeck(route.id, version, actor);
        if (created) await refreshCourses(manifest.id);
        return jsonResult(created ? 201 : 200, {
          ...deckUrls(manifest.id, manifest.version),
          id: manifest.id,
          version: manifest.version,
          slides: manifest.slides,
        });
      }
      case 'validate': {
        const body = readLectureBody(event.headers ?? {}, event.body, event.isBase64Encoded);
        const extras = { ...(await mathFor(body.text)), ...(await mediaFor(body, true)) };
        // `?preview`: the same report, with the rendered deck page when the lecture is valid.
        if (wantsPreview(event.rawQueryString)) {
          return jsonResult(
            200,
            previewReport(body, { ...extras, templates: deps.templates, generatedAt: clock().toISOString() }),
          );
        }
        return jsonResult(200, validationReport(body, themes, extras));
      }
      case 'request-media':
        return mediaOrNotFound().request(event);
      case 'check-media':
        return mediaOrNotFound().check(event);
      default: {
        const unknown: never = route;
        throw new TypeError(`unhandled route ${JSON.stringify(unknown)}`);
      }
    }
  };

  return async (event) => {
    const started = performance.now();
    const method = event.requestContext.http.method.toUpperCase();
    const request = { requestId: event.requestContext.requestId, method, path: event.rawPath };
    let result: ApiResult;
    try {
      if (isPublicDeckPath(method, event.rawPath)) {
        result = await redirectToCurrentVersion(deps.store, event.rawPath, event.rawQueryString ?? '');
      } else {
        const own = sessions?.answer(method, event);
        const actor = own ? undefined : (deps.authorize(event) ?? sessions?.actorOf(method, event));
        if (own) result = own;
        else if (!actor) throw unauthorized();
        else result = await run(event, matchRoute(method, event.rawPath), actor);
      }
    } catch (error) {
      const failure = toHttpError(error);
      // Never the body or the headers: they may hold the lecture or the token.
      if (failure.status >= 500) {
        logger.error('request failed', {
          ...request,
          status: failure.status,
          code: failure.code,
          error: failure.cause,
        });
      }
      result = errorResult(failure);
    }
    logger.info('request', {
      ...request,
      status: result.statusCode,
      durationMs: Math.round(performance.now() - started),
    });
    return result;
  };
}

/** GET or HEAD of a deck's current URL: the one part of this function that needs no token. */
function isPublicDeckPath(method: string, rawPath: string): boolean {
  return (method === 'GET' || method === 'HEAD') && rawPath.startsWith(`/${SITE_FOLDERS.decks}/`);
}

/** Whether a validate request asks for the rendered deck too (`?preview`, with or without a value). */
function wantsPreview(rawQuery: string | undefined): boolean {
  return new URLSearchParams(rawQuery ?? '').has('preview');
}

/** The body of a restore: `{"version": "…"}`. */
function readRestoreBody(event: ApiEvent): string {
  const value = readJsonValue(event);
  const version = (value as { version?: unknown } | undefined)?.version;
  if (typeof version !== 'string' || !VERSION_PATTERN.test(version)) {
    throw new HttpError(
      400,
      'bad-version',
      'Send the version to restore as JSON: {"version": "…"}, as GET …/versions lists it.',
    );
  }
  return version;
}

function noSuchDeck(id: string): HttpError {
  return new HttpError(404, 'deck-not-found', `There is no deck "${id}".`);
}
