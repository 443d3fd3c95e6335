// The page's client of the site's API: the same routes the CLI and curl use.
import { sitePath } from './dom.js';
import layout from './site-layout.js';

/**
 * A client of the API. The session cookie goes with each call by itself; `bearer()` gives a token
 * to send instead where the site keeps no sessions. Every call sends the header that proves it comes
 * from this page (the API's CSRF check). Each call answers {status, body} and never throws for an
 * HTTP error status (it does throw when the server cannot be reached); a 401 also tells
 * `onUnauthorized`, so the page can ask for the token again.
 */
export function createApiClient({ bearer, onUnauthorized }) {
  const base = sitePath(layout.api);

  async function call(method, route, body, contentType, token = bearer()) {
    const headers = { 'x-lectern-csrf': '1' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (contentType) headers['content-type'] = contentType;
    const response = await fetch(new URL(`${base}${route}`, document.baseURI), { method, headers, body });
    const text = await response.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (response.status === 401 && route !== 'session') onUnauthorized();
    return { status: response.status, body: parsed };
  }

  return {
    session: () => call('GET', 'session'),
    signIn: (token) => call('POST', 'session', undefined, undefined, token),
    signOut: () => call('DELETE', 'session'),
    listDecks: () => call('GET', 'decks'),
    deleteDeck: (id) => call('DELETE', `decks/${encodeURIComponent(id)}`),
    listVersions: (id) => call('GET', `decks/${encodeURIComponent(id)}/versions`),
    restore: (id, version) =>
      call(
        'POST',
        `decks/${encodeURIComponent(id)}/restore`,
        JSON.stringify({ version }),
        'application/json',
      ),
    validate: (text, contentType) => call('POST', 'validate', text, contentType),
    preview: (text, contentType) => call('POST', 'validate?preview', text, contentType),
    publish: (text, contentType) => call('POST', 'decks', text, contentType),
    media: (claim) => call('POST', mediaRoute(layout.media), claim, 'application/json'),
    mediaCheck: (claim) => call('POST', mediaRoute(layout.mediaCheck), claim, 'application/json'),
  };
}

/** A media route of the layout, made relative to the API base the layout gives. */
function mediaRoute(path) {
  return path.slice(layout.api.length);
}

/** The message of an API error answer, or a plain one naming the status. */
export function errorMessage(answer, fallback = `The server answered ${answer.status}.`) {
  return answer.body?.error?.message ?? fallback;
}
