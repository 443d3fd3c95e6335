// The CDK app (cdk.json: `npx tsx infra/app.ts`). Configuration comes from context: `-c key=value` or
// cdk.json (infra/config.ts lists the keys).
import { ConfigError } from '../lambdas/core/errors.js';
import { createApp } from './create-app.js';

try {
  createApp().app.synth();
} catch (error) {
  // A bad context value is the deployer's mistake, not a crash: say which key, without a stack trace.
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
