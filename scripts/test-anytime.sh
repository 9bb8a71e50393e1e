#!/usr/bin/env bash
# Runs the whole suite (npm test, then npm run test:e2e) with the machine's clock moved to another
# moment by Debian's faketime, to prove that no test depends on today's date or hour.
#
#   npm run test:anytime                           # about five months ahead, at 02:30 UTC
#   npm run test:anytime -- '2027-03-28 00:30:00'  # the night the clocks go forward
#   npm run test:anytime -- '2027-03-28 00:30:00' --testTimeout=600000   # more: passed to vitest
#
# Not part of .ci/run: CI stays deterministic at the real time. The app is built first at the real
# time (file timestamps in the future would confuse the build's freshness check).
set -euo pipefail
cd "$(dirname "$0")/.."

at="${1:-$(date -u -d '+150 days' '+%Y-%m-%d 02:30:00')}"
shift || true

if ! command -v faketime >/dev/null; then
  echo "== installing faketime from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
fi

echo "== build (at the real time)"
npm run build >/dev/null

# Both suites run whatever the first gives, so one run shows every test that depends on the date.
status=0
echo "== npm test at ${at} UTC"
LANTERN_SKIP_BUILD=1 faketime -m "$at" npm test -- "$@" || status=1

echo "== npm run test:e2e at ${at} UTC"
LANTERN_SKIP_BUILD=1 faketime -m "$at" npm run test:e2e -- "$@" || status=1

[ "$status" -eq 0 ] && echo "== every test passed at ${at} UTC" || echo "== some tests failed at ${at} UTC"
exit "$status"
