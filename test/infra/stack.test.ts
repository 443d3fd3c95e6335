import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { readApiConfig } from '../../lambdas/api/config.js';
import { templateHash } from '../../lambdas/core/render/compile.js';
import { listAssets } from '../../lambdas/node/assets.js';
import { siteSecurityHeaders } from '../../lambdas/node/security-headers.js';
import { templatesDir } from '../../lambdas/node/templates-fs.js';
import { MEDIA_POLICY } from '../../lambdas/site/csp.js';
import { ENV } from '../../lambdas/site/env-names.js';
import {
  PAGE_EDITOR_MODULE,
  PAGE_EDITOR_SOURCES,
  PAGE_LAYOUT_MODULE,
  pageLayoutModule,
} from '../../lambdas/site/page-files.js';
import { API_FUNCTION_TIMEOUT_SECONDS, STORAGE_CALL_LIMIT_MS } from '../../lambdas/store/storage-timeouts.js';
import { synthStack } from './synth-stack.js';

// CloudFront's managed CachingDisabled policy.
const CACHING_DISABLED = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';

// biome-ignore lint/suspicious/noExplicitAny: synthesised CloudFormation is untyped JSON; the assertions check its shape.
type Cfn = any;
type Resources = Record<string, { Type: string; Properties: Record<string, Cfn> }>;

let template: Template;
let assembly: CloudAssembly;
let resources: Resources;

beforeAll(() => {
  ({ template, assembly } = synthStack());
  resources = template.toJSON().Resources as Resources;
});

function ofType(type: string): [string, Record<string, Cfn>][] {
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === type)
    .map(([id, resource]) => [id, resource.Properties]);
}

function logicalIdOf(type: string, predicate: (props: Record<string, Cfn>) => boolean): string {
  const found = ofType(type).filter(([, props]) => predicate(props));
  expect(found, `exactly one ${type}`).toHaveLength(1);
  return found[0]?.[0] as string;
}

const siteBucketId = () => logicalIdOf('AWS::S3::Bucket', (p) => p.VersioningConfiguration !== undefined);
// The two functions of the API bundle, told apart by their handler; the other Node function is
// aws-cdk-lib's deploy-time custom resource provider.
const bundleFunctionId = (handler: string) =>
  logicalIdOf(
    'AWS::Lambda::Function',
    (p) => p.Runtime === 'nodejs24.x' && p.Environment?.Variables?.[ENV.bucket] && p.Handler === handler,
  );
const apiFunctionId = () => bundleFunctionId('index.handler');
const exportFunctionId = () => bundleFunctionId('index.exportHandler');
const objectsUnder = (keys: string) => ({
  'Fn::Join': ['', [{ 'Fn::GetAtt': [siteBucketId(), 'Arn'] }, `/${keys}`]],
});
/** The statements of the one policy on a function's role, and that role's id. */
function roleStatementsOf(functionId: string): { roleId: string; statements: Cfn[] } {
  const roleId = resources[functionId]?.Properties.Role['Fn::GetAtt'][0];
  const policies = ofType('AWS::IAM::Policy').filter(([, p]) => p.Roles.some((r: Cfn) => r.Ref === roleId));
  expect(policies).toHaveLength(1);
  return { roleId, statements: policies[0]?.[1].PolicyDocument.Statement };
}
const distribution = () => ofType('AWS::CloudFront::Distribution')[0]?.[1].DistributionConfig;

describe('synthesis', () => {
  it('leaves no warning in the cloud assembly', () => {
    const warnings = (assembly.stacks[0]?.messages ?? [])
      .filter((message) => message.level === 'warning')
      .map((message) => `${message.id}: ${String(message.entry.data)}`);
    expect(warnings).toEqual([]);
  });
});

