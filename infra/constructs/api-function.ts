import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Asset } from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { LecternError } from '../../lambdas/core/errors.js';
import { precompileTemplates } from '../../lambdas/core/render/compile.js';
import { copyAssets } from '../../lambdas/node/assets.js';
import { loadTemplates, PRECOMPILED_FILE, templatesDir } from '../../lambdas/node/templates-fs.js';
import { ENV } from '../../lambdas/site/env-names.js';
import {
  COURSES_PREFIX,
  MEDIA_PREFIX,
  MEDIA_RECORDS_PREFIX,
  MEDIA_UPLOADS_PREFIX,
  SITE_FOLDERS,
} from '../../lambdas/site/layout.js';
import { API_FUNCTION_TIMEOUT_SECONDS } from '../../lambdas/store/storage-timeouts.js';
import { API_BUNDLE, PROJECT_ROOT } from '../api-bundle.js';
import { objectsFinding } from '../nag.js';
import { scratchDir } from '../scratch.js';

/**
 * The templates precompiled at synth time, into a file for the bundling hook to ship: the handler
 * has the Handlebars runtime only, so every template must arrive precompiled.
 */
function writePrecompiledTemplates(): string {
  const file = join(scratchDir('precompiled'), PRECOMPILED_FILE);
  writeFileSync(file, `${JSON.stringify(precompileTemplates(loadTemplates(templatesDir())))}\n`);
  return file;
}

/**
 * The site's assets folder (reveal.js, themes, KaTeX), staged by the same copyAssets() the CLI uses:
 * shipped beside the handler, which inlines it into each deck's single-file page.
 */
function stageAssets(): string {
  const dir = scratchDir('lambda-assets');
  copyAssets(dir);
  return join(dir, SITE_FOLDERS.assets);
}

/** Where the bundle puts templates/; Lambda unpacks the code at /var/task. */
const LAMBDA_TEMPLATES_DIR = '/var/task/templates';

export interface ApiFunctionProps {
  bucket: IBucket;
  /** Key prefix of the decks, ending in `/`. */
  decksPrefix: string;
  logRetention: RetentionDays;
  logLevel: string;
  serviceName: string;
}

/** What every function of the API bundle reads at cold start (readApiConfig), whichever handler it runs. */
export function bundleEnvironment(props: ApiFunctionProps): Record<string, string> {
  return {
    [ENV.bucket]: props.bucket.bucketName,
    [ENV.decksPrefix]: props.decksPrefix,
    [ENV.templatesDir]: LAMBDA_TEMPLATES_DIR,
    [ENV.logLevel]: props.logLevel,
    [ENV.serviceName]: props.serviceName,
  };
}

/** The API's Lambda: bundled locally by esbuild with templates/ beside it, allowed to touch decks only. */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;
  readonly logGroup: LogGroup;
  readonly role: Role;
  /**
   * The bundle as staged and uploaded for this function, for another function of the same bundle (the
   * export function): one asset, bundled once, whatever handler each runs.
   */
  readonly code: Code;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const precompiled = writePrecompiledTemplates();
    const assets = stageAssets();

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    // Our own role instead of the default one: the default attaches the AWS-managed
    // AWSLambdaBasicExecutionRole, which may write to any log group in the account.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lectern API: write its own logs, read and write decks under the decks prefix',
    });
    this.logGroup.grantWrite(role);
    this.role = role;

    this.function = new NodejsFunction(this, 'Function', {
      entry: API_BUNDLE.entry,
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      // Graviton: about 20% cheaper per GB-second than x86 and no slower for this CPU-bound rendering.
      architecture: Architecture.ARM_64,
      // Lambda hands out CPU in proportion to memory, and what this function does (cold start: load the
      // SDK and compile the templates; then render Handlebars and markdown) is CPU, not memory. 1024 MB
      // buys about 0.6 vCPU, so instructors wait less; at a few hundred requests a day it costs cents.
      memorySize: 1024,
      // A publish is a render plus a handful of small S3 writes: normally well under a second. The
      // S3 client gives up on a call within STORAGE_CALL_LIMIT_MS; this leaves room to answer 503.
      timeout: Duration.seconds(API_FUNCTION_TIMEOUT_SECONDS),
      role,
      logGroup: this.logGroup,
      environment: bundleEnvironment(props),
      bundling: {
        // Never Docker: bundle with the esbuild in node_modules, offline and the same on every machine.
        forceDockerBundling: false,
        // The same settings scripts/bench-bundle.ts measures (infra/api-bundle.ts explains each).
        format: OutputFormat.ESM,
        target: API_BUNDLE.target,
        minify: API_BUNDLE.minify,
        sourceMap: false,
        mainFields: [...API_BUNDLE.mainFields],
        banner: API_BUNDLE.banner,
        externalModules: [...API_BUNDLE.external],
        commandHooks: {
          beforeBundling: () => [],
          beforeInstall: () => [],
          // The renderer reads templates/ from disk at cold start, so ship it inside the bundle, with
          // the templates precompiled now: the bundle carries only the Handlebars runtime.
          // Node rather than `cp -R`, so the same command works on Windows.
          afterBundling: (inputDir: string, outputDir: string) => [
            `node "${join(inputDir, 'infra', 'copy-dir.mjs')}" "${join(inputDir, 'templates')}" "${join(outputDir, 'templates')}"`,
            `node "${join(inputDir, 'infra', 'copy-dir.mjs')}" "${precompiled}" "${join(outputDir, PRECOMPILED_FILE)}"`,
            `node "${join(inputDir, 'infra', 'copy-dir.mjs')}" "${assets}" "${join(outputDir, SITE_FOLDERS.assets)}"`,
            `node "${join(inputDir, 'infra', 'bundle-lazy-packages.mjs')}" "${outputDir}"`,
          ],
        },
      },
    });
    this.code = stagedCode(this.function);

    grantDecksAccess(role, props.bucket, props.decksPrefix);
    role.addToPolicy(
      new PolicyStatement({
        sid: 'CoursesObjects',
        effect: Effect.ALLOW,
        actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
        resources: [props.bucket.arnForObjects(`${COURSES_PREFIX}*`)],
      }),
    );
    grantMediaAccess(role, props.bucket);
  }
}

