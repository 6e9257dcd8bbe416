#!/usr/bin/env bash
# Runs the service locally: installs what is missing, starts Azurite (data on disk under .azurite/) and the
# Functions app under its local host on http://127.0.0.1:${REPORTING_PORT:-7071}. Ctrl-C stops both.
# The first run takes about a minute (npm installs Azurite, dotnet restores and builds).
# Optional: AZURITE_LOCATION (.azurite), AZURITE_BLOB_PORT/QUEUE_PORT/TABLE_PORT (10000/10001/10002), REPORTING_PORT.
set -euo pipefail
cd "$(dirname "$0")"

# A script started in the background from another script begins with SIGINT ignored, and a shell cannot trap a
# signal it started ignoring: start again with the default dispositions, so that every way of stopping this
# script stops the service and lets Azurite save.
if [ -z "${REPORTING_RUN_SIGNALS_RESET:-}" ]; then
  export REPORTING_RUN_SIGNALS_RESET=1
  exec env --default-signal=INT,QUIT,HUP,TERM bash "$0" "$@"
fi

source scripts/tools.sh
if [ "${1:-}" = "--help" ] || [ "${1:-}" = "-h" ]; then
  sed -n '2,5p' "$0" | sed 's/^# \{0,1\}//'
  exit 0
fi

ensure_dotnet
ensure_azurite
echo "Restoring and building (the first time takes about a minute)..."
dotnet build src/Reporting.LocalHost -c Release --nologo -v quiet -clp:ErrorsOnly

location="${AZURITE_LOCATION:-.azurite}"
blob_port="${AZURITE_BLOB_PORT:-10000}" queue_port="${AZURITE_QUEUE_PORT:-10001}" table_port="${AZURITE_TABLE_PORT:-10002}"
mkdir -p "$location"
azurite_pid=""
app_pid=""
# Stop the service, then Azurite by its PID, however this script ends (exit, Ctrl-C, TERM, HUP: the terminal
# closed). Both run in sessions of their own, so a signal to this script's process group reaches only this
# script, which stops them in order: the service first, then Azurite, which saves its data when it gets SIGTERM
# (ten seconds for that before it is killed).
stopping=""
cleanup() {
  [ -n "$stopping" ] && return 0
  stopping=1
  trap '' INT TERM HUP
  if [ -n "$app_pid" ]; then
    kill -TERM "$app_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$azurite_pid" ]; then
    kill -TERM "$azurite_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$azurite_pid" 2>/dev/null || return 0; sleep 0.1; done
    kill -9 "$azurite_pid" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

setsid node node_modules/azurite/dist/src/azurite.js --location "$location" --silent --disableTelemetry \
  --blobHost 127.0.0.1 --blobPort "$blob_port" --queueHost 127.0.0.1 --queuePort "$queue_port" --tableHost 127.0.0.1 --tablePort "$table_port" \
  > "$location/azurite.log" 2>&1 < /dev/null &
azurite_pid=$!
if ! wait_for_port "$table_port" 30 || ! wait_for_port "$queue_port" 10 || ! wait_for_port "$blob_port" 10; then
  echo "Azurite did not start; see $location/azurite.log (is another emulator using ports $blob_port-$table_port?)" >&2
  exit 1
fi
echo "Azurite listening on 127.0.0.1:$blob_port (blob), $queue_port (queue) and $table_port (table)."

if [ "$blob_port$queue_port$table_port" = "100001000110002" ]; then
  export Storage__ConnectionString="${Storage__ConnectionString:-UseDevelopmentStorage=true}"
else
  account=devstoreaccount1
  export Storage__ConnectionString="${Storage__ConnectionString:-DefaultEndpointsProtocol=http;AccountName=$account;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$blob_port/$account;QueueEndpoint=http://127.0.0.1:$queue_port/$account;TableEndpoint=http://127.0.0.1:$table_port/$account;}"
fi
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
setsid dotnet src/Reporting.LocalHost/bin/Release/net10.0/Reporting.LocalHost.dll < /dev/null &
app_pid=$!
# Wakes for a trapped signal too (wait returns when one arrives); the service ending on its own ends the script.
wait "$app_pid"
