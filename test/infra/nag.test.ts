import { App, Validations } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../infra/create-app.js';
import type { LecternStack } from '../../infra/lectern-stack.js';
import { cdkJsonContext } from './synth-stack.js';

interface Acknowledged {
  path: string;
  id: string;
  reason: string;
}

/** Every acknowledgement recorded in the tree, with the construct it sits on. */
function acknowledgements(root: IConstruct): Acknowledged[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          // aws-cdk-lib records rule ids under the annotation namespace: `Annotation::AwsSolutions-S1`.
          id: id.replace(/^Annotation::/, ''),
          reason,
        })),
      ),
  );
}

function build(context: Record<string, unknown> = {}): { app: App; stack: LecternStack } {
  return createApp(new App({ context: { ...cdkJsonContext(), ...context } }));
}

describe('cdk-nag AWS Solutions', () => {
  let app: App;
  beforeAll(() => {
    ({ app } = build());
  });

  it('reports nothing unacknowledged: no error, no warning', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const found = report.violations.map((v) => `${v.ruleName} at ${v.violatingResources[0]?.constructPath}`);
    expect(found).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('acknowledges only these findings, each on its own construct', () => {
    const ids = acknowledgements(app).map((a) => `${a.path.replace(/^Lectern-prod\//, '')} ${a.id}`);
    expect(ids.sort()).toEqual(
      [
        'ApiFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/decks/*]',
        'ApiFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/courses/*]',
        'ApiFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/media/*]',
        'ApiFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/media-records/*]',
        'ApiFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/media-uploads/*]',
        'ApiFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/export-jobs/*]',
        'ExportFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/export-jobs/*]',
        'ExportFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/media/*]',
        'ExportFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/decks/*/v/*/deck.json]',
        'ExportFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/decks/*/v/*/deck.pptx]',
        'ExportFunction AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/decks/*/v/*/deck.html]',
        'BucketNotificationsHandler050a0587b7544547bf325f094a3db834 AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AWS679f53fac002430cb0da5b7982bd2287 AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'Api/HttpApi/GET--decks--{proxy+} AwsSolutions-APIG4',
        'Api/HttpApi/HEAD--decks--{proxy+} AwsSolutions-APIG4',
        'Auth/UserPool AwsSolutions-COG2',
        'Auth/UserPool AwsSolutions-COG8',
        'Content/DeployRole/DefaultPolicy/Resource AwsSolutions-IAM5[Action::s3:Abort*]',
        'Content/DeployRole/DefaultPolicy/Resource AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        'Content/DeployRole/DefaultPolicy/Resource AwsSolutions-IAM5[Action::s3:GetBucket*]',
        'Content/DeployRole/DefaultPolicy/Resource AwsSolutions-IAM5[Action::s3:GetObject*]',
        'Content/DeployRole/DefaultPolicy/Resource AwsSolutions-IAM5[Action::s3:List*]',
        'Content/DeployRole/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::*]',
        'Content/DeployRole/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::<StorageSiteBucket6DA49EEA.Arn>/*]',
        'Content/DeployRole/DefaultPolicy/Resource AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]',
        'Custom::CDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C AwsSolutions-L1',
        'Site/Distribution @aws-cdk/aws-cloudfront-origins:listBucketSecurityRisk',
        'Site/Distribution AwsSolutions-CFR1',
        'Site/Distribution AwsSolutions-CFR2',
        'Site/Distribution AwsSolutions-CFR4',
      ].sort(),
    );
  });

  it('acknowledges nothing that the checks would not report', () => {
    // The same pack with acknowledgements ignored lists the raw findings; each acknowledged one must be there.
    const raw = new AwsSolutionsChecks();
    (raw as unknown as { isAcknowledged: () => boolean }).isAcknowledged = () => false;
    const reported = new Set(raw.validateScope(app).violations.map((v) => v.ruleName));
    const nagIds = acknowledgements(app)
      .map((a) => a.id)
      .filter((id) => id.startsWith('AwsSolutions-'));
    expect(nagIds.filter((id) => !reported.has(id))).toEqual([]);
  });

  it('gives every acknowledgement a specific written reason', () => {
    const all = acknowledgements(app);
    for (const { id, reason } of all) {
      expect(reason.length, id).toBeGreaterThanOrEqual(80);
    }
    // Wildcard findings are acknowledged one by one, never the whole IAM5 rule.
    expect(all.filter((a) => a.id === 'AwsSolutions-IAM5')).toEqual([]);
    // No reason is pasted onto unrelated findings: a reason is shared only within one statement's grants.
    const reasons = new Map<string, Set<string>>();
    for (const { path, reason } of all) reasons.set(reason, (reasons.get(reason) ?? new Set()).add(path));
    for (const paths of reasons.values()) expect(paths.size).toBe(1);
  });

  it('fails synthesis on a wildcard nobody acknowledged (the checks really run)', () => {
    const { app: broken, stack } = build();
    stack.apiFunction.function.addToRolePolicy(new PolicyStatement({ actions: ['s3:*'], resources: ['*'] }));
    const names = new AwsSolutionsChecks().validateScope(broken).violations.map((v) => v.ruleName);
    expect(names).toEqual(
      expect.arrayContaining(['AwsSolutions-IAM5[Action::s3:*]', 'AwsSolutions-IAM5[Resource::*]']),
    );
    // The plugin createApp() registers is what `cdk synth` runs: the same finding stops synthesis.
    expect(() => broken.synth()).toThrow(/AwsSolutions-IAM5\[Action::s3:\*\]/);
  });
});

describe('cdk-nag with a custom domain, required MFA and threat protection', () => {
  it('needs none of the acknowledgements those options make unnecessary', () => {
    const { app } = build({
      domainName: 'lectures.example.edu',
      certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abcd-1234',
      webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/lectern/abcd-1234',
      mfa: 'required',
      threatProtection: 'true',
    });
    expect(new AwsSolutionsChecks().validateScope(app).violations).toEqual([]);
    const ids = acknowledgements(app).map((a) => a.id);
    for (const gone of ['AwsSolutions-CFR4', 'AwsSolutions-CFR2', 'AwsSolutions-COG2', 'AwsSolutions-COG8']) {
      expect(ids).not.toContain(gone);
    }
  });
});
