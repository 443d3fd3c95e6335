import { LecternError } from '../core/errors.js';

/** A request to a Lectern site that failed: one line for the instructor, the status when there was an answer. */
export class SiteRequestError extends LecternError {
  constructor(
    message: string,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super('site-request-failed', message, options);
  }
}

export interface SiteAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface SiteClient {
  /** The site's base URL, without a trailing slash. */
  readonly base: string;
  /** Send `body` to an API path; a 2xx answer, or a SiteRequestError whose message is one line. */
  send(
    method: string,
    path: string,
    body?: string | Uint8Array<ArrayBuffer>,
    contentType?: string,
  ): Promise<SiteAnswer>;
  /**
   * PUT bytes to an upload URL the site handed out (its own path, or a pre-signed storage URL),
   * with exactly the headers it named and never the token.
   */
  upload(
    url: string,
    headers: Readonly<Record<string, string>>,
    body: Uint8Array<ArrayBuffer>,
  ): Promise<number>;
}

/** A Lectern site's API, called with a bearer token the client never puts in a message. */
export function createSiteClient(site: string, token: string, fetchImpl: typeof fetch = fetch): SiteClient {
  const base = site.replace(/\/+$/, '');
  return {
    base,
    async send(method, path, body, contentType) {
      let response: Response;
      try {
        response = await fetchImpl(`${base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${token}`,
            ...(contentType ? { 'content-type': contentType } : {}),
          },
          ...(body !== undefined ? { body } : {}),
        });
      } catch (error) {
        throw new SiteRequestError(`${method} ${path}: cannot reach ${base} (${reasonOf(error)})`, 0, {
          cause: error,
        });
      }
      const text = await response.text().catch(() => '');
      const parsed = parseJson(text);
      if (response.ok) return { status: response.status, body: parsed ?? {} };
      throw new SiteRequestError(
        `${method} ${path}: ${response.status} ${describeFailure(parsed, text)}`,
        response.status,
      );
    },
    async upload(url, headers, body) {
      const target = new URL(url, `${base}/`);
      // The URL itself may carry a signature: name only where it goes in a message.
      const where = `${target.origin}${target.pathname}`;
      let response: Response;
      try {
        response = await fetchImpl(target, { method: 'PUT', headers: { ...headers }, body });
      } catch (error) {
        throw new SiteRequestError(`upload to ${where}: cannot reach it (${reasonOf(error)})`, 0, {
          cause: error,
        });
      }
      const text = await response.text().catch(() => '');
      if (response.ok) return response.status;
      throw new SiteRequestError(
        `upload: ${response.status} ${describeFailure(parseJson(text), text)}`,
        response.status,
      );
    },
  };
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The API's own `{error: {code, message}}` when it sent one, else the start of whatever came back. */
function describeFailure(parsed: Record<string, unknown> | undefined, text: string): string {
  const error = parsed?.error as { code?: unknown; message?: unknown } | undefined;
  if (typeof error?.message === 'string')
    return `${String(error.code ?? 'error')}: ${oneLine(error.message)}`;
  const start = oneLine(text).slice(0, 120);
  return start === '' ? 'no explanation from the site' : `not a Lectern answer: ${start}`;
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return oneLine(cause.message);
  return oneLine((error as Error)?.message ?? String(error));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
