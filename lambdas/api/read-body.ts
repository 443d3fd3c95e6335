import { PUBLICATION_TYPE, SHA256_PATTERN } from '../site/layout.js';
import { HttpError } from './http.js';

/** The largest lecture the API accepts, counted after base64 decoding. */
export const MAX_BODY_BYTES = 1024 * 1024;

const FORMATS: Readonly<Record<string, 'json' | 'yaml'>> = {
  'application/json': 'json',
  'application/yaml': 'yaml',
  'application/x-yaml': 'yaml',
  'text/yaml': 'yaml',
  'text/x-yaml': 'yaml',
};

export interface LectureBody {
  text: string;
  /** From the Content-Type; undefined when the client sent none, and the parser detects it. */
  format?: 'json' | 'yaml';
  /** A publication's `media`: each image `src` as the lecture writes it → the SHA-256 of its file. */
  media?: Readonly<Record<string, string>>;
}

/** The lecture text of a request: content type checked, base64 undone, size limited, UTF-8 decoded. */
export function readLectureBody(
  headers: Readonly<Record<string, string | undefined>>,
  body: string | undefined,
  isBase64Encoded: boolean,
): LectureBody {
  if (mediaTypeOf(headers['content-type']) === PUBLICATION_TYPE)
    return readPublication(body, isBase64Encoded);
  const format = formatOf(headers['content-type']);
  const raw = body ?? '';
  // A base64 body is 4/3 of its bytes: refuse what is clearly too big before decoding it.
  if (isBase64Encoded && Math.floor((raw.length * 3) / 4) > MAX_BODY_BYTES + 2) throw bodyTooLarge();
  const bytes = isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) throw bodyTooLarge();
  if (bytes.byteLength === 0) {
    throw new HttpError(400, 'empty-body', 'The request has no body: send the lecture as JSON or YAML.');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    throw new HttpError(400, 'bad-encoding', 'The lecture is not valid UTF-8 text.', [], { cause: error });
  }
  return format ? { text, format } : { text };
}

function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** `{"lecture": "<YAML or JSON text>", "format"?: "yaml" | "json", "media"?: {src: sha256}}`. */
function readPublication(body: string | undefined, isBase64Encoded: boolean): LectureBody {
  const envelope = readLectureBody({ 'content-type': 'application/json' }, body, isBase64Encoded);
  const bad = (message: string) =>
    new HttpError(
      400,
      'bad-publication',
      `${message} (a publication is {"lecture": "…", "format": "yaml", "media": {"figures/a.png": "<sha256>"}})`,
    );
  let value: unknown;
  try {
    value = JSON.parse(envelope.text);
  } catch (error) {
    throw new HttpError(400, 'parse-error', `The publication is not JSON: ${(error as Error).message}`, [], {
      cause: error,
    });
  }
  const { lecture, format, media } = (value && typeof value === 'object' ? value : {}) as Record<
    string,
    unknown
  >;
  if (typeof lecture !== 'string' || lecture.trim() === '')
    throw bad('"lecture" must be the lecture file\'s text');
  if (format !== undefined && format !== 'yaml' && format !== 'json')
    throw bad('"format" must be "yaml" or "json"');
  const map: Record<string, string> = {};
  if (media !== undefined) {
    if (!media || typeof media !== 'object' || Array.isArray(media))
      throw bad('"media" must map each image src to a SHA-256');
    for (const [src, sha256] of Object.entries(media)) {
      if (typeof sha256 !== 'string' || !SHA256_PATTERN.test(sha256))
        throw bad(
          `"media" names ${JSON.stringify(src.slice(0, 80))} with ${JSON.stringify(sha256)}, not a SHA-256 in lowercase hex`,
        );
      map[src] = sha256;
    }
  }
  return { text: lecture, ...(format ? { format } : {}), media: map };
}

function formatOf(contentType: string | undefined): 'json' | 'yaml' | undefined {
  if (contentType === undefined || contentType.trim() === '') return undefined;
  const [media = '', ...params] = contentType.split(';').map((part) => part.trim().toLowerCase());
  const format = FORMATS[media];
  const charset = params
    .find((param) => param.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (!format || (charset && charset !== 'utf-8' && charset !== 'utf8')) {
    throw new HttpError(
      415,
      'unsupported-media-type',
      `Send the lecture as JSON (Content-Type: application/json) or YAML (Content-Type: application/yaml), in UTF-8; got "${contentType}".`,
    );
  }
  return format;
}

/** The 413 answer to a body over the limit. */
export function bodyTooLarge(): HttpError {
  return new HttpError(
    413,
    'body-too-large',
    `The lecture is larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB; split it into several lectures.`,
  );
}

/** A small JSON body's value (a restore, a media claim), or undefined when there is none or it is not JSON: the caller says what it expected. */
export function readJsonValue(event: { body?: string; isBase64Encoded: boolean }): unknown {
  const raw = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}
