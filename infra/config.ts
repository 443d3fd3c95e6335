import type { Node } from 'constructs';
import { ConfigError } from '../lambdas/core/errors.js';

/**
 * Everything a deployment may choose, with its default. Set any of them at deploy time with
 * `npx cdk deploy -c key=value` (or under "context" in cdk.json); nothing here needs a code edit.
 */
export interface LecternConfig {
  /** Names the stack (`Lectern-<stage>`) so several copies (dev, prod) can live in one account. */
  stage: string;
  /** Custom host name for the site, e.g. `lectures.example.edu`. Needs `certificateArn`. */
  domainName?: string;
  /** ACM certificate for `domainName`, in us-east-1 (CloudFront reads certificates only there). */
  certificateArn?: string;
  /** Optional AWS WAF web ACL (us-east-1, CLOUDFRONT scope) to put in front of the site. */
  webAclArn?: string;
  /** Days an overwritten or deleted object's old version is kept before S3 removes it. */
  noncurrentVersionDays: number;
  /** Days logs are kept: CloudWatch log groups and the access-log bucket. */
  logRetentionDays: number;
  /** Steady-state API requests per second across all callers (API Gateway stage throttling). */
  throttleRateLimit: number;
  /** Short bursts above the steady rate the API accepts before answering 429. */
  throttleBurstLimit: number;
  /** Whether instructors must set up a TOTP authenticator (`required`) or may (`optional`). */
  mfa: 'optional' | 'required';
  /** Cognito Plus feature plan with threat protection (billed per monthly active user). */
  threatProtection: boolean;
  /** Powertools log level of the API function. */
  logLevel: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
}

export const DEFAULT_CONFIG: LecternConfig = {
  stage: 'prod',
  noncurrentVersionDays: 90,
  logRetentionDays: 90,
  throttleRateLimit: 20,
  throttleBurstLimit: 40,
  mfa: 'optional',
  threatProtection: false,
  logLevel: 'INFO',
};

// CloudWatch Logs accepts only these retention periods.
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/** A context value that cannot be used; synth stops with a message naming the key. */
function contextError(key: string, message: string): ConfigError {
  return new ConfigError(`Context "${key}": ${message}`, { key });
}

type Lookup = (key: string) => unknown;

/** The deployment's configuration: context values (from `-c` or cdk.json) over the defaults. */
export function readConfig(node: Node): LecternConfig {
  return parseConfig((key) => node.tryGetContext(key));
}

/** The same, from any lookup; separate so the rules can be tested without an App. */
export function parseConfig(lookup: Lookup): LecternConfig {
  const config: LecternConfig = {
    stage: readText(lookup, 'stage', DEFAULT_CONFIG.stage, /^[A-Za-z][A-Za-z0-9-]{0,31}$/),
    noncurrentVersionDays: readInteger(
      lookup,
      'noncurrentVersionDays',
      DEFAULT_CONFIG.noncurrentVersionDays,
      1,
    ),
    logRetentionDays: readInteger(lookup, 'logRetentionDays', DEFAULT_CONFIG.logRetentionDays, 1),
    throttleRateLimit: readInteger(lookup, 'throttleRateLimit', DEFAULT_CONFIG.throttleRateLimit, 1),
    throttleBurstLimit: readInteger(lookup, 'throttleBurstLimit', DEFAULT_CONFIG.throttleBurstLimit, 1),
    mfa: readChoice(lookup, 'mfa', DEFAULT_CONFIG.mfa, ['optional', 'required'] as const),
    threatProtection: readBoolean(lookup, 'threatProtection', DEFAULT_CONFIG.threatProtection),
    logLevel: readChoice(lookup, 'logLevel', DEFAULT_CONFIG.logLevel, [
      'DEBUG',
      'INFO',
      'WARN',
      'ERROR',
    ] as const),
  };
  if (!LOG_RETENTION_DAYS.includes(config.logRetentionDays)) {
    throw contextError('logRetentionDays', `CloudWatch Logs accepts only ${LOG_RETENTION_DAYS.join(', ')}.`);
  }
  const domainName = readOptional(lookup, 'domainName');
  const certificateArn = readOptional(lookup, 'certificateArn');
  if ((domainName === undefined) !== (certificateArn === undefined)) {
    throw contextError(
      domainName ? 'certificateArn' : 'domainName',
      'set domainName and certificateArn together (a custom domain needs its certificate).',
    );
  }
  if (
    domainName !== undefined &&
    !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i.test(domainName)
  ) {
    throw contextError('domainName', `"${domainName}" is not a host name.`);
  }
  if (
    certificateArn !== undefined &&
    !/^arn:aws[a-z-]*:acm:us-east-1:\d{12}:certificate\/.+$/.test(certificateArn)
  ) {
    throw contextError(
      'certificateArn',
      'must be an ACM certificate ARN in us-east-1, where CloudFront reads it.',
    );
  }
  const webAclArn = readOptional(lookup, 'webAclArn');
  if (
    webAclArn !== undefined &&
    !/^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/.+$/.test(webAclArn)
  ) {
    throw contextError(
      'webAclArn',
      'must be a WAFv2 web ACL ARN of CLOUDFRONT scope (us-east-1, global/webacl/…).',
    );
  }
  return {
    ...config,
    ...(domainName ? { domainName: domainName.toLowerCase() } : {}),
    ...(certificateArn ? { certificateArn } : {}),
    ...(webAclArn ? { webAclArn } : {}),
  };
}

function readOptional(lookup: Lookup, key: string): string | undefined {
  const value = lookup(key);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw contextError(key, 'must be a string.');
  return value.trim();
}

function readText(lookup: Lookup, key: string, fallback: string, pattern: RegExp): string {
  const value = readOptional(lookup, key) ?? fallback;
  if (!pattern.test(value)) throw contextError(key, `"${value}" does not match ${pattern}.`);
  return value;
}

// `-c key=value` always arrives as a string; cdk.json may hold a real number or boolean.
function readInteger(lookup: Lookup, key: string, fallback: number, min: number): number {
  const raw = lookup(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = typeof raw === 'number' ? raw : Number(String(raw).trim());
  if (!Number.isInteger(value) || value < min)
    throw contextError(key, `"${raw}" is not a whole number ≥ ${min}.`);
  return value;
}

function readBoolean(lookup: Lookup, key: string, fallback: boolean): boolean {
  const raw = lookup(key);
  if (raw === undefined || raw === null || raw === '') return fallback;
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw contextError(key, `"${raw}" is not true or false.`);
}

function readChoice<T extends string>(lookup: Lookup, key: string, fallback: T, choices: readonly T[]): T {
  const value = readOptional(lookup, key) ?? fallback;
  const match = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
  if (!match) throw contextError(key, `"${value}" is not one of ${choices.join(', ')}.`);
  return match;
}
