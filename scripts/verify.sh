#!/usr/bin/env bash
# Every check, in CI's order: lint, type check, build, then every test (unit, in-process n8n,
# real n8n end-to-end). Installs what the end-to-end tests need first: Debian's Chromium for
# the browser check, and Node 24 + n8n into $HOME/.cache (reused when present).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-chromium.sh
bash scripts/queue-services.sh
bash scripts/n8n-cache.sh --with-n8n1

npm run lint
npm run format:check
npm run typecheck
npm run build

mkdir -p test-results
status=0
npx jest --json --outputFile=test-results/jest.json || status=$?
# A closing line any CI can read: "N passed, N failed".
node -e '
const r = require("./test-results/jest.json");
console.log(`${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`);
if (r.numPendingTests + r.numTodoTests > 0) { console.log(`${r.numPendingTests + r.numTodoTests} skipped tests are not allowed`); process.exit(1); }
if (r.numTotalTests === 0) process.exit(1);
' || status=1
exit $status
