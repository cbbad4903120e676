#!/usr/bin/env bash
# examples/terraform/hcl with the local Terraform against an emulator, offline: starts an emulator on
# 127.0.0.1, installs the provider into a plugin directory (grantform terraform install --dir) with a
# CLI configuration that uses it, then terraform init, apply, plan (must be "no changes"), and
# destroy. Run from anywhere: examples/terraform/run-hcl.sh
#
# Environment (all optional):
#   GRANTFORM_PORT   emulator port (default 4010; 0 = any free port)
#   GRANTFORM_WORK   scratch directory: the Terraform working copy, plugins, logs (default: a new temp directory)
#   GRANTFORM_KEEP   1 = skip destroy and leave the emulator running (then stop it with the pid printed)
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PORT="${GRANTFORM_PORT:-4010}"
WORK="${GRANTFORM_WORK:-$(mktemp -d "${TMPDIR:-/tmp}/grantform-terraform.XXXXXX")}"
grantform() { node "$ROOT/packages/engine/bin/grantform.js" "$@"; }
command -v terraform >/dev/null || { echo "terraform is not on PATH" >&2; exit 1; }
mkdir -p "$WORK/hcl"
cp "$HERE/hcl/main.tf" "$WORK/hcl/main.tf"

node "$ROOT/packages/engine/bin/grantform.js" emulator --port "$PORT" --headless >"$WORK/emulator.log" 2>&1 &
EMULATOR_PID=$!
stop_emulator() { kill "$EMULATOR_PID" 2>/dev/null || true; wait "$EMULATOR_PID" 2>/dev/null || true; }
if [ "${GRANTFORM_KEEP:-0}" != 1 ]; then
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
echo "emulator: $ENDPOINT (pid $EMULATOR_PID)"

# The provider into a plugin directory, and the CLI configuration it prints as the only one Terraform reads.
(cd "$ROOT" && grantform terraform install --dir "$WORK/plugins" --json) >"$WORK/install.json"
node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).cliConfig)' \
  "$WORK/install.json" >"$WORK/terraform.rc"
export TF_CLI_CONFIG_FILE="$WORK/terraform.rc" TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
tf() { terraform -chdir="$WORK/hcl" "$@"; }

tf init -no-color
tf apply -auto-approve -no-color -var "endpoint=$ENDPOINT"
set +e
tf plan -detailed-exitcode -no-color -var "endpoint=$ENDPOINT"
PLAN=$?
set -e
if [ "$PLAN" != 0 ]; then echo "plan after apply: exit $PLAN, expected 0 (no changes)" >&2; exit 1; fi
if [ "${GRANTFORM_KEEP:-0}" = 1 ]; then
  echo "kept: terraform -chdir=$WORK/hcl …, emulator pid $EMULATOR_PID at $ENDPOINT"
  exit 0
fi
tf destroy -auto-approve -no-color -var "endpoint=$ENDPOINT"
echo "examples/terraform/hcl: applied, planned with no changes, and destroyed against $ENDPOINT (work dir $WORK)"
