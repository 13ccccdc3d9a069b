#!/bin/sh
# Browser tests drive Debian's Chromium (never a downloaded browser build). Install it when missing.
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "installing Debian chromium for browser tests" >&2
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"
$SUDO apt-get update -qq >&2
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >&2
