#!/usr/bin/env bash
# The test command: set-up, format check, build (warnings are errors), every test project, and a
# summary that counts passed, failed and skipped tests and says why each skip happened.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

started_docker=""
if [[ -x scripts/docker-daemon.sh ]] && ! scripts/docker-daemon.sh status >/dev/null 2>&1; then
  if scripts/docker-daemon.sh start >/dev/null 2>&1; then
    started_docker=1
  else
    echo "test: the Docker daemon could not be started; docker tests will skip" >&2
  fi
fi
started_containerd=""
if ! scripts/containerd.sh status >/dev/null 2>&1; then
  if scripts/containerd.sh start >/dev/null 2>&1; then
    started_containerd=1
  else
    echo "test: containerd could not be started; the flint-oci containerd tests will skip" >&2
  fi
fi
cleanup() {
  [[ -n "$started_docker" ]] && scripts/docker-daemon.sh stop >/dev/null 2>&1 || true
  [[ -n "$started_containerd" ]] && scripts/containerd.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== format"
dotnet format Flint.slnx --verify-no-changes

echo "== build"
dotnet build Flint.slnx -c Debug -nologo -v quiet -clp:ErrorsOnly

echo "== test"
results=artifacts/test-results
rm -rf "$results"
status=0
dotnet test Flint.slnx --no-build -nologo --logger "trx" --results-directory "$results" -- xUnit.MaxParallelThreads=2 || status=$?

python3 scripts/test-summary.py "$results"
exit $status
