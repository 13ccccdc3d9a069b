#!/bin/sh
# Runs the deploy/ checks (Helm chart, manifests, RBAC vs code, workflows, generated docs): tsc,
# then vitest on Node. deploy/ is not a Bun workspace, so its few packages are installed here with npm
# (from deploy/package-lock.json) when missing or out of date. Arguments go to vitest.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT/deploy"
STAMP=node_modules/.install-stamp
if [ ! -f "$STAMP" ] || [ package-lock.json -nt "$STAMP" ] || [ package.json -nt "$STAMP" ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
  touch "$STAMP"
fi
"$ROOT/scripts/ensure-helm.sh" >/dev/null
# Type-check the checks themselves (and what they import: config.ts, backend-calls.ts, scripts/).
"$ROOT/node_modules/.bin/tsc" -p . || { echo "deploy: type errors (tsc -p deploy)" >&2; exit 1; }
exec ./node_modules/.bin/vitest run "$@"
