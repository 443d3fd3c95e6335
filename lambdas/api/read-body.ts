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
}

/** The lecture text of a request: content type checked, base64 undone, size limited, UTF-8 decoded. */
export function readLectureBody(
  headers: Readonly<Record<string, string | undefined>>,
  body: string | undefined,
  isBase64Encoded: boolean,
): LectureBody {
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
