import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { EventType, type IBucket } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import { Construct } from 'constructs';
import type { ApiConfig } from '../../lambdas/api/config.js';
import { ENV } from '../../lambdas/site/env-names.js';
import { DECK_FILES, EXPORT_JOBS_PREFIX, MEDIA_PREFIX, versionKey } from '../../lambdas/site/layout.js';
import { type ApiFunction, bundleEnvironment } from './api-function.js';

/**
 * The export function's limits, which the README states. Measured with the shipped bundle's
 * exportHandler, in a fresh process per job, on the bench's hostile lectures that publish (1,000 slides,
 * formulas at their bounds): up to 5.8 s of CPU and 465 MiB peak RSS on a two-core desk.
 */
export const EXPORT_FUNCTION = {
  // About 6 s of CPU at ~0.9 vCPU, plus reading the images and writing both files: well under a
  // minute. The rest is room before Lambda stops a job that has gone wrong.
  timeoutSeconds: 120,
  // Three times the peak above, for images (up to 20 MiB each) held while both files are made. Lambda's
  // CPU share grows with memory: 1536 MB is about 0.9 vCPU, nearly the one core the writer can use.
  memoryMb: 1536,
  // A failed job is tried twice more (a minute, then two, apart), then left in export-jobs/.
  retryAttempts: 2,
  // An event waiting for capacity (throttled) is dropped after this, well before its job file expires
  // (a day), so a late try still finds its job.
  maxEventAgeHours: 6,
} as const;

/** Mode of the API function: new versions' exports are left to this function as job files. */
const EXPORTS_BY_EVENT: ApiConfig['exports'] = 'event';

export interface ExportFunctionProps {
  /** The API function, whose bundle this function runs and which writes the job files. */
  api: ApiFunction;
  bucket: IBucket;
  /** Key prefix of the decks, ending in `/`. */
  decksPrefix: string;
  logRetention: RetentionDays;
  logLevel: string;
  serviceName: string;
}

/**
 * The function that makes a new version's exports (its PowerPoint file and single-file page): the API
 * writes what they are made from as a job file under export-jobs/ and answers; the bucket reports the
 * file's arrival to this function (`index.exportHandler`, in the API's bundle), which adds the files to
 * the version and removes the job. A publish then costs the API its render only, and this function has
 * the time and memory a large deck needs.
 *
 * No reserved concurrency: publishes reach the API at most at its throttle rate and each leaves at most
 * one job, so the function's concurrency is bounded already; and Lambda keeps 100 executions of an
 * account unreserved, so in an account still at a low starting quota any reservation fails the deploy.
 * No failure destination either: a job that fails three times stays in export-jobs/ for a day, for
 * inspection (the bucket's lifecycle drops it), its error is in the log group, and its version has no
 * exports until the same publish is sent again, which writes the job again.
 */
export class ExportFunction extends Construct {
  readonly function: LambdaFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ExportFunctionProps) {
    super(scope, id);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role, as for the API: not AWSLambdaBasicExecutionRole, which may write to any log group.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: "Lectern exports: read a job and its images, add a version's exports once, remove the job",
    });
    this.logGroup.grantWrite(this.role);

    this.function = new LambdaFunction(this, 'Function', {
      // The API function's bundle, uploaded once: the handler is another export of the same index.mjs.
      code: props.api.code,
      handler: 'index.exportHandler',
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: EXPORT_FUNCTION.memoryMb,
      timeout: Duration.seconds(EXPORT_FUNCTION.timeoutSeconds),
      retryAttempts: EXPORT_FUNCTION.retryAttempts,
      maxEventAge: Duration.hours(EXPORT_FUNCTION.maxEventAgeHours),
      role: this.role,
      logGroup: this.logGroup,
      environment: bundleEnvironment(props),
    });
    grantExportAccess(this.role, props.bucket, props.decksPrefix);

    props.bucket.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(this.function), {
      prefix: EXPORT_JOBS_PREFIX,
      suffix: '.json',
    });
    acknowledgeNotificationsHandler(this);

    // The API leaves new versions' exports to this function: it writes the job files (a plain PUT:
    // the same publish sent again writes its job again, so that a version lacking exports gets them).
    props.api.function.addEnvironment(ENV.exports, EXPORTS_BY_EVENT);
    props.api.role.addToPolicy(
      new PolicyStatement({
        sid: 'ExportJobsWrite',
        effect: Effect.ALLOW,
        actions: ['s3:PutObject'],
        resources: [props.bucket.arnForObjects(`${EXPORT_JOBS_PREFIX}*`)],
      }),
    );
  }
}

/** The keys the function writes: a version's export files, never any other file of it. */
export function exportFileKeys(decksPrefix: string): string[] {
  return [DECK_FILES.pptx, DECK_FILES.singleFile].map((name) => versionKey(decksPrefix, '*', '*', name));
}

/**
 * Every key the handler touches, and no other: the job file (read, then removed), the stored images
 * (read), the version's deck.json (read: exports are added only to a version that exists), and the two
 * export files, created once each (If-None-Match), never overwritten. s3:ListBucket on the bucket for
 * the same reason as the API's: without it a job already removed (an event delivered twice) or a missing
 * version reads as 403, not 404, and the handler would fail instead of finishing.
 */
function grantExportAccess(role: Role, bucket: IBucket, decksPrefix: string): void {
  const exportFiles = exportFileKeys(decksPrefix).map((keys) => bucket.arnForObjects(keys));
  role.addToPolicy(
    new PolicyStatement({
      sid: 'ExportJobs',
      effect: Effect.ALLOW,
      actions: ['s3:GetObject', 's3:DeleteObject'],
      resources: [bucket.arnForObjects(`${EXPORT_JOBS_PREFIX}*`)],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'ReadImagesAndVersion',
      effect: Effect.ALLOW,
      actions: ['s3:GetObject'],
      resources: [
        bucket.arnForObjects(`${MEDIA_PREFIX}*`),
        bucket.arnForObjects(versionKey(decksPrefix, '*', '*', DECK_FILES.manifest)),
      ],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'ExportFiles',
      effect: Effect.ALLOW,
      actions: ['s3:PutObject'],
      resources: exportFiles,
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'ExportFilesOnlyCreated',
      effect: Effect.DENY,
      actions: ['s3:PutObject'],
      resources: exportFiles,
      conditions: { Null: { 's3:if-none-match': 'true' } },
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'ListForNotFound',
      effect: Effect.ALLOW,
      actions: ['s3:ListBucket'],
      resources: [bucket.bucketArn],
    }),
  );
}

/**
 * aws-cdk-lib sets a bucket's notifications with a custom resource whose handler (one per stack) it
 * writes itself, with a role of its own; its grant is PutBucketNotification on the site bucket only.
 */
function acknowledgeNotificationsHandler(scope: Construct): void {
  const handler = Stack.of(scope).node.children.find((child) =>
    child.node.id.startsWith('BucketNotificationsHandler'),
  );
  if (!handler) return;
  Validations.of(handler).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      "aws-cdk-lib's bucket-notifications handler runs with AWSLambdaBasicExecutionRole (its own logs); its role " +
      "is made inside aws-cdk-lib. It runs only while CloudFormation deploys the stack, to set the site bucket's " +
      'event for export-jobs/; it serves no requests.',
  });
}
