#!/usr/bin/env bash
# The CI steps of github-actions.yml as one script: install, synthesize, start the emulator in the
# background (seeded with the test fixtures), apply the config to it, verify it, and run the tests.
#
# Environment (all optional):
#   GRANTFORM_PORT          emulator port (default 4010; 0 = any free port)
#   GRANTFORM_WORK          scratch directory (default: a new temp directory)
#   GRANTFORM_SKIP_INSTALL  1 = skip `pnpm install` (dependencies already installed)
#   GRANTFORM_TESTS         test files/filters for vitest (default: the whole suite)
#   GRANTFORM_KEEP_EMULATOR 1 = leave the emulator running when the script ends
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PORT="${GRANTFORM_PORT:-4010}"
WORK="${GRANTFORM_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/grantform-ci.XXXXXX")}"
CONFIG=examples/ci/grantform.config.ts
FIXTURES=examples/ci/fixtures.config.ts
grantform() { node packages/engine/bin/grantform.js "$@"; }
mkdir -p "$WORK"

echo "::group::install"
if [ "${GRANTFORM_SKIP_INSTALL:-0}" != 1 ]; then npx -y pnpm@10 install --frozen-lockfile; fi
echo "::endgroup::"

echo "::group::synthesize"
grantform synth --config "$FIXTURES" --out "$WORK/fixtures"
grantform synth --config "$CONFIG" --out "$WORK/synth"
echo "::endgroup::"

echo "::group::start the emulator"
# `node` itself in the background (not the shell function), so $! is the emulator's own pid.
node packages/engine/bin/grantform.js emulator --port "$PORT" --headless \
  --seed "$WORK/fixtures/manifest.json" --credentials-out "$WORK/credentials.json" >"$WORK/emulator.log" 2>&1 &
EMULATOR_PID=$!
stop_emulator() { kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; }
if [ "${GRANTFORM_KEEP_EMULATOR:-0}" != 1 ]; then
  trap stop_emulator EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
fi
ENDPOINT=""
for _ in $(seq 1 100); do
  ENDPOINT="$(sed -n 's/^grantform emulator listening on \(http[^ ]*\).*/\1/p' "$WORK/emulator.log" | head -n 1)"
  if [ -n "$ENDPOINT" ]; then break; fi
  if ! kill -0 "$EMULATOR_PID" 2>/dev/null; then cat "$WORK/emulator.log" >&2; echo "the emulator exited" >&2; exit 1; fi
  sleep 0.2
done
if [ -z "$ENDPOINT" ]; then cat "$WORK/emulator.log" >&2; echo "the emulator did not start" >&2; exit 1; fi
cat "$WORK/emulator.log"
echo "::endgroup::"

echo "::group::apply"
grantform apply --auto-approve --target emulator --endpoint "$ENDPOINT" --config "$CONFIG" --state "$WORK/state.json"
echo "::endgroup::"

echo "::group::verify"
grantform verify --target emulator --endpoint "$ENDPOINT" --config "$CONFIG" --state "$WORK/state.json" \
  --junit "$WORK/verify.junit.xml"
echo "::endgroup::"

echo "::group::test"
# shellcheck disable=SC2086 # GRANTFORM_TESTS is a list of filters
GRANTFORM_ENDPOINT="$ENDPOINT" GRANTFORM_CREDENTIALS="$WORK/credentials.json" node_modules/.bin/vitest run ${GRANTFORM_TESTS:-}
echo "::endgroup::"

echo "grantform CI: applied, verified and tested against $ENDPOINT (work dir $WORK)"
