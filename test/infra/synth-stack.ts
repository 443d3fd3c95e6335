import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { PROJECT_ROOT } from '../../infra/api-bundle.js';
import { createApp } from '../../infra/create-app.js';
import type { LecternStack } from '../../infra/lectern-stack.js';

/** cdk.json's context: unit tests do not read cdk.json, so they pass the same feature flags in. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as {
    context: Record<string, unknown>;
  };
  return cdkJson.context;
}

export interface Synthesised {
  app: App;
  stack: LecternStack;
  template: Template;
  assembly: CloudAssembly;
}

/**
 * The app as `cdk synth` builds it (cdk-nag plugin included; esbuild bundles locally), with extra
 * context on top of cdk.json's. Slow (seconds): call once per file, in beforeAll.
 */
export function synthStack(context: Record<string, unknown> = {}): Synthesised {
  const { app, stack } = createApp(new App({ context: { ...cdkJsonContext(), ...context } }));
  const assembly = app.synth();
  // From the assembly just written: Template.fromStack would synthesise (and bundle) a second time.
  const template = Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
  return { app, stack, template, assembly };
}
