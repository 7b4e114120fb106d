#!/usr/bin/env bash
# Runs the steps of examples/ci/promote.yml against a fresh local sandbox: deploy to dev, check dev,
# promote dev to prod. Leaves nothing running. Uses `apigw` from PATH, else this checkout's build
# (npm run build first); APIGW overrides both, e.g. APIGW="node /path/to/bin/run.js".
set -euo pipefail
cd "$(dirname "$0")/../.."

if [[ -z "${APIGW:-}" ]]; then
  if command -v apigw >/dev/null; then APIGW=apigw; else APIGW="node $PWD/bin/run.js"; fi
fi
apigw() {
  echo "\$ apigw$(printf ' %q' "$@")" >&2
  $APIGW "$@"
}

# A sandbox of its own (never the one you may be using), and what GitHub Actions would provide.
export APIGW_SANDBOX=1
scratch=$(mktemp -d)
export APIGW_SANDBOX_DIR="${APIGW_SANDBOX_DIR:-$scratch/sandbox}"
export GITHUB_OUTPUT="${GITHUB_OUTPUT:-$scratch/github-output}"
export GITHUB_SHA="${GITHUB_SHA:-$(git rev-parse HEAD 2>/dev/null || echo local000)}"
API=shop
trap 'apigw sandbox stop >/dev/null; rm -rf "$scratch"' EXIT

apigw sandbox start --detach >/dev/null
apigw apis import examples/shop.yaml --deploy prod >/dev/null
apigw deploy --api "$API" --stage dev --create-stage --description "commit ${GITHUB_SHA::7}" --wait --json
apigw apis diff examples/shop.yaml --api "$API" --stage dev
apigw stages promote --api "$API" --from dev --to prod --diff --yes --wait --json

deployment=$(grep '^deployment-id=' "$GITHUB_OUTPUT" | tail -n 1 | cut -d= -f2)
previous=$(grep '^previous-deployment-id=' "$GITHUB_OUTPUT" | tail -n 1 | cut -d= -f2)
echo "prod runs deployment $deployment (was ${previous:-none}). Undo: apigw stages rollback --api $API --stage prod --yes"
