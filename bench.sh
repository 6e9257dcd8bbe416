#!/usr/bin/env bash
# Measures what the service costs beside the storage floor (ingestion, reports, aggregation, workbook, start-up),
# prints one table and writes it into docs/performance.md. A measurement, not a test: a budget that does not hold
# is shown as FAIL and the command still succeeds. Installs what is missing first. Takes about 5-10 minutes.
# Arguments go on to the benchmark: `./bench.sh --quick --doc /tmp/performance.md` is a smoke run of every path with
# little data (a minute or two), its table written into a copy of docs/performance.md, never into the real one.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/tools.sh

ensure_dotnet
ensure_azurite

# The load before this script's own work: other work on the same cores shows in every figure.
load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo unknown)

out=.bench
rm -rf "$out/publish"
echo "bench: publishing in Release (the service under its local host and a bare app self-contained ReadyToRun for linux-x64, the benchmark)..."
dotnet publish src/Reporting.LocalHost -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o "$out/publish/reporting" --nologo -v quiet
dotnet publish bench/Hello -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o "$out/publish/hello" --nologo -v quiet
dotnet publish bench/Reporting.Bench -c Release -o "$out/publish/bench" --nologo -v quiet

dotnet "$out/publish/bench/Reporting.Bench.dll" run --repository "$PWD" \
  --service "$out/publish/reporting/Reporting.LocalHost" --hello "$out/publish/hello/Hello" \
  --work "$out" --doc docs/performance.md --load "$load" "$@"
