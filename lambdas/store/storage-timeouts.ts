/**
 * How long a storage call may take, shared by the S3 client and the CDK stack so the deployed
 * function's timeout always leaves room to answer 503 after storage gave up. Pure constants.
 */
export const STORAGE_TIMEOUTS = {
  /** To open a connection to the storage endpoint. */
  connectMs: 2_000,
  /** From sending a request to the end of its answer; also the longest a socket may stay silent. */
  requestMs: 5_000,
  /** Tries of one call (the SDK waits a random 0–200 ms, growing, between them). */
  attempts: 2,
  /** The SDK's largest wait between the attempts above. */
  backoffMs: 200,
} as const;

/** The longest one storage call can take before it fails: every attempt timed out, plus the waits. */
export const STORAGE_CALL_LIMIT_MS =
  STORAGE_TIMEOUTS.attempts * (STORAGE_TIMEOUTS.connectMs + STORAGE_TIMEOUTS.requestMs) +
  (STORAGE_TIMEOUTS.attempts - 1) * STORAGE_TIMEOUTS.backoffMs;

/** The disk store's bound on one call (a folder on a network mount can hang): the same budget. */
export const DISK_CALL_LIMIT_MS = STORAGE_CALL_LIMIT_MS;

/**
 * The API function's timeout: a second or two of rendering (the most an accepted lecture takes),
 * storage calls that succeed, one that fails at its limit, and the 503 answer. Well under API
 * Gateway's 30 s.
 */
export const API_FUNCTION_TIMEOUT_SECONDS = 20;
