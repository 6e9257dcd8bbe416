#!/usr/bin/env bash
# Runs the service locally: installs what is missing, starts Azurite (data on disk under .azurite/) and the
# service on http://127.0.0.1:${REPORTING_PORT:-7071}. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/tools.sh

ensure_dotnet
ensure_azurite
echo "Restoring and building..."
dotnet build src/Reporting -c Release --nologo -v quiet

mkdir -p .azurite
node node_modules/azurite/dist/src/azurite.js --location .azurite --silent --skipApiVersionCheck --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort 10000 --queueHost 127.0.0.1 --queuePort 10001 --tableHost 127.0.0.1 --tablePort 10002 \
  > .azurite/azurite.log 2>&1 &
azurite_pid=$!
app_pid=""
# Stop the service, then Azurite (by its PID: it ignores SIGTERM for a while), however this script ends.
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  kill -9 "$azurite_pid" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
if ! wait_for_port 10002 30; then
  echo "Azurite did not start; see .azurite/azurite.log (is another emulator using ports 10000-10002?)" >&2
  exit 1
fi
echo "Azurite listening on 127.0.0.1:10000 (blob) and 127.0.0.1:10002 (table)."

export Storage__ConnectionString="${Storage__ConnectionString:-UseDevelopmentStorage=true}"
export REPORTING_PORT="${REPORTING_PORT:-7071}"
echo "Reporting on http://127.0.0.1:${REPORTING_PORT} (try /api/health); Ctrl-C stops it."
dotnet src/Reporting/bin/Release/net10.0/Reporting.dll &
app_pid=$!
wait "$app_pid"
