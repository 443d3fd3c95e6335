import { Stack, Validations } from 'aws-cdk-lib';
import type { CfnPolicy } from 'aws-cdk-lib/aws-iam';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';

/**
 * cdk-nag reports each wildcard of a policy as its own finding (`AwsSolutions-IAM5[Action::s3:List*]`,
 * `AwsSolutions-IAM5[Resource::<Bucket.Arn>/*]`) and acknowledges only exact ids. This lists the ids a
 * policy raises, flattening references the way cdk-nag does, so a construct we do not write (an
 * aws-cdk-lib grant) can be acknowledged finding by finding — and a wildcard nobody expected still fails.
 */
export function wildcardFindings(policy: CfnPolicy): string[] {
  const document = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: Statement[] };
  const findings = new Set<string>();
  for (const statement of document.Statement ?? []) {
    if (statement.Effect !== 'Allow') continue;
    for (const action of toArray(statement.Action)) {
      if (typeof action === 'string' && action.includes('*')) findings.add(`Action::${action}`);
    }
    for (const resource of toArray(statement.Resource).map(flatten)) {
      if (resource.includes('*')) findings.add(`Resource::${resource}`);
    }
  }
  return [...findings];
}

/**
 * The finding id cdk-nag gives a grant on the bucket's objects matching `keys` (`decks/*`,
 * `decks/*\/v/*\/deck.pptx`), so exactly that one can be acknowledged.
 */
export function objectsFinding(bucket: IBucket, keys: string): string {
  const logicalId = Stack.of(bucket).getLogicalId(bucket.node.defaultChild as never);
  return `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>/${keys}]`;
}

/** Acknowledges the given IAM5 findings on a construct, each with the same written reason. */
export function acknowledgeWildcards(scope: IConstruct, findings: readonly string[], reason: string): void {
  Validations.of(scope).acknowledge(
    ...findings.map((finding) => ({ id: `AwsSolutions-IAM5[${finding}]`, reason })),
  );
}

interface Statement {
  Effect?: string;
  Action?: unknown;
  Resource?: unknown;
}

function toArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

// cdk-nag's flattenCfnReference: Fn::Sub's ${X} becomes <X>, GetAtt <Res.Attr>, Ref <Res>, Join joined.
function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/}/g, '>');
  const value = node as Record<string, unknown>;
  if (value['Fn::Join']) {
    const [delimiter, items] = value['Fn::Join'] as [string, unknown[]];
    return items.map(flatten).join(delimiter);
  }
  if (value['Fn::Sub']) return flatten(value['Fn::Sub']);
  if (value['Fn::GetAtt']) {
    const [resource, attribute] = value['Fn::GetAtt'] as [unknown, unknown];
    return `<${flatten(resource)}.${flatten(attribute)}>`;
  }
  if (value['Fn::ImportValue']) return flatten(value['Fn::ImportValue']);
  if (value.Ref) return `<${flatten(value.Ref)}>`;
  return JSON.stringify(node);
}
