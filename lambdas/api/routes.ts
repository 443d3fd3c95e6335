import { isDeckId, MEDIA_API } from '../site/layout.js';
import { HttpError } from './http.js';

export type Route =
  | { name: 'list-decks' }
  | { name: 'create-deck' }
  | { name: 'get-deck'; id: string }
  | { name: 'put-deck'; id: string }
  | { name: 'delete-deck'; id: string }
  | { name: 'validate' }
  | { name: 'list-versions'; id: string }
  | { name: 'restore-deck'; id: string }
  | { name: 'list-courses' }
  | { name: 'get-course'; id: string }
  | { name: 'put-course'; id: string }
  | { name: 'delete-course'; id: string }
  | { name: 'request-media' }
  | { name: 'check-media' };

/** Which operation a method and path ask for; throws 404 for an unknown path, 405 for a wrong method, 400 for a bad id. */
export function matchRoute(method: string, rawPath: string): Route {
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  if (path === '/api/decks') {
    if (method === 'GET') return { name: 'list-decks' };
    if (method === 'POST') return { name: 'create-deck' };
    throw notAllowed('GET, POST');
  }
  if (path === '/api/validate') {
    if (method === 'POST') return { name: 'validate' };
    throw notAllowed('POST');
  }
  if (path === MEDIA_API.request) {
    if (method === 'POST') return { name: 'request-media' };
    throw notAllowed('POST');
  }
  if (path === MEDIA_API.check) {
    if (method === 'POST') return { name: 'check-media' };
    throw notAllowed('POST');
  }
  if (path === '/api/courses') {
    if (method === 'GET') return { name: 'list-courses' };
    throw notAllowed('GET');
  }
  const course = /^\/api\/courses\/([^/]+)$/.exec(path);
  if (course?.[1] !== undefined) {
    const id = readId(course[1]);
    if (method === 'GET') return { name: 'get-course', id };
    if (method === 'PUT') return { name: 'put-course', id };
    if (method === 'DELETE') return { name: 'delete-course', id };
    throw notAllowed('GET, PUT, DELETE');
  }
  const deck = /^\/api\/decks\/([^/]+)$/.exec(path);
  if (deck?.[1] !== undefined) {
    const id = readId(deck[1]);
    if (method === 'GET') return { name: 'get-deck', id };
    if (method === 'PUT') return { name: 'put-deck', id };
    if (method === 'DELETE') return { name: 'delete-deck', id };
    throw notAllowed('GET, PUT, DELETE');
  }
  const action = /^\/api\/decks\/([^/]+)\/(versions|restore)$/.exec(path);
  if (action?.[1] !== undefined) {
    const id = readId(action[1]);
    if (action[2] === 'versions') {
      if (method === 'GET') return { name: 'list-versions', id };
      throw notAllowed('GET');
    }
    if (method === 'POST') return { name: 'restore-deck', id };
    throw notAllowed('POST');
  }
  throw new HttpError(404, 'not-found', `There is no ${method} ${rawPath} in this API.`);
}

function readId(segment: string): string {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    id = segment;
  }
  if (!isDeckId(id)) {
    throw new HttpError(
      400,
      'bad-id',
      `"${id.slice(0, 80)}" is not an id: use 1 to 64 lowercase letters, digits and hyphens, starting with a letter or digit (not assets or media).`,
    );
  }
  return id;
}

function notAllowed(allow: string): HttpError {
  return new HttpError(405, 'method-not-allowed', `This path answers ${allow} only.`, [], {
    headers: { allow },
  });
}
