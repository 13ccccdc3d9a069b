#!/bin/sh
# Prints the path of a Bun to use. A Bun already on PATH wins; otherwise the pinned version is
# installed from the npm registry into .tools/ (git-ignored), so a machine with only Node + npm works.
set -e
BUN_VERSION=1.4.5
ROOT=$(cd "$(dirname "$0")/.." && pwd)
if command -v bun >/dev/null 2>&1; then
  command -v bun
  exit 0
fi
LOCAL="$ROOT/.tools/node_modules/.bin/bun"
if [ ! -x "$LOCAL" ] || [ "$("$LOCAL" --version 2>/dev/null)" != "$BUN_VERSION" ]; then
  mkdir -p "$ROOT/.tools"
  [ -f "$ROOT/.tools/package.json" ] || echo '{"name":"kubeairunway-tools","private":true}' > "$ROOT/.tools/package.json"
  echo "installing bun $BUN_VERSION into .tools/ from the npm registry" >&2
  (cd "$ROOT/.tools" && npm install --no-audit --no-fund --loglevel=error "bun@$BUN_VERSION" >&2)
fi
echo "$LOCAL"
