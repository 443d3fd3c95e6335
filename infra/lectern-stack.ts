import { CfnOutput, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { DEFAULT_DECKS_PREFIX } from '../lambdas/site/env-names.js';
import {
  COURSES_PREFIX,
  DECK_FILES,
  EXPORT_JOBS_PREFIX,
  MEDIA_PREFIX,
  MEDIA_RECORDS_PREFIX,
  MEDIA_UPLOADS_PREFIX,
  versionKey,
} from '../lambdas/site/layout.js';
import type { LecternConfig } from './config.js';
import { ApiFunction, decksResourceFinding } from './constructs/api-function.js';
import { DeckApi } from './constructs/deck-api.js';
import { ExportFunction, exportFileKeys } from './constructs/export-function.js';
import { InstructorAuth } from './constructs/instructor-auth.js';
import { SiteContent } from './constructs/site-content.js';
import { SiteDistribution } from './constructs/site-distribution.js';
import { SiteStorage } from './constructs/site-storage.js';
import { UploadCors } from './constructs/upload-cors.js';
import { objectsFinding } from './nag.js';

export interface LecternStackProps extends StackProps {
  config: LecternConfig;
}

// Fixed rather than configurable: CloudFront serves the bucket path for path, and the API answers with
// /decks/{id}/ URLs, so the key prefix and the site path must be the same.
const DECKS_PREFIX = DEFAULT_DECKS_PREFIX;

/**
 * The whole deployment, wired in one place: storage, the instructors' accounts, the API function and
 * its HTTP API, the CloudFront site in front of both, and the assets uploaded at deploy time.
 */
export class LecternStack extends Stack {
  readonly storage: SiteStorage;
  readonly auth: InstructorAuth;
  readonly apiFunction: ApiFunction;
  readonly exportFunction: ExportFunction;
  readonly api: DeckApi;
  readonly site: SiteDistribution;
  readonly content: SiteContent;

  constructor(scope: Construct, id: string, props: LecternStackProps) {
    super(scope, id, {
      description: `Lectern (${props.config.stage}): lecture decks on CloudFront + S3, publishing API and exports on Lambda`,
      ...props,
    });
    const { config } = props;
    // parseConfig() accepts only the periods CloudWatch Logs knows, which are the enum's values.
    const logRetention = config.logRetentionDays as RetentionDays;

    this.storage = new SiteStorage(this, 'Storage', {
      noncurrentVersionDays: config.noncurrentVersionDays,
      logRetentionDays: config.logRetentionDays,
    });
    this.auth = new InstructorAuth(this, 'Auth', {
      mfa: config.mfa,
      threatProtection: config.threatProtection,
    });
    this.apiFunction = new ApiFunction(this, 'ApiFunction', {
      bucket: this.storage.siteBucket,
      decksPrefix: DECKS_PREFIX,
      logRetention,
      logLevel: config.logLevel,
      serviceName: `lectern-api-${config.stage}`,
    });
    Validations.of(this.apiFunction).acknowledge({
      id: decksResourceFinding(this.storage.siteBucket, DECKS_PREFIX),
      reason:
        `Objects under ${DECKS_PREFIX} only: a deck is a set of keys (${DECKS_PREFIX}{id}/pointer.json, ` +
        `${DECKS_PREFIX}{id}/v/{version}/…, its history) created at publish time, so they cannot be listed in advance. ` +
        'The wildcard is the decks prefix; assets and the instructors page stay out of reach.',
    });
    Validations.of(this.apiFunction).acknowledge({
      id: decksResourceFinding(this.storage.siteBucket, COURSES_PREFIX),
      reason:
        `Objects under ${COURSES_PREFIX} only: a course is its page and document (${COURSES_PREFIX}{id}/index.html, ` +
        `${COURSES_PREFIX}{id}/course.json), created when an instructor stores a course.`,
    });
    for (const prefix of [MEDIA_PREFIX, MEDIA_RECORDS_PREFIX, MEDIA_UPLOADS_PREFIX]) {
      Validations.of(this.apiFunction).acknowledge({
        id: decksResourceFinding(this.storage.siteBucket, prefix),
        reason:
          `Objects under ${prefix} only: media files are named by their content hash when an instructor uploads ` +
          `one, so they cannot be listed in advance. Only ${MEDIA_UPLOADS_PREFIX} (the pre-signed uploads, never served) ` +
          `takes a plain PUT; ${MEDIA_PREFIX} and ${MEDIA_RECORDS_PREFIX} are created once each (If-None-Match), never overwritten or deleted.`,
      });
    }
    this.exportFunction = new ExportFunction(this, 'ExportFunction', {
      api: this.apiFunction,
      bucket: this.storage.siteBucket,
      decksPrefix: DECKS_PREFIX,
      logRetention,
      logLevel: config.logLevel,
      serviceName: `lectern-exports-${config.stage}`,
    });
    this.acknowledgeExportGrants();
    this.api = new DeckApi(this, 'Api', {
      handler: this.apiFunction.function,
      userPool: this.auth.userPool,
      userPoolClient: this.auth.client,
      throttleRateLimit: config.throttleRateLimit,
      throttleBurstLimit: config.throttleBurstLimit,
      logRetention,
      decksPath: DECKS_PREFIX.replace(/\/$/, ''),
    });
    this.site = new SiteDistribution(this, 'Site', {
      siteBucket: this.storage.siteBucket,
      logBucket: this.storage.logBucket,
      apiDomainName: this.api.originDomainName,
      decksPath: DECKS_PREFIX.replace(/\/$/, ''),
      mediaPath: MEDIA_PREFIX.replace(/\/$/, ''),
      ...(config.domainName ? { domainName: config.domainName } : {}),
      ...(config.certificateArn ? { certificateArn: config.certificateArn } : {}),
      ...(config.webAclArn ? { webAclArn: config.webAclArn } : {}),
    });
    new UploadCors(this, 'UploadCors', {
      siteBucket: this.storage.siteBucket,
      distribution: this.site.distribution,
      ...(config.domainName ? { domainName: config.domainName } : {}),
    });
    this.content = new SiteContent(this, 'Content', {
      siteBucket: this.storage.siteBucket,
      distribution: this.site.distribution,
      logRetention,
    });

    const siteUrl = `https://${config.domainName ?? this.site.distribution.distributionDomainName}`;
    new CfnOutput(this, 'SiteUrl', {
      description: 'The site: instructors page, decks, assets',
      value: `${siteUrl}/`,
    });
    new CfnOutput(this, 'ApiUrl', {
      description: 'The API, on the same origin as the site',
      value: `${siteUrl}/api/`,
    });
    new CfnOutput(this, 'UserPoolId', {
      description: 'Cognito user pool of the instructors',
      value: this.auth.userPool.userPoolId,
    });
    new CfnOutput(this, 'UserPoolClientId', {
      description: 'App client for sign-in (USER_PASSWORD_AUTH, SRP)',
      value: this.auth.client.userPoolClientId,
    });
    new CfnOutput(this, 'BucketName', {
      description: 'Site bucket (decks, assets)',
      value: this.storage.siteBucket.bucketName,
    });
    new CfnOutput(this, 'DistributionId', {
      description: 'CloudFront distribution',
      value: this.site.distribution.distributionId,
    });
  }

  /** The wildcards of the export job files and of the files the export function reads and writes. */
  private acknowledgeExportGrants(): void {
    const bucket = this.storage.siteBucket;
    Validations.of(this.apiFunction).acknowledge({
      id: objectsFinding(bucket, `${EXPORT_JOBS_PREFIX}*`),
      reason:
        `PutObject under ${EXPORT_JOBS_PREFIX} only: a job file is named by the deck and version it makes the ` +
        `exports of (${EXPORT_JOBS_PREFIX}{id}/{version}.json), known only at publish time; nothing there is served.`,
    });
    Validations.of(this.exportFunction).acknowledge(
      {
        id: objectsFinding(bucket, `${EXPORT_JOBS_PREFIX}*`),
        reason:
          `Get and Delete under ${EXPORT_JOBS_PREFIX} only: the function reads the job file whose arrival the bucket ` +
          'reported, named by its deck and version, and removes it once the exports are made.',
      },
      {
        id: objectsFinding(bucket, `${MEDIA_PREFIX}*`),
        reason:
          `GetObject under ${MEDIA_PREFIX} only: the images a job names are stored files named by their content hash, ` +
          'embedded in the PowerPoint file and the single-file page; the function cannot change them.',
      },
      {
        id: objectsFinding(bucket, versionKey(DECKS_PREFIX, '*', '*', DECK_FILES.manifest)),
        reason:
          `GetObject of a version's ${DECK_FILES.manifest} only: exports are added to a stored version, which the ` +
          'function checks first; the deck and version ids are known only when the job arrives.',
      },
      ...exportFileKeys(DECKS_PREFIX).map((keys) => ({
        id: objectsFinding(bucket, keys),
        reason:
          `PutObject of ${keys.slice(keys.lastIndexOf('/') + 1)} in any version, created once (If-None-Match, ` +
          'denied otherwise), never overwritten: the only file of a stored version the function may write.',
      })),
    );
  }
}