describe('site bucket', () => {
  it('blocks every kind of public access, on both buckets', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets).toHaveLength(2);
    for (const [, props] of buckets) {
      expect(props.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
    }
  });

  it('is versioned, encrypted, logged, and forgets old versions after 90 days', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'site-bucket/' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Status: 'Enabled', NoncurrentVersionExpiration: { NoncurrentDays: 90 } }),
        ]),
      },
    });
  });

  it('is kept when the stack is deleted', () => {
    template.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({ VersioningConfiguration: { Status: 'Enabled' } }),
      DeletionPolicy: 'Retain',
    });
  });

  it('refuses Cfn request not over TLS, on both buckets', () => {
    const policies = ofType('AWS::S3::BucketPolicy');
    expect(policies).toHaveLength(2);
    for (const [, props] of policies) {
      expect(props.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Principal: { AWS: '*' },
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });
});

describe('CloudFront', () => {
  it('reads the bucket through Origin Access Control, not an identity or a public bucket', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always' },
    });
    const s3Origins = distribution().Origins.filter((origin: Cfn) => origin.S3OriginConfig);
    expect(s3Origins).toHaveLength(1);
    expect(s3Origins[0].OriginAccessControlId).toBeDefined();
    expect(s3Origins[0].S3OriginConfig.OriginAccessIdentity).toBe('');
    // The bucket trusts CloudFront's service principal, for this distribution only.
    const [, policy] = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Bucket.Ref === siteBucketId()) ?? [];
    expect(policy?.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: expect.arrayContaining(['s3:GetObject']),
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    );
  });

  it('passes /api/* to the API uncached, with every method, over HTTPS only', () => {
    const api = distribution().CacheBehaviors.find((b: Cfn) => b.PathPattern === 'api/*');
    expect(api.CachePolicyId).toBe(CACHING_DISABLED);
    expect(api.AllowedMethods).toEqual(expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']));
    expect(api.ViewerProtocolPolicy).toBe('https-only');
    const origin = distribution().Origins.find((o: Cfn) => o.Id === api.TargetOriginId);
    expect(origin.CustomOriginConfig).toEqual({
      OriginProtocolPolicy: 'https-only',
      OriginSSLProtocols: ['TLSv1.2'],
    });
  });

  it("sends a deck's current URL to the API's redirect, uncached, query kept; its versions to the bucket", () => {
    const patterns = distribution().CacheBehaviors.map((b: Cfn) => b.PathPattern);
    // CloudFront takes the first match: the versions' pattern must come before the redirect's.
    expect(patterns.indexOf('decks/*/v/*')).toBeGreaterThanOrEqual(0);
    expect(patterns.indexOf('decks/*/v/*')).toBeLessThan(patterns.indexOf('decks/*'));
    const current = distribution().CacheBehaviors.find((b: Cfn) => b.PathPattern === 'decks/*');
    const api = distribution().CacheBehaviors.find((b: Cfn) => b.PathPattern === 'api/*');
    expect(current.TargetOriginId).toBe(api.TargetOriginId);
    expect(current.CachePolicyId).toBe(CACHING_DISABLED);
    expect(current.AllowedMethods.sort()).toEqual(['GET', 'HEAD']);
    expect(current.OriginRequestPolicyId).toBe(api.OriginRequestPolicyId);
    const versions = distribution().CacheBehaviors.find((b: Cfn) => b.PathPattern === 'decks/*/v/*');
    expect(versions.TargetOriginId).toBe(distribution().DefaultCacheBehavior.TargetOriginId);
  });

  it('caches versioned deck files and the assets for long, the current pages briefly', () => {
    const ttlOf = (pattern: string | undefined) => {
      const behavior =
        pattern === undefined
          ? distribution().DefaultCacheBehavior
          : distribution().CacheBehaviors.find((b: Cfn) => b.PathPattern === pattern);
      return resources[behavior.CachePolicyId.Ref]?.Properties.CachePolicyConfig;
    };
    expect(ttlOf('decks/*/v/*')).toMatchObject({ DefaultTTL: 365 * 86400, MinTTL: 86400 });
    expect(ttlOf('assets/*')).toMatchObject({ MaxTTL: 365 * 86400 });
    expect(ttlOf('media/*')).toMatchObject({ DefaultTTL: 365 * 86400, MinTTL: 86400 });
    expect(ttlOf(undefined)).toMatchObject({ DefaultTTL: 60, MinTTL: 0 });
  });

  it('redirects plain HTTP on the site, logs requests and serves index.html at /', () => {
    expect(distribution().DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(distribution().DefaultRootObject).toBe('index.html');
    expect(distribution().Logging).toMatchObject({ Prefix: 'cloudfront/', IncludeCookies: false });
  });

  it('sends the same security headers as the local server, with a strict CSP', () => {
    const [, policy] =
      ofType('AWS::CloudFront::ResponseHeadersPolicy').find(
        ([, p]) =>
          p.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy !==
          MEDIA_POLICY,
      ) ?? [];
    const config = policy?.ResponseHeadersPolicyConfig;
    // The bucket's regional name, known at deploy time, is the one origin added (for figure uploads).
    const parts: Cfn[] =
      config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy['Fn::Join'][1];
    expect(parts[1]).toEqual({ 'Fn::GetAtt': [siteBucketId(), 'RegionalDomainName'] });
    const bucketHost = 'lectern-site.s3.eu-west-1.amazonaws.com';
    const csp: string = parts.map((part) => (typeof part === 'string' ? part : bucketHost)).join('');
    const local = siteSecurityHeaders(`https://${bucketHost}`);
    expect(csp).toBe(local['content-security-policy']);
    expect(csp).toContain(`connect-src 'self' https://${bucketHost};`);
    const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).toMatch(/^\s*script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*$/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    // CloudFront rejects a CSP longer than 1783 characters.
    expect(csp.length).toBeLessThanOrEqual(1783);
    expect(config.SecurityHeadersConfig.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 730 * 86400,
      IncludeSubdomains: true,
    });
    expect(config.SecurityHeadersConfig.ContentTypeOptions).toEqual({ Override: true });
    // Every behaviour carries it, the API's too.
    for (const behavior of [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors]) {
      expect(behavior.ResponseHeadersPolicyId).toBeDefined();
    }
  });
});

