import { orderDiagnostic } from '../core/diagnostic.js';
import type { Diagnostic } from '../core/errors.js';
import { ParseError, ValidationError } from '../core/errors.js';
import { ForbiddenError, StorageError, VersionNotFoundError } from '../store/errors.js';
import { MediaNameTakenError, MediaRejectedError } from '../store/media-store.js';
import { type ApiResult, type ErrorDetail, errorResult, HttpError } from './http.js';

/** Translate any failure into the answer the client sees; the cause only ever goes to the log. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ParseError) {
    const first = error.diagnostics[0];
    return new HttpError(
      400,
      'parse-error',
      withPosition(`The lecture could not be read: ${error.message}`, first),
      error.diagnostics.map(toDetail),
      {
        cause: error,
      },
    );
  }
  if (error instanceof ValidationError) {
    const errors = error.diagnostics.filter((d) => d.severity === 'error');
    return new HttpError(422, 'invalid-lecture', summarise(errors), errors.map(toDetail), { cause: error });
  }
  if (error instanceof ForbiddenError) {
    return new HttpError(403, 'forbidden', `${error.message} Nothing was changed.`, [], { cause: error });
  }
  if (error instanceof VersionNotFoundError) {
    return new HttpError(404, 'version-not-found', error.message, [], { cause: error });
  }
  if (error instanceof MediaRejectedError) {
    return new HttpError(422, 'media-rejected', `The file was not stored: ${error.message}.`, [], {
      cause: error,
    });
  }
  if (error instanceof MediaNameTakenError) {
    return new HttpError(409, 'media-name-taken', `The file was not stored: ${error.message}.`, [], {
      cause: error,
    });
  }
  if (error instanceof StorageError) {
    return new HttpError(
      503,
      'storage-failed',
      'The deck store is not available right now. Nothing was changed and the previous version of the deck still stands; try again in a moment.',
      [],
      { cause: error, headers: { 'retry-after': '5' } },
    );
  }
  return new HttpError(
    500,
    'internal',
    'Something went wrong on the server; the error has been logged.',
    [],
    {
      cause: error,
    },
  );
}

export function toErrorResult(error: unknown): ApiResult {
  return errorResult(toHttpError(error));
}

/** A diagnostic as the API reports it: the shape and key order deck.json gives its warnings, whatever the route. */
export const toDetail: (d: Diagnostic) => ErrorDetail = orderDiagnostic;

function withPosition(message: string, d: Diagnostic | undefined): string {
  if (d?.line === undefined || /\bline\s+\d+/i.test(message)) return message;
  return `${message} (line ${d.line}${d.col !== undefined ? `, column ${d.col}` : ''})`;
}

function summarise(errors: Diagnostic[]): string {
  const first = errors[0];
  const where = first
    ? ` First: ${first.path || 'the document'}${first.line !== undefined ? ` (line ${first.line})` : ''}: ${first.message}`
    : '';
  return `The lecture has ${errors.length} error${errors.length === 1 ? '' : 's'}; nothing was stored.${where}`;
}
