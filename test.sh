#!/usr/bin/env bash
# Runs every test: unit tests, storage tests against a real Azurite (started by the tests on free ports) and
# end-to-end tests over HTTP. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/tools.sh

ensure_dotnet
ensure_azurite

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Reporting.sln -c Release --nologo --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line in the plain form: "N passed, N failed".
awk '/(Passed|Failed)! +- +Failed:/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1) } found = 1 }
     END { if (found) printf "%d passed, %d failed\n", p, f; else print "0 passed, 0 failed" }' "$log"
exit "$status"