describe('API function', () => {
  it('runs on the newest Node runtime, on arm64, with its memory, timeout and environment', () => {
    const props = resources[apiFunctionId()]?.Properties;
    expect(props).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 1024,
      Timeout: API_FUNCTION_TIMEOUT_SECONDS,
      Handler: 'index.handler',
    });
    // Room for one storage call to fail at its limit after the render, and for the 503 answer.
    expect(Number(props?.Timeout) * 1000).toBeGreaterThan(STORAGE_CALL_LIMIT_MS + 5_000);
    const env = props?.Environment.Variables;
    expect(Object.keys(env).sort()).toEqual(
      [ENV.bucket, ENV.decksPrefix, ENV.templatesDir, ENV.logLevel, ENV.serviceName, ENV.exports].sort(),
    );
    expect(env[ENV.bucket]).toEqual({ Ref: siteBucketId() });
    expect(env[ENV.decksPrefix]).toBe('decks/');
    expect(env[ENV.templatesDir]).toBe('/var/task/templates');
    // New versions' exports are left to the export function, as job files; the handler accepts the value.
    expect(env[ENV.exports]).toBe('event');
    expect(
      readApiConfig({ [ENV.bucket]: 'b', [ENV.exports]: env[ENV.exports] }, import.meta.url).exports,
    ).toBe('event');
  });

  it('keeps its logs for the configured time', () => {
    const logGroupRef = resources[apiFunctionId()]?.Properties.LoggingConfig.LogGroup.Ref;
    expect(resources[logGroupRef]?.Properties.RetentionInDays).toBe(90);
  });

  it('may read and write under decks/, courses/ and the media prefixes only, under decks/ and media/ conditionally and never deleting there, and only put export jobs: no s3:*, no * resource, no managed policy', () => {
    const { roleId, statements } = roleStatementsOf(apiFunctionId());
    expect(resources[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    const decksObjects = objectsUnder('decks/*');
    const exportJobs = objectsUnder('export-jobs/*');
    // CDK sorts a statement's resources.
    const storedMedia = [objectsUnder('media-records/*'), objectsUnder('media/*')];
    const granted: unknown[] = [];
    const denials = statements.filter((statement) => statement.Effect === 'Deny');
    // A write without If-None-Match and without If-Match (a blind overwrite) is refused under decks/;
    // a media file or its record may only be created, never overwritten.
    expect(denials).toEqual([
      expect.objectContaining({
        Action: 's3:PutObject',
        Resource: decksObjects,
        Condition: { Null: { 's3:if-none-match': 'true', 's3:if-match': 'true' } },
      }),
      expect.objectContaining({
        Action: 's3:PutObject',
        Resource: storedMedia,
        Condition: { Null: { 's3:if-none-match': 'true' } },
      }),
    ]);
    for (const statement of statements.filter((s) => s.Effect !== 'Deny')) {
      expect(statement.Effect).toBe('Allow');
      const actions: string[] = [statement.Action].flat();
      const resourcesOf = [statement.Resource].flat();
      expect(resourcesOf).not.toContain('*');
      expect(actions.some((a) => a === 's3:*' || a === '*')).toBe(false);
      const s3Actions = actions.filter((a) => a.startsWith('s3:'));
      if (s3Actions.length === 0) continue;
      if (s3Actions.every((a) => a === 's3:ListBucket')) {
        // Listing names only, on the bucket itself: how S3 tells a missing deck (404) from a refusal.
        expect(resourcesOf).toEqual([{ 'Fn::GetAtt': [siteBucketId(), 'Arn'] }]);
      } else if (JSON.stringify(resourcesOf) === JSON.stringify([exportJobs])) {
        // A new version's job file for the export function: written, never read back or removed here.
        expect(actions).toEqual(['s3:PutObject']);
        granted.push(...resourcesOf);
      } else {
        // Decks and media are never deleted (a delete moves the pointer); courses and checked uploads may be.
        const kept = [JSON.stringify([decksObjects]), JSON.stringify(storedMedia)];
        const deleting = kept.includes(JSON.stringify(resourcesOf)) ? [] : ['s3:DeleteObject'];
        expect(s3Actions.sort()).toEqual([...deleting, 's3:GetObject', 's3:PutObject']);
        granted.push(...resourcesOf);
      }
    }
    expect(granted).toEqual([
      objectsUnder('decks/*'),
      objectsUnder('courses/*'),
      objectsUnder('media-uploads/*'),
      ...storedMedia,
      exportJobs,
    ]);
  });

  it('is bundled by esbuild with templates/ beside it and the AWS SDK left to the runtime', () => {
    const codeDir = assetDirOf(resources[apiFunctionId()]?.Properties.Code.S3Key);
    const bundle = readFileSync(join(codeDir, 'index.mjs'), 'utf8');
    expect(bundle).toMatch(/from\s*"@aws-sdk\/client-s3"/);
    expect(existsSync(join(codeDir, 'templates', 'deck.hbs'))).toBe(true);
    expect(existsSync(join(codeDir, 'templates', 'themes'))).toBe(true);
    // The bundle has the Handlebars runtime only: every template must arrive precompiled, from its current source.
    const precompiled = JSON.parse(readFileSync(join(codeDir, 'templates.precompiled.json'), 'utf8'));
    const deckSource = readFileSync(join(codeDir, 'templates', 'deck.hbs'), 'utf8');
    expect(precompiled['deck.hbs'].sha256).toBe(templateHash(deckSource));
    expect(Object.keys(precompiled)).toEqual(
      expect.arrayContaining(['handout.hbs', 'course.hbs', 'partials/quote.hbs']),
    );
    expect(bundle).not.toContain('Parse error on line'); // a string of the Handlebars compiler's parser
    expect(statSync(join(codeDir, 'index.mjs')).size).toBeGreaterThan(10_000);
    // The packages only some requests need (the PowerPoint writer's, KaTeX, the media describers) ship
    // beside the handler, not in it: the first request that needs one loads it.
    for (const name of ['pptxgenjs', 'katex', 'file-type', 'image-size'])
      expect(bundle).toMatch(new RegExp(`import\\(\\s*"${name}"\\s*\\)`));
    expect(bundle).not.toContain("KaTeX doesn't work in quirks mode");
    for (const name of ['pptxgenjs', 'jszip', 'katex', 'file-type', 'image-size']) {
      const manifest = JSON.parse(readFileSync(join(codeDir, 'node_modules', name, 'package.json'), 'utf8'));
      expect(manifest).toMatchObject({ name, type: 'module', exports: './index.mjs' });
      expect(statSync(join(codeDir, 'node_modules', name, 'index.mjs')).size).toBeGreaterThan(10_000);
    }
    // The site's assets folder ships beside it too, as listAssets() lists it: each publish inlines it
    // into the deck's single-file page, and the handler finds it there (readApiConfig).
    for (const { target } of listAssets())
      expect(existsSync(join(codeDir, 'assets', ...target.split('/')))).toBe(true);
    expect(readApiConfig({ S3_BUCKET: 'b' }, pathToFileURL(join(codeDir, 'index.mjs')).href).assetsDir).toBe(
      join(codeDir, 'assets'),
    );
  });
});

