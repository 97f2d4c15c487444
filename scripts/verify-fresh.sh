#!/usr/bin/env bash
# Proves set-up from nothing, as CI and a new contributor meet it: a fresh clone of HEAD, an empty
# HOME (so no ~/.cache/n8n-nodes-nmbrs and no npm cache), then .ci/run exactly as CI runs it.
# Prints the wall time; the README records it. Leaves the clone and log in $FRESH_DIR (printed).
# Usage: npm run verify:fresh   (commit first: only committed work is cloned)
set -euo pipefail
repo="$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)"
FRESH_DIR="${FRESH_DIR:-$(mktemp -d /tmp/nmbrs-fresh.XXXXXX)}"
[ -n "$(git -C "$repo" status --porcelain --untracked-files=no)" ] && echo "[verify:fresh] note: uncommitted changes are not part of the clone"
git clone -q "$repo" "$FRESH_DIR/clone"
# CI keeps shared/ beside the clone; so does this run.
[ -d "$repo/../shared" ] && ln -s "$(cd "$repo/../shared" && pwd)" "$FRESH_DIR/shared"
mkdir -p "$FRESH_DIR/home"
echo "[verify:fresh] clone $(git -C "$FRESH_DIR/clone" rev-parse --short HEAD) in $FRESH_DIR, HOME=$FRESH_DIR/home (empty)"
start=$(date +%s)
status=0
( cd "$FRESH_DIR/clone" && env -i PATH="$PATH" HOME="$FRESH_DIR/home" LANG="${LANG:-C.UTF-8}" CI=true bash .ci/run ) \
  >"$FRESH_DIR/ci.log" 2>&1 || status=$?
secs=$(( $(date +%s) - start ))
tail -n 5 "$FRESH_DIR/ci.log"
echo "[verify:fresh] .ci/run exit $status after ${secs}s ($(( secs / 60 ))m$(( secs % 60 ))s) from an empty cache; log: $FRESH_DIR/ci.log"
echo "[verify:fresh] cache built: $(du -sh "$FRESH_DIR/home/.cache/n8n-nodes-nmbrs" 2>/dev/null | cut -f1)"
exit $status
