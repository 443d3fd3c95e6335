import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type Diagnostic, LecternError } from '../core/errors.js';

export type ApiEvent = APIGatewayProxyEventV2;
export type ApiResult = APIGatewayProxyStructuredResultV2;

/**
 * One diagnostic as the API reports it, in an error's `details` and in every `warnings` or `errors`
 * list: the same fields, in the same order, as the warnings deck.json records.
 */
export type ErrorDetail = Diagnostic;

/** An answer other than success, with the status and the stable code the client sees. */
export class HttpError extends LecternError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(code, message, options);
    this.headers = options?.headers ?? {};
  }

  readonly headers: Record<string, string>;
}

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function jsonResult(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): ApiResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function emptyResult(statusCode: number): ApiResult {
  return { statusCode, headers: { 'cache-control': 'no-store' } };
}

export function errorResult(error: HttpError): ApiResult {
  return jsonResult(
    error.status,
    { error: { code: error.code, message: error.message, details: error.details } },
    error.headers,
  );
}