describe('export function', () => {
  it('runs exportHandler of the API bundle, with more time and memory than the API', () => {
    const props = resources[exportFunctionId()]?.Properties;
    expect(props).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 1536,
      Timeout: 120,
      Handler: 'index.exportHandler',
    });
    // No reserved concurrency: the API's throttle bounds how many jobs arrive.
    expect(props?.ReservedConcurrentExecutions).toBeUndefined();
    const api = resources[apiFunctionId()]?.Properties;
    expect(props?.Timeout).toBeGreaterThan(api?.Timeout);
    expect(props?.MemorySize).toBeGreaterThan(api?.MemorySize);
    // The same uploaded bundle as the API's: one asset, bundled once.
    expect(props?.Code).toEqual(api?.Code);
    const assets = JSON.parse(
      readFileSync(join(assembly.directory, `${assembly.stacks[0]?.stackName}.assets.json`), 'utf8'),
    ) as { files: Record<string, { source: { path: string } }> };
    const bundleAssets = Object.values(assets.files).filter((file) =>
      existsSync(join(assembly.directory, file.source.path, 'index.mjs')),
    );
    expect(bundleAssets).toHaveLength(1);
    // The API function's environment but the mode, under its own service name.
    const { [ENV.exports]: mode, ...apiEnv } = api?.Environment.Variables ?? {};
    expect(mode).toBe('event');
    const env = props?.Environment.Variables;
    expect(Object.keys(env).sort()).toEqual(Object.keys(apiEnv).sort());
    expect({ ...env, [ENV.serviceName]: 'x' }).toEqual({ ...apiEnv, [ENV.serviceName]: 'x' });
    expect(env[ENV.serviceName]).toBe('lectern-exports-prod');
  });

  it('keeps its logs for the configured time', () => {
    const logGroupRef = resources[exportFunctionId()]?.Properties.LoggingConfig.LogGroup.Ref;
    expect(resources[logGroupRef]?.Properties.RetentionInDays).toBe(90);
  });

  it('tries a failed job twice more, and drops an event not delivered within 6 hours', () => {
    const configs = ofType('AWS::Lambda::EventInvokeConfig');
    expect(configs).toHaveLength(1);
    expect(configs[0]?.[1]).toEqual({
      FunctionName: { Ref: exportFunctionId() },
      Qualifier: '$LATEST',
      MaximumRetryAttempts: 2,
      MaximumEventAgeInSeconds: 6 * 3600,
    });
  });

  it('is called by the bucket for each .json file created under export-jobs/, and by nothing else', () => {
    const notifications = ofType('Custom::S3BucketNotifications');
    expect(notifications).toHaveLength(1);
    const [, props] = notifications[0] ?? [];
    expect(props?.BucketName).toEqual({ Ref: siteBucketId() });
    expect(props?.NotificationConfiguration).toEqual({
      LambdaFunctionConfigurations: [
        {
          Events: ['s3:ObjectCreated:*'],
          Filter: {
            Key: {
              FilterRules: expect.arrayContaining([
                { Name: 'prefix', Value: 'export-jobs/' },
                { Name: 'suffix', Value: '.json' },
              ]),
            },
          },
          LambdaFunctionArn: { 'Fn::GetAtt': [exportFunctionId(), 'Arn'] },
        },
      ],
    });
    expect(
      props?.NotificationConfiguration.LambdaFunctionConfigurations[0].Filter.Key.FilterRules,
    ).toHaveLength(2);
    const permissions = ofType('AWS::Lambda::Permission').filter(([, p]) =>
      JSON.stringify(p.FunctionName).includes(exportFunctionId()),
    );
    expect(permissions.map(([, p]) => p)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [exportFunctionId(), 'Arn'] },
        Principal: 's3.amazonaws.com',
        SourceAccount: { Ref: 'AWS::AccountId' },
        SourceArn: { 'Fn::GetAtt': [siteBucketId(), 'Arn'] },
      },
    ]);
  });

  it("may read and remove a job, read images and a version's deck.json, and create its two export files once: nothing else", () => {
    const { roleId, statements } = roleStatementsOf(exportFunctionId());
    expect(resources[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    const logGroupRef = resources[exportFunctionId()]?.Properties.LoggingConfig.LogGroup.Ref;
    // CDK sorts a statement's actions and resources.
    const exportFiles = [objectsUnder('decks/*/v/*/deck.html'), objectsUnder('decks/*/v/*/deck.pptx')];
    expect(statements.map(({ Sid: _sid, ...statement }) => statement)).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logGroupRef, 'Arn'] },
      },
      {
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject'],
        Resource: objectsUnder('export-jobs/*'),
      },
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: [objectsUnder('decks/*/v/*/deck.json'), objectsUnder('media/*')],
      },
      { Effect: 'Allow', Action: 's3:PutObject', Resource: exportFiles },
      // A write without If-None-Match would overwrite a version's file: refused.
      {
        Effect: 'Deny',
        Action: 's3:PutObject',
        Resource: exportFiles,
        Condition: { Null: { 's3:if-none-match': 'true' } },
      },
      // Names only, on the bucket: how S3 tells a job already done (404) from a refusal.
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: { 'Fn::GetAtt': [siteBucketId(), 'Arn'] } },
    ]);
  });
});

