import type { IncomingMessage } from 'node:http';
import type { Authorize } from '../api/authorize.js';
import type { Api } from '../api/create-api.js';
import { type ApiResult, errorResult } from '../api/http.js';
import { bodyTooLarge, MAX_BODY_BYTES } from '../api/read-body.js';
import { toApiEvent } from './to-api-event.js';

const NO_BODY = Buffer.alloc(0);

/**
 * The answer to an API request that can be given before its body is read, if there is one: the
 * API's own 401 when the token is missing or wrong, a 413 when the declared length is over the
 * limit. The connection then closes, so no client without the token can make the server read,
 * or hold, a single byte of its upload.
 */
export async function answerBeforeBody(
  request: IncomingMessage,
  authorize: Authorize,
  api: Api,
): Promise<ApiResult | undefined> {
  const headersOnly = toApiEvent(request, NO_BODY);
  let result: ApiResult | undefined;
  if (!authorize(headersOnly)) result = await api(headersOnly);
  else if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES)
    result = errorResult(bodyTooLarge());
  return result && { ...result, headers: { ...result.headers, connection: 'close' } };
}
