#!/usr/bin/env bash
# Runs the clients in clients/ (curl, Python, Java, Node's sfmc-sdk), unmodified, against the emulator
# under the vendors' real https:// host names. The only thing that points them there is the environment
# `grantform emulator env` prints: HTTPS_PROXY (the emulator's forward proxy), NO_PROXY, the CA for
# each runtime (NODE_EXTRA_CA_CERTS, SSL_CERT_FILE, REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE) and
# JAVA_TOOL_OPTIONS (proxy properties and a PKCS#12 trust store).
#
# Usage: examples/any-language/run.sh [curl|python|java|node]...   (default: all; a client whose tool is
# missing is skipped with a line saying so)
#
# Environment (all optional):
#   GRANTFORM_EMULATOR_URL  an emulator already running with --tls (then GRANTFORM_CREDENTIALS too);
#                           otherwise one is started here and stopped at the end
#   GRANTFORM_CREDENTIALS   its --credentials-out file
#   GRANTFORM_PORT          port of the emulator started here (default 4010; 0 = any free port)
#   GRANTFORM_PROXY_PORT    its proxy port (default 4011; 0 = any free port)
#   GRANTFORM_WORK          scratch directory (default: a new temp directory)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/examples/any-language"
cd "$ROOT"
grantform() { node packages/engine/bin/grantform.js "$@"; }

if [ -z "${GRANTFORM_EMULATOR_URL:-}" ]; then
  WORK="${GRANTFORM_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/grantform-any-language.XXXXXX")}"
  mkdir -p "$WORK"
  # `node` itself in the background (not the shell function), so $! is the emulator's own pid.
  node packages/engine/bin/grantform.js emulator --tls --tls-dir "$WORK/tls" \
    --port "${GRANTFORM_PORT:-4010}" --proxy-port "${GRANTFORM_PROXY_PORT:-4011}" \
    --seed "$HERE/grantform.config.ts" --credentials-out "$WORK/credentials.json" >"$WORK/emulator.log" 2>&1 &
  EMULATOR_PID=$!
  trap 'kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true' EXIT
  for _ in $(seq 1 150); do
    if grep -q '^  client env' "$WORK/emulator.log"; then break; fi
    if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then cat "$WORK/emulator.log" >&2; exit 1; fi
    sleep 0.2
  done
  GRANTFORM_EMULATOR_URL="$(sed -n 's/^grantform emulator listening on \(http[^ ]*\).*/\1/p' "$WORK/emulator.log")"
  GRANTFORM_CREDENTIALS="$WORK/credentials.json"
  [ -n "$GRANTFORM_EMULATOR_URL" ] || { cat "$WORK/emulator.log" >&2; exit 1; }
fi

# 1. The environment that sends every client to the emulator (the same lines --format github appends
#    to $GITHUB_ENV in the workflow).
eval "$(grantform emulator env --url "$GRANTFORM_EMULATOR_URL")"

# 2. The package's credentials, and the REAL auth URL (https://{tssd}.auth.marketingcloudapis.com/).
credential() {
  node -e 'const [file, field] = process.argv.slice(1);
    const c = JSON.parse(require("fs").readFileSync(file, "utf8")).credentials.find((x) => x.address === "contoso/reporting/api");
    console.log(field === "mid" ? c.businessUnits[0] : c[field]);' "$GRANTFORM_CREDENTIALS" "$1"
}
SFMC_CLIENT_ID="$(credential clientId)"
SFMC_CLIENT_SECRET="$(credential clientSecret)"
SFMC_ACCOUNT_ID="$(credential mid)"
SFMC_AUTH_URL="https://$(credential subdomain).auth.marketingcloudapis.com/"
export SFMC_CLIENT_ID SFMC_CLIENT_SECRET SFMC_ACCOUNT_ID SFMC_AUTH_URL

# 3. The clients, each knowing only SFMC_* and the environment above.
run_client() {
  local name=$1 tool=$2
  shift 2
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "client $name: skipped ($tool not found)"
    return
  fi
  echo "client $name: $("$@")"
}
for client in "${@:-curl python java node}"; do
  for c in $client; do
    case "$c" in
      curl) run_client curl curl sh "$HERE/clients/curl.sh" ;;
      python) run_client python python3 python3 "$HERE/clients/client.py" ;;
      java) run_client java java java "$HERE/clients/Client.java" ;;
      node) run_client node node sh -c "cd '$HERE' && node clients/sfmc-sdk.mjs" ;;
      *) echo "unknown client $c (curl, python, java, node)" >&2; exit 2 ;;
    esac
  done
done