describe('HTTP API', () => {
  it('guards every /api route with the Cognito JWT authorizer; only the decks redirect is open, and only to GET and HEAD', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route');
    expect(routes.length).toBeGreaterThan(0);
    const authorizerId = logicalIdOf('AWS::ApiGatewayV2::Authorizer', () => true);
    const open = routes
      .filter(([, route]) => route.AuthorizationType !== 'JWT')
      .map(([, route]) => route.RouteKey);
    expect(open.sort()).toEqual(['GET /decks/{proxy+}', 'HEAD /decks/{proxy+}']);
    for (const [, route] of routes.filter(([, r]) => String(r.RouteKey).includes('/api/'))) {
      expect(route.AuthorizationType).toBe('JWT');
      expect(route.AuthorizerId).toEqual({ Ref: authorizerId });
    }
    const userPoolId = logicalIdOf('AWS::Cognito::UserPool', () => true);
    const clientId = logicalIdOf('AWS::Cognito::UserPoolClient', () => true);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ Ref: userPoolId }])] }),
      },
    });
  });

  it('sends /api/{proxy+} and the decks redirect to the function and has no open default route', () => {
    const routes = ofType('AWS::ApiGatewayV2::Route').map(([, r]) => r.RouteKey);
    expect(routes.sort()).toEqual(['ANY /api/{proxy+}', 'GET /decks/{proxy+}', 'HEAD /decks/{proxy+}']);
  });

  it('throttles and logs its one stage', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('requestId') },
    });
  });
});

