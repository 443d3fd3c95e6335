import { CACHE, DECK_FILES, versionUrl } from '../site/layout.js';
import { NOT_FOUND_PAGE } from '../site/not-found-page.js';
import { redirectLocation, resolveSitePath } from '../site/site-paths.js';
import type { DeckStore } from '../store/deck-store.js';
import type { ApiResult } from './http.js';

/**
 * `/decks/{id}/` and its files are not stored anywhere: each answers 302 to the same file in the
 * version the deck's pointer names now (`/decks/{id}/v/{version}/…`), with the query kept
 * (`?speaker`, `?print-pdf`). The redirect is never cached; the version it leads to is immutable.
 * Public, like the decks: the local server and, deployed, CloudFront (for `/decks/*` except
 * `/decks/*\/v/*`) send these paths here.
 */
export async function redirectToCurrentVersion(
  store: DeckStore,
  rawPath: string,
  rawQuery: string,
): Promise<ApiResult> {
  const target = resolveSitePath(rawPath);
  const current = target.kind === 'deck' && !target.version ? target : undefined;
  const version = current ? await store.currentVersion(current.id) : undefined;
  if (!current || !version) {
    return {
      statusCode: 404,
      headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': CACHE.redirect },
      body: NOT_FOUND_PAGE,
    };
  }
  const name = current.name === DECK_FILES.deck ? '' : current.name;
  const location = redirectLocation(`${versionUrl(current.id, version)}${name}`, rawQuery);
  return { statusCode: 302, headers: { location, 'cache-control': CACHE.redirect } };
}
