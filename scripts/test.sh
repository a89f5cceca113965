#!/usr/bin/env bash
# The whole test suite (the README's test command, `npm test`):
# types, lint, unit + service + integration tests on SQLite and PostgreSQL, and browser journeys in Chromium.
# Ends with "N passed, N failed" and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/postgres.sh

results=test-results
mkdir -p "$results"
rm -f "$results"/*.json "$results"/checks.txt
check() { # check NAME COMMAND...: a non-test step that must pass (counted as one)
  local name=$1; shift
  echo "== $name"
  if "$@"; then echo "pass $name" >>"$results/checks.txt"; else echo "fail $name" >>"$results/checks.txt"; fi
}

dialects=sqlite
if [ -n "${TEST_POSTGRES_URL:-}" ]; then
  dialects=sqlite,postgres
elif pg_test_start; then
  trap pg_test_stop EXIT
  dialects=sqlite,postgres
elif [ "${CI:-}" = "true" ]; then
  echo "fail PostgreSQL could not be started" >>"$results/checks.txt"
else
  echo "!! PostgreSQL is not available: testing on SQLite only. Install the Debian package postgresql for the whole suite." >&2
fi

check "build assets" npm run --silent build:assets
check "typecheck" npx tsc --noEmit
check "lint" npx eslint . --max-warnings 0
echo "== unit, service and integration tests on: $dialects"
DIALECTS=$dialects npx vitest run --reporter=default --reporter=json --outputFile="$results/vitest.json"
echo "== browser journeys (Chromium)"
npx vitest run --config vitest.e2e.config.ts --reporter=default --reporter=json --outputFile="$results/e2e.json"

npx tsx scripts/summarise-tests.ts "$results"
