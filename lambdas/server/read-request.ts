import type { IncomingMessage } from 'node:http';
import { MAX_BODY_BYTES } from '../api/read-body.js';

/**
 * The request body, but never more than one byte over the API's limit: the rest is read and dropped,
 * so a huge upload costs no memory, and the handler still sees that the body was too large (413).
 */
export async function readRequestBody(request: IncomingMessage, limit = MAX_BODY_BYTES + 1): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    if (kept >= limit) continue;
    const part = chunk.subarray(0, limit - kept);
    chunks.push(part);
    kept += part.byteLength;
  }
  return Buffer.concat(chunks, kept);
}
