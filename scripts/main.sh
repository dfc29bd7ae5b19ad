#!/usr/bin/env bash
# The main job: set up the machine, build the hello function, and benchmark its cold start through
# the gateway on every runtime this host can run. Prints the cold-start table; the full report
# (CSV, JSON, Markdown, SVG charts) lands in bench-results/<timestamp>/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/setup.sh

started_docker=""
if [[ -x scripts/docker-daemon.sh ]] && ! scripts/docker-daemon.sh status >/dev/null 2>&1; then
  scripts/docker-daemon.sh start >/dev/null 2>&1 && started_docker=1 || echo "main: no Docker daemon; the docker runtime is reported unavailable" >&2
fi
cleanup() { [[ -n "$started_docker" ]] && scripts/docker-daemon.sh stop >/dev/null 2>&1 || true; }
trap cleanup EXIT

./flint bench --quick "$@"
