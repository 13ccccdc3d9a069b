#!/bin/sh
# Builds the single binary: the backend compiled with `bun build --compile`, the built SPA embedded.
#   scripts/build-binary.sh              → dist/kubeairunway for this machine
#   scripts/build-binary.sh all          → dist/kubeairunway-{linux,darwin}-{x64,arm64} (CI: Bun fetches
#                                          the other platforms' runtimes, which our machines cannot)
#   scripts/build-binary.sh linux-arm64  → one cross target
# Env: SPA_DIR (default frontend/dist, must hold index.html), OUT_DIR (default dist),
#      KUBEAIRUNWAY_BUILD_COMMIT (default: git HEAD), BUN (default: scripts/ensure-bun.sh).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUN=${BUN:-$("$ROOT/scripts/ensure-bun.sh")}
SPA_DIR=${SPA_DIR:-"$ROOT/frontend/dist"}
OUT_DIR=${OUT_DIR:-"$ROOT/dist"}
COMMIT=${KUBEAIRUNWAY_BUILD_COMMIT:-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo dev)}
ALL="linux-x64 linux-arm64 darwin-x64 darwin-arm64"

if [ ! -f "$SPA_DIR/index.html" ]; then
  echo "build-binary: $SPA_DIR/index.html not found; build the SPA first (make build-frontend)" >&2
  exit 1
fi
# Bun names an embedded folder's files `<folder name>/<path>`; a staged copy under a fixed name lets
# the binary find its SPA whatever SPA_DIR was (backend/src/http/embedded-assets.ts, EMBEDDED_SPA_PREFIX).
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
cp -R "$SPA_DIR" "$STAGE/kubeairunway-spa"

compile() { # $1 = bun --target or "" for this machine, $2 = output file
  mkdir -p "$(dirname "$2")"
  set -- "$1" "$2" --compile --minify --sourcemap=none \
    --define "process.env.KUBEAIRUNWAY_BUILD_COMMIT=\"$COMMIT\"" \
    --asset="$STAGE/kubeairunway-spa" --outfile="$2" "$ROOT/backend/src/cli/main.ts"
  if [ -n "$1" ]; then
    TARGET=$1; OUTFILE=$2; shift 2
    "$BUN" build --target="$TARGET" "$@"
  else
    shift 2
    "$BUN" build "$@"
  fi
}

TARGETS=${*:-host}
[ "$TARGETS" = "all" ] && TARGETS=$ALL
for t in $TARGETS; do
  case "$t" in
    host) compile "" "$OUT_DIR/kubeairunway"; "$OUT_DIR/kubeairunway" version ;;
    linux-x64|linux-arm64|darwin-x64|darwin-arm64) compile "bun-$t" "$OUT_DIR/kubeairunway-$t" ;;
    *) echo "build-binary: unknown target $t (host, all, $ALL)" >&2; exit 1 ;;
  esac
done
