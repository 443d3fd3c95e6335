#!/usr/bin/env bash
# `npm run synth`: build the CloudFormation template offline, with cdk-nag's AWS Solutions checks (any
# unacknowledged finding fails). No AWS account or network needed: these variables stop the CDK CLI's
# version check, notices and telemetry, its only network calls during synth.
# Extra arguments go to `cdk synth`, e.g. `npm run synth -- -c stage=dev -c domainName=…`.
set -euo pipefail
cd "$(dirname "$0")/.."

export CDK_DISABLE_VERSION_CHECK=1
export CDK_DISABLE_CLI_TELEMETRY=1

# -q: write cdk.out without printing the template; the validation report lands in cdk.out/ too.
exec npx cdk synth --no-notices -q "$@"
