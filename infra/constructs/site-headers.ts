import { Duration } from 'aws-cdk-lib';
import {
  HeadersFrameOption,
  HeadersReferrerPolicy,
  type ResponseCustomHeader,
  ResponseHeadersPolicy,
  type ResponseSecurityHeadersBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import type { Construct } from 'constructs';
import { LecternError } from '../../lambdas/core/errors.js';
import { mediaSecurityHeaders, siteSecurityHeaders } from '../../lambdas/node/security-headers.js';

/** Two years, the HSTS preload lists' minimum. */
const HSTS_MAX_AGE = Duration.days(730);

/**
 * The site's security headers on CloudFront. They are taken from the same function the local server
 * uses (lambdas/security-headers.ts), so the deployed CSP allows exactly what the local one allows —
 * including the speaker view's inline blocks by hash — and the two cannot drift.
 */
export function createSiteHeadersPolicy(
  scope: Construct,
  id: string,
  /** Where the instructors' page PUTs figures (the bucket's own https origin). */
  uploadOrigin?: string,
): ResponseHeadersPolicy {
  return headersPolicy(
    scope,
    id,
    siteSecurityHeaders(uploadOrigin),
    'Lectern: CSP, HSTS and the other security headers of the site',
  );
}

/** The same headers for stored media, with the sandboxing media policy as CSP (lambdas/site/csp.ts). */
export function createMediaHeadersPolicy(scope: Construct, id: string): ResponseHeadersPolicy {
  return headersPolicy(
    scope,
    id,
    mediaSecurityHeaders(),
    'Lectern: media files, sandboxed if opened as a page',
  );
}

function headersPolicy(
  scope: Construct,
  id: string,
  headers: Record<string, string>,
  comment: string,
): ResponseHeadersPolicy {
  const { securityHeaders, customHeaders } = toCloudFrontHeaders(headers);
  return new ResponseHeadersPolicy(scope, id, {
    comment,
    securityHeadersBehavior: {
      ...securityHeaders,
      strictTransportSecurity: { accessControlMaxAge: HSTS_MAX_AGE, includeSubdomains: true, override: true },
    },
    customHeadersBehavior: { customHeaders },
  });
}

/** Splits plain headers into the ones CloudFront models (security) and the rest (custom). */
export function toCloudFrontHeaders(headers: Record<string, string>): {
  securityHeaders: ResponseSecurityHeadersBehavior;
  customHeaders: ResponseCustomHeader[];
} {
  const security: {
    -readonly [K in keyof ResponseSecurityHeadersBehavior]: ResponseSecurityHeadersBehavior[K];
  } = {};
  const customHeaders: ResponseCustomHeader[] = [];
  for (const [name, value] of Object.entries(headers)) {
    switch (name.toLowerCase()) {
      case 'content-security-policy':
        security.contentSecurityPolicy = { contentSecurityPolicy: value, override: true };
        break;
      case 'x-content-type-options':
        if (value !== 'nosniff')
          throw new LecternError(
            'unsupported-header',
            `x-content-type-options: CloudFront can only send nosniff`,
          );
        security.contentTypeOptions = { override: true };
        break;
      case 'x-frame-options':
        security.frameOptions = { frameOption: frameOption(value), override: true };
        break;
      case 'referrer-policy':
        security.referrerPolicy = { referrerPolicy: referrerPolicy(value), override: true };
        break;
      default:
        customHeaders.push({ header: name, value, override: true });
    }
  }
  return { securityHeaders: security, customHeaders };
}

function frameOption(value: string): HeadersFrameOption {
  const match = Object.values(HeadersFrameOption).find((option) => option === value.toUpperCase());
  if (!match)
    throw new LecternError('unsupported-header', `x-frame-options: CloudFront cannot send "${value}"`);
  return match;
}

function referrerPolicy(value: string): HeadersReferrerPolicy {
  const match = Object.values(HeadersReferrerPolicy).find((policy) => policy === value.toLowerCase());
  if (!match)
    throw new LecternError('unsupported-header', `referrer-policy: CloudFront cannot send "${value}"`);
  return match;
}
