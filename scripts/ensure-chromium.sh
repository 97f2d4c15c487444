#!/usr/bin/env bash
# Debian's Chromium for the real-browser check (no browser download: only Debian's packages are reachable).
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
echo "[ensure-chromium] installing Debian's chromium"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
