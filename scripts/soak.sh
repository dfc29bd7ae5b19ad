#!/usr/bin/env bash
# The long soak: `flint soak` with 10,000 single-use cold starts per runtime (process, crun, runc and vm,
# each where the host has it) through a gateway it hosts, comparing the gateway's descriptors, threads, RSS
# and mappings, its child processes and their listening sockets, the mounts under its data directory, the
# instances' cgroups and the runtimes' bundle and state entries before and after (bounds: SoakBounds.cs).
#
# usage: scripts/soak.sh [--starts N] [--runtime R]... [--image DIR]
#   --starts   cold starts per runtime, default 10000
#   --runtime  soak only this runtime (repeatable)
#   --image    a 'flint build' output; default: functions/hello, built once
# Exit status: 0 when every runtime soaked stayed within its bounds with no failed start, else 1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
starts=10000
args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --starts) starts="$2"; shift 2 ;;
    --runtime) args+=(--runtime "$2"); shift 2 ;;
    --image) args+=(--image "$2"); shift 2 ;;
    *) echo "usage: $0 [--starts N] [--runtime R]... [--image DIR]" >&2; exit 2 ;;
  esac
done
cd "$root"
exec "$root/flint" soak --starts "$starts" "${args[@]}"
