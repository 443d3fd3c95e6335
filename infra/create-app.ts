import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readConfig } from './config.js';
import { LecternStack } from './lectern-stack.js';

/**
 * The app with its one stack, for `cdk` (infra/app.ts) and for the tests, which pass cdk.json's context
 * in. cdk-nag's AWS Solutions pack runs as a validation plugin: any unacknowledged finding fails synth.
 */
export function createApp(app: App = new App()): { app: App; stack: LecternStack } {
  const config = readConfig(app.node);
  const stack = new LecternStack(app, `Lectern-${config.stage}`, {
    config,
    // Unset (offline synth, tests): an environment-agnostic template; `cdk deploy` fills these in.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack };
}