describe('instructor accounts', () => {
  it('has the administrators group the API reads from the token', () => {
    const userPoolId = logicalIdOf('AWS::Cognito::UserPool', () => true);
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
      GroupName: 'lectern-admins',
      UserPoolId: { Ref: userPoolId },
    });
  });

  it('only administrators create users; the client signs in without a secret', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12 }) },
      DeletionProtection: 'ACTIVE',
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
    });
  });
});

describe('deploy-time content', () => {
  const deployments = () => ofType('Custom::CDKBucketDeployment');

  it('uploads reveal.js, its plugins and the themes to assets/, the same files the CLI copies', () => {
    const [, assets] = deployments().find(([, p]) => p.DestinationBucketKeyPrefix === 'assets/') ?? [];
    expect(assets?.Prune).toBe(false);
    const dir = assetDirOf(assets?.SourceObjectKeys[0]);
    const uploaded = listFiles(dir);
    const expected = listAssets().map((asset) => asset.target);
    expect(uploaded.sort()).toEqual(expected.sort());
    expect(uploaded).toContain('reveal/plugin/notes.js');
    expect(assets?.DistributionPaths).toEqual(['/assets/*']);
  });

  it('uploads the instructors page to the root without pruning the decks', () => {
    const [, page] = deployments().find(([, p]) => p.DestinationBucketKeyPrefix === undefined) ?? [];
    expect(page?.Prune).toBe(false);
    const uploaded = listFiles(assetDirOf(page?.SourceObjectKeys[0]));
    // The page's files and the bundled editor; not the editor's sources.
    const pageFiles = listFiles(join(templatesDir(), 'site')).filter(
      (name) => !name.startsWith(`${PAGE_EDITOR_SOURCES}/`),
    );
    expect(uploaded.sort()).toEqual(pageFiles.sort());
    expect(uploaded).toContain('index.html');
    expect(uploaded).toContain(PAGE_EDITOR_MODULE);
    // The layout module, generated at synth as the local server generates it, and every page file invalidated.
    const generated = assetDirOf(page?.SourceObjectKeys[1]);
    expect(listFiles(generated)).toEqual([PAGE_LAYOUT_MODULE]);
    expect(readFileSync(join(generated, PAGE_LAYOUT_MODULE), 'utf8')).toBe(pageLayoutModule());
    expect([...(page?.DistributionPaths ?? [])].sort()).toEqual(
      ['/', ...[...uploaded, PAGE_LAYOUT_MODULE].map((name) => `/${name}`)].sort(),
    );
  });
});

