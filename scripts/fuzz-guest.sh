#!/usr/bin/env bash
# The long run of the guest-interface fuzzer: the hostile guest tests/Flint.Vm.Tests/Programs/fuzz.c (seeded random
# syscalls and faults), once per seed on each VM platform, through `flint vm run`. Prints per run the syscalls the
# guest issued, its signals and faults, and the time; then per platform the totals and every monitor error: an
# exception out of a handler, a platform failure, a timeout, or an exit other than the guest's own 0.
#
# usage: scripts/fuzz-guest.sh [--platform kvm|emulated|all] [--seeds "1 2 3"] [--calls N] [--timeout S]
#   --platform  default all: every platform this host has (kvm only where /dev/kvm exists)
#   --seeds     default 1..10;  --calls  syscalls per seed, default 100000 (10 seeds: 1,000,000 per platform)
#   --timeout   seconds per run, default 900
# Exit status: 0 when every run ended with the guest's exit 0, else 1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
platform=all
seeds="$(seq -s ' ' 1 10)"
calls=100000
timeout=900
while [[ $# -gt 0 ]]; do
  case "$1" in
    --platform) platform="$2"; shift 2 ;;
    --seeds) seeds="$2"; shift 2 ;;
    --calls) calls="$2"; shift 2 ;;
    --timeout) timeout="$2"; shift 2 ;;
    *) echo "usage: $0 [--platform kvm|emulated|all] [--seeds \"1 2 3\"] [--calls N] [--timeout S]" >&2; exit 2 ;;
  esac
done

if [[ "$platform" == all ]]; then
  platforms=(emulated)
  [[ -e /dev/kvm ]] && platforms=(kvm emulated)
else
  platforms=("$platform")
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
gcc -static -O2 -o "$work/fuzz" "$root/tests/Flint.Vm.Tests/Programs/fuzz.c"
"$root/flint" vm run --help >/dev/null  # builds the CLI once, outside the timings

failed=0
for p in "${platforms[@]}"; do
  total=0 signals=0 faults=0 errors=0 runs=0
  started=$(date +%s.%N)
  for seed in $seeds; do
    run_start=$(date +%s.%N)
    set +e
    "$root/flint" vm run --platform "$p" --timeout "$timeout" "$work/fuzz" "$seed" "$calls" >"$work/out" 2>"$work/err"
    rc=$?
    set -e
    seconds=$(awk -v a="$run_start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
    line="$(head -c 300 "$work/out" | head -n 1)"
    issued=$(sed -n 's/.* calls=\([0-9]*\).*/\1/p' <<<"$line")
    runs=$((runs + 1))
    total=$((total + ${issued:-0}))
    signals=$((signals + $(sed -n 's/.* signals=\([0-9]*\).*/\1/p' <<<"$line" | grep . || echo 0)))
    faults=$((faults + $(sed -n 's/.* faults=\([0-9]*\).*/\1/p' <<<"$line" | grep . || echo 0)))
    printf '%-8s seed %-6s calls %-8s exit %-3s %7.1f s  %s\n' "$p" "$seed" "${issued:-?}" "$rc" "$seconds" "$line"
    if [[ $rc -ne 0 || -s "$work/err" || "$issued" != "$calls" ]]; then
      errors=$((errors + 1))
      echo "  monitor error (seed $seed, platform $p): exit $rc: $(head -c 2000 "$work/err")"
    fi
  done
  elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
  printf '%s: %d runs, %d syscalls, %d signals (%d provoked faults), %d monitor errors, %.0f s; seeds: %s\n' \
    "$p" "$runs" "$total" "$signals" "$faults" "$errors" "$elapsed" "$seeds"
  [[ $errors -eq 0 ]] || failed=1
done
exit $failed
