/**
 * A CloudFront Function (viewer request, cloudfront-js-2.0) that makes folder URLs work against S3:
 * `/decks/{id}/` is served from `/decks/{id}/index.html`, and `/decks/{id}` (no slash) is redirected
 * to `/decks/{id}/` so the deck's relative links (`../../assets/`, `handout.html`) resolve.
 * S3 behind origin access control has no index documents of its own; this is the usual way round it.
 */
export const INDEX_REWRITE_CODE = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
    return request;
  }
  var last = uri.substring(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: uri + '/' }, 'cache-control': { value: 'max-age=3600' } },
    };
  }
  return request;
}
`;
