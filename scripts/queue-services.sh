#!/usr/bin/env bash
# Debian's Redis and PostgreSQL for the queue-mode end-to-end test (test/e2e/queue.e2e.test.ts),
# installed when absent (only Debian's packages are reachable; sudo when not root). Installs only:
# the test starts its own throw-away servers on 127.0.0.1 and free ports, with their data in a
# temp dir (test/support/queue-mode.ts), and stops them afterwards. The packages' own system
# services are kept from starting during the install (policy-rc.d), so nothing listens on
# 6379 or 5432 because of this script.
set -euo pipefail

have_redis() { command -v redis-server >/dev/null 2>&1; }
have_postgres() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null 2>&1; }

have_redis && have_postgres && exit 0

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
pkgs=()
have_redis || pkgs+=(redis-server)
have_postgres || pkgs+=(postgresql)
echo "[queue-services] installing Debian's ${pkgs[*]}"

# No service starts during the install (exit 101 = "action forbidden by policy"), unless the
# machine already has a policy of its own, which is then left as it is.
POLICY=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$POLICY" ]; then
	printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$POLICY" >/dev/null
	$SUDO chmod 755 "$POLICY"
	added_policy=1
fi
cleanup() { [ "$added_policy" = 1 ] && $SUDO rm -f "$POLICY" || true; }
trap cleanup EXIT

# Bounded: a hung mirror fails the run instead of holding it.
$SUDO timeout 600 apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO timeout 900 apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null

have_redis || { echo "[queue-services] redis-server is still missing" >&2; exit 1; }
have_postgres || { echo "[queue-services] PostgreSQL's initdb is still missing" >&2; exit 1; }
# PostgreSQL refuses to run as root: the test runs it as this user when root.
if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
	echo "[queue-services] the postgres user is missing" >&2
	exit 1
fi
echo "[queue-services] ready: $(redis-server --version | cut -d' ' -f1-3), $(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
