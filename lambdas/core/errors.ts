/** The base of every error Lectern raises: a stable `code`, a message for the instructor, and the cause. */
export class LecternError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

import type { Diagnostic } from './diagnostic.js';

export type { Diagnostic } from './diagnostic.js';

/** The lecture text could not be parsed as YAML or JSON. */
export class ParseError extends LecternError {
  constructor(
    readonly diagnostics: Diagnostic[],
    options?: { cause?: unknown },
  ) {
    super('parse-error', diagnostics[0]?.message ?? 'The lecture could not be read', options);
  }
}

/** The lecture breaks the content format; `diagnostics` lists every error (and the warnings). */
export class ValidationError extends LecternError {
  constructor(readonly diagnostics: Diagnostic[]) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    super('invalid-lecture', `The lecture has ${errors.length} error${errors.length === 1 ? '' : 's'}`);
  }
}

/** A setting Lectern cannot run with (CDK context, an environment variable, a missing folder); `key` names it. */
export class ConfigError extends LecternError {
  readonly key: string | undefined;

  constructor(message: string, options?: { key?: string; code?: string; cause?: unknown }) {
    super(options?.code ?? 'invalid-config', message, options);
    this.key = options?.key;
  }
}

/** A request the caller can put right by asking differently: an unknown flag, a missing file. */
export class UsageError extends LecternError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('usage', message, options);
  }
}