describe('outputs', () => {
  it('names the site, the API, the user pool and its client', () => {
    const outputs = Object.keys(template.toJSON().Outputs ?? {});
    expect(outputs).toEqual(expect.arrayContaining(['SiteUrl', 'ApiUrl', 'UserPoolId', 'UserPoolClientId']));
  });
});

/** The folder the cloud assembly staged for an asset, from its S3 key (`<hash>.zip`). */
function assetDirOf(s3Key: unknown): string {
  const flat = JSON.stringify(s3Key);
  const hash = /([0-9a-f]{64})/.exec(flat)?.[1];
  if (!hash) throw new Error(`no asset hash in ${flat}`);
  return join(assembly.directory, `asset.${hash}`);
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

describe('media', () => {
  it('lets the site origin alone PUT to the bucket: a CORS rule set once the distribution exists', () => {
    const [, props] = ofType('Custom::AWS')[0] ?? [];
    expect(ofType('Custom::AWS')).toHaveLength(1);
    const parts: Cfn[] = props?.Create['Fn::Join'][1];
    const call = parts.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join('');
    expect(call).toContain('"action":"putBucketCors"');
    expect(call).toContain(
      `"AllowedMethods":["PUT"],"AllowedOrigins":["https://{"Fn::GetAtt":["${logicalIdOf('AWS::CloudFront::Distribution', () => true)}","DomainName"]}"],"AllowedHeaders":["content-type","x-amz-checksum-sha256"]`,
    );
    // Nothing else: the bucket itself has no CORS rule of its own without a custom domain.
    expect(resources[siteBucketId()]?.Properties.CorsConfiguration).toBeUndefined();
  });

  it('forgets uploads nobody had checked after a day', () => {
    const rules: Cfn[] = resources[siteBucketId()]?.Properties.LifecycleConfiguration.Rules;
    expect(rules).toContainEqual(
      expect.objectContaining({ Prefix: 'media-uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
    );
  });

  it('forgets export jobs a day after they were written (one that failed is kept that long), old versions too', () => {
    const rules: Cfn[] = resources[siteBucketId()]?.Properties.LifecycleConfiguration.Rules;
    expect(rules.map((rule) => rule.Id)).toEqual([
      'expire-old-versions',
      'expire-abandoned-uploads',
      'expire-export-jobs',
    ]);
    expect(rules.find((rule) => rule.Prefix === 'export-jobs/')).toEqual({
      Id: 'expire-export-jobs',
      Prefix: 'export-jobs/',
      ExpirationInDays: 1,
      NoncurrentVersionExpiration: { NoncurrentDays: 1 },
      Status: 'Enabled',
    });
  });

  it('serves /media/* from the bucket, read-only, cached like the versioned decks', () => {
    const behavior = distribution().CacheBehaviors.find((b: Cfn) => b.PathPattern === 'media/*');
    const versions = distribution().CacheBehaviors.find((b: Cfn) => b.PathPattern === 'decks/*/v/*');
    expect(behavior.TargetOriginId).toBe(versions.TargetOriginId);
    expect(behavior.CachePolicyId).toEqual(versions.CachePolicyId);
    expect(behavior.AllowedMethods.sort()).toEqual(['GET', 'HEAD']);
  });

  it('sends media with the sandboxing media policy, every other header as the site sends it', () => {
    const behavior = distribution().CacheBehaviors.find((b: Cfn) => b.PathPattern === 'media/*');
    const versions = distribution().CacheBehaviors.find((b: Cfn) => b.PathPattern === 'decks/*/v/*');
    expect(behavior.ResponseHeadersPolicyId).not.toEqual(versions.ResponseHeadersPolicyId);
    const policyId: string = behavior.ResponseHeadersPolicyId.Ref;
    const config = resources[policyId]?.Properties.ResponseHeadersPolicyConfig;
    expect(config.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy).toBe(MEDIA_POLICY);
    expect(MEDIA_POLICY).toMatch(/(^|; )sandbox($|;)/);
    expect(MEDIA_POLICY).toMatch(/^default-src 'none'/);
    expect(config.SecurityHeadersConfig.ContentTypeOptions).toEqual({ Override: true });
    expect(config.SecurityHeadersConfig.StrictTransportSecurity).toMatchObject({ IncludeSubdomains: true });
    // Only media get it: every other behaviour keeps the site's policy.
    const others = [distribution().DefaultCacheBehavior, ...distribution().CacheBehaviors].filter(
      (b: Cfn) => b.PathPattern !== 'media/*',
    );
    for (const other of others)
      expect(other.ResponseHeadersPolicyId).toEqual(versions.ResponseHeadersPolicyId);
  });
});