/**
 * The S3 object the function's bundle is uploaded to, as code for another function: a second
 * NodejsFunction would bundle again (its staging folders differ, so the asset cache misses) and upload
 * a second, identical zip.
 */
function stagedCode(fn: NodejsFunction): Code {
  // AssetCode stages its folder as the function's child `Code`.
  const asset = fn.node.tryFindChild('Code');
  if (!(asset instanceof Asset))
    throw new LecternError(
      'bundle-asset-changed',
      'ApiFunction: the function has no Code asset; NodejsFunction changed',
    );
  // The key is the bundle's content hash, so new code is a new key and CloudFormation updates both
  // functions; an object version would add nothing.
  Annotations.of(asset.bucket).acknowledgeWarning(
    '@aws-cdk/aws-lambda:codeFromBucketObjectVersionNotSpecified',
    'The asset key names the bundle by its content hash: new code is a new key',
  );
  return Code.fromBucket(asset.bucket, asset.s3ObjectKey);
}

/**
 * Media: the function signs uploads to the staging prefix (a pre-signed URL carries the signer's
 * rights, so this is the only place a plain PUT is allowed), reads what arrived, and deletes it once
 * checked. Checked files and their records are created once (If-None-Match) and never deleted, so
 * no stored version of a deck can lose a figure it uses.
 */
function grantMediaAccess(role: Role, bucket: IBucket): void {
  const uploads = bucket.arnForObjects(`${MEDIA_UPLOADS_PREFIX}*`);
  const stored = [bucket.arnForObjects(`${MEDIA_PREFIX}*`), bucket.arnForObjects(`${MEDIA_RECORDS_PREFIX}*`)];
  role.addToPolicy(
    new PolicyStatement({
      sid: 'MediaUploads',
      effect: Effect.ALLOW,
      actions: ['s3:PutObject', 's3:GetObject', 's3:DeleteObject'],
      resources: [uploads],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'MediaStored',
      effect: Effect.ALLOW,
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: stored,
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'MediaOnlyCreated',
      effect: Effect.DENY,
      actions: ['s3:PutObject'],
      resources: stored,
      conditions: { Null: { 's3:if-none-match': 'true' } },
    }),
  );
}

/**
 * Read and write objects under the decks prefix; nothing else in the bucket (assets, the instructors'
 * page) can be read or changed, and no `s3:*` or `*` resource is used. No delete at all: a deck is
 * deleted by moving its pointer, and versions and history are kept. Every write must be conditional
 * (If-None-Match to create a version file, a history entry or a pointer; If-Match to move a pointer),
 * so even a bug in the function cannot overwrite a stored version blindly.
 *
 * s3:ListBucket is on the bucket without an s3:prefix condition on purpose: S3 answers a GetObject of a
 * missing key with 404 only to a caller that may list the bucket, and that check carries no prefix, so a
 * prefix-conditioned grant would turn every "no such deck" into 403 and the API's 404 into a 503. Listing
 * reveals key names only, and the names outside decks/ are the public assets and page.
 */
function grantDecksAccess(role: Role, bucket: IBucket, prefix: string): void {
  const decks = bucket.arnForObjects(`${prefix}*`);
  role.addToPolicy(
    new PolicyStatement({
      sid: 'DecksObjects',
      effect: Effect.ALLOW,
      actions: ['s3:GetObject', 's3:PutObject'],
      resources: [decks],
    }),
  );
  role.addToPolicy(
    new PolicyStatement({
      sid: 'OnlyConditionalWrites',
      effect: Effect.DENY,
      actions: ['s3:PutObject'],
      resources: [decks],
      // Both keys absent (Null: true, ANDed) means a blind overwrite: refused.
      conditions: { Null: { 's3:if-none-match': 'true', 's3:if-match': 'true' } },
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

/** The finding id cdk-nag gives the decks-prefix wildcard, so exactly that one can be acknowledged. */
export function decksResourceFinding(bucket: IBucket, prefix: string): string {
  return objectsFinding(bucket, `${prefix}*`);
}
