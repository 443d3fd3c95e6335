#!/usr/bin/env bash
# The whole test run: static checks first (cheap, fail fast), then every vitest project.
set -euo pipefail
cd "$(dirname "$0")/.."
npm run --silent build
npx biome ci .
npx tsc --noEmit -p tsconfig.json
npx tsx scripts/schema.ts --check
# The deployment as `cdk deploy` would build it: offline synthesis with cdk-nag (any unacknowledged finding fails).
bash scripts/synth.sh
npx vitest run
