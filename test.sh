#!/usr/bin/env bash
# Runs every test: unit tests, storage tests against a real Azurite (started by the tests on free ports),
# end-to-end tests over HTTP, workbook tests (read back by LibreOffice) and the pages in headless Chromium.
# Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/tools.sh

ensure_dotnet
ensure_azurite
ensure_libreoffice
ensure_chromium

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Reporting.sln -c Release --nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line in the plain form: "N passed, N failed" (from the runner's "Total tests" summary).
awk '/^Total tests:/ { summary = 1 } summary && /^ +Passed: / { p += $2 } summary && /^ +Failed: / { f += $2 }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
exit "$status"
