# Shared by run.sh and test.sh: installs what the project needs when it is missing.
# Sourced, not run; expects to be in the repository root.

ensure_node() {
  if ! command -v node >/dev/null 2>&1; then
    echo "Installing Node.js (needed for the Azurite storage emulator)..."
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  fi
}

ensure_azurite() {
  ensure_node
  if [ ! -f node_modules/azurite/dist/src/azurite.js ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "Installing Azurite (npm ci)..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# LibreOffice Calc, which the workbook tests use to open the written .xlsx files (headless, to CSV).
ensure_libreoffice() {
  if ! command -v soffice >/dev/null 2>&1; then
    echo "Installing LibreOffice Calc (needed by the workbook tests)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc >/dev/null
  fi
}

ensure_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "The .NET SDK (see global.json) is needed: https://dot.net" >&2
    exit 1
  fi
}

# Waits until something listens on 127.0.0.1:$1, at most $2 seconds.
wait_for_port() {
  local port=$1 seconds=$2
  for _ in $(seq 1 $((seconds * 10))); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    sleep 0.1
  done
  return 1
}

# Debian's Chromium, which the page tests drive headless through Microsoft.Playwright (ExecutablePath): Playwright's
# own browser download cannot be fetched on our machines.
ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1; then
    echo "Installing Chromium (needed by the page tests)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
  fi
}
