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
node node_modules/azurite/dist/src/azurite.js --location .azurite --silent --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort 10000 --queueHost 127.0.0.1 --queuePort 10001 --tableHost 127.0.0.1 --tablePort 10002 \
  > .azurite/azurite.log 2>&1 &
azurite_pid=$!
app_pid=""
# Stop the service, then Azurite by its PID, however this script ends. Azurite saves its data on a graceful
# stop (SIGTERM): it gets ten seconds for that before it is killed.
cleanup() {
  if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
  kill -TERM "$azurite_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$azurite_pid" 2>/dev/null || return 0; sleep 0.1; done
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
# Local API keys (documented in README.md) unless keys are configured otherwise: a coordinator, a field worker
# (BAR-07) and a funder, all of every programme. Only their SHA-256 hashes are configured.
if [ -z "${Access__ApiKeys__0__KeySha256:-}" ]; then
  set_key() { # index name role hash [worker]
    export "Access__ApiKeys__$1__Name=$2" "Access__ApiKeys__$1__Role=$3" "Access__ApiKeys__$1__KeySha256=$4"
    local p=0
    for programme in BAR CHW PGBM GA; do export "Access__ApiKeys__$1__Programmes__$p=$programme"; p=$((p + 1)); done
    if [ -n "${5:-}" ]; then export "Access__ApiKeys__$1__WorkerCode=$5"; fi
  }
  set_key 0 local-coordinator Coordinator 8833f242fbb1bb3b8c9bcffbdaaf892d00b87de30c9211fcc3d691e3a6074087
  set_key 1 local-field-worker FieldWorker 499ff7dc60e91551ccd7069010536953be2c78495f1f0b9bc30d7e5a64ea370e BAR-07
  set_key 2 local-funder Funder 6ff73e723fbc4a55d6e5567d5d3ba3aab523890199394bd28d45da5abbfdd762
fi
export REPORTING_PORT="${REPORTING_PORT:-7071}"
echo "Reporting on http://127.0.0.1:${REPORTING_PORT} (try /api/health); Ctrl-C stops it."
dotnet src/Reporting/bin/Release/net10.0/Reporting.dll &
app_pid=$!
wait "$app_pid"
