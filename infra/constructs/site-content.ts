import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IDistribution } from 'aws-cdk-lib/aws-cloudfront';
import { type CfnPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { LecternError } from '../../lambdas/core/errors.js';
import { copyAssets } from '../../lambdas/node/assets.js';
import { templatesDir } from '../../lambdas/node/templates-fs.js';
import {
  isPageFileName,
  PAGE_EDITOR_MODULE,
  PAGE_EDITOR_SOURCES,
  PAGE_LAYOUT_MODULE,
  pageLayoutModule,
} from '../../lambdas/site/page-files.js';
import { acknowledgeWildcards, wildcardFindings } from '../nag.js';
import { scratchDir } from '../scratch.js';

export interface SiteContentProps {
  siteBucket: IBucket;
  distribution: IDistribution;
  logRetention: RetentionDays;
}

/**
 * What the site serves besides decks, uploaded at deploy time: reveal.js, its plugins and the themes
 * under `assets/` (the very files `lectern render` copies, listed by lambdas/node/assets.ts), and the
 * instructors' page (templates/site/, plus the layout module generated as the local server does) at the root.
 */
export class SiteContent extends Construct {
  readonly assets: BucketDeployment;
  readonly page: BucketDeployment;

  constructor(scope: Construct, id: string, props: SiteContentProps) {
    super(scope, id);

    // Staged at synth time by the same copyAssets() the CLI uses, so the deployed set cannot drift
    // from the rendered decks' links. The asset hash is of the contents, so the folder name is moot.
    const staging = scratchDir('site-assets');
    copyAssets(staging);

    const logGroup = new LogGroup(this, 'DeployLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Our own role, so the deploy function gets its log group only, not AWSLambdaBasicExecutionRole.
    const role = new Role(this, 'DeployRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description:
        'Lectern: copy reveal.js, themes and the instructors page into the site bucket at deploy time',
    });
    logGroup.grantWrite(role);

    // Neither deployment prunes: an old, immutable deck version may still link to a file a later release
    // dropped, and the page's deployment shares the bucket root with the decks.
    this.assets = new BucketDeployment(this, 'Assets', {
      sources: [Source.asset(join(staging, 'assets'))],
      destinationBucket: props.siteBucket,
      destinationKeyPrefix: 'assets/',
      prune: false,
      // Browsers revalidate hourly (as the local server tells them); the edge keeps a file until the
      // next deploy, which invalidates /assets/*.
      cacheControl: [
        CacheControl.setPublic(),
        CacheControl.maxAge(Duration.hours(1)),
        CacheControl.sMaxAge(Duration.days(365)),
      ],
      distribution: props.distribution,
      distributionPaths: ['/assets/*'],
      role,
      logGroup,
    });

    const pageDir = join(templatesDir(), 'site');
    // The editor is a build product: a synth without it would deploy a page that cannot load.
    if (!existsSync(join(pageDir, PAGE_EDITOR_MODULE))) {
      throw new LecternError(
        'editor-not-built',
        `SiteContent: templates/site/${PAGE_EDITOR_MODULE} is missing; run \`npm run build\` before synth`,
      );
    }
    const pageFiles = [...readdirSync(pageDir).filter(isPageFileName), PAGE_LAYOUT_MODULE];
    this.page = new BucketDeployment(this, 'InstructorPage', {
      sources: [
        // The editor's sources stay out: the page loads their bundle.
        Source.asset(pageDir, { exclude: [PAGE_EDITOR_SOURCES] }),
        Source.data(PAGE_LAYOUT_MODULE, pageLayoutModule()),
      ],
      destinationBucket: props.siteBucket,
      prune: false,
      // The page and its modules must change together: always revalidate (cheap 304s).
      cacheControl: [CacheControl.noCache()],
      distribution: props.distribution,
      distributionPaths: ['/', ...pageFiles.map((name) => `/${name}`)],
      role,
      logGroup,
    });

    acknowledgeDeployFindings(this, role, props.siteBucket);
  }
}

// What BucketDeployment's own grants raise; anything else on the role still fails synth.
const EXPECTED_ACTIONS = ['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*'];
// Known partition (aws) when the stack has a region, `<AWS::Partition>` when it is environment-agnostic.
const CDK_ASSET_OBJECTS = /^arn:(?:aws[a-z-]*|<AWS::Partition>):s3:::cdk-[a-z0-9]+-assets-[^/]+\/\*$/;

/** Acknowledges the findings of aws-cdk-lib's deploy-time copy function, each with its reason. */
function acknowledgeDeployFindings(scope: Construct, role: Role, siteBucket: IBucket): void {
  const policy = role.node.tryFindChild('DefaultPolicy')?.node.defaultChild as CfnPolicy | undefined;
  if (!policy)
    throw new LecternError(
      'deploy-role-changed',
      'SiteContent: the deploy role has no policy; BucketDeployment changed',
    );
  const siteObjects = `Resource::<${Stack.of(siteBucket).getLogicalId(siteBucket.node.defaultChild as CfnBucket)}.Arn>/*`;
  const findings = wildcardFindings(policy);
  const pick = (test: (finding: string) => boolean) => findings.filter(test);

  acknowledgeWildcards(
    policy,
    pick((f) => EXPECTED_ACTIONS.includes(f.replace(/^Action::/, ''))),
    "BucketDeployment's own grants (aws-cdk-lib grantRead on the CDK asset, grantReadWrite on the site " +
      'bucket): the copy is an `aws s3 sync`, which lists, reads and may delete. The function runs only ' +
      'when CloudFormation deploys this stack, with inputs from the template; nothing else invokes it.',
  );
  acknowledgeWildcards(
    policy,
    pick((f) => f.startsWith('Resource::') && CDK_ASSET_OBJECTS.test(f.slice('Resource::'.length))),
    'The objects of the CDK bootstrap asset bucket, where `cdk deploy` uploads the zipped assets and ' +
      'the page; object keys are content hashes decided at synth time.',
  );
  acknowledgeWildcards(
    policy,
    pick((f) => f === siteObjects),
    'The site bucket objects: the deployment writes assets/ and the instructors page at the root. ' +
      'BucketDeployment grants on the whole bucket; both deployments keep prune off, so no deck is deleted.',
  );
  acknowledgeWildcards(
    policy,
    pick((f) => f === 'Resource::*'),
    'cloudfront:CreateInvalidation and GetInvalidation, which BucketDeployment grants on * (not on the ' +
      'distribution): used once per deploy to invalidate /assets/* and the page.',
  );

  const handler = Stack.of(scope).node.children.find((child) =>
    child.node.id.startsWith('Custom::CDKBucketDeployment'),
  );
  if (handler) {
    Validations.of(handler).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        "The deploy-time copy function is aws-cdk-lib's BucketDeployment handler (Python with the AWS " +
        'CLI layer); its runtime is chosen by aws-cdk-lib and moves with it. It serves no requests.',
    });
  }
}
