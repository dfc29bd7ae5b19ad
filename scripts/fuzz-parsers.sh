#!/usr/bin/env bash
# Coverage-guided fuzzing of the parsers that take outside input, with AFL++ and SharpFuzz: publishes the harness
# fuzz/Flint.Fuzz, instruments the Flint assemblies it calls, then runs afl-fuzz on each target from its seed corpus
# (fuzz/corpus/<target>). Prints per target the inputs executed and the crashes found; crashing inputs stay in
# <findings>/<target>/default/crashes. Replay one by hand: dotnet <findings>/bin/Flint.Fuzz.dll <target> < input
#
# usage: scripts/fuzz-parsers.sh [--seconds N | --execs N] [--findings DIR] [target...]
#   --seconds   how long afl-fuzz runs each target, default 600
#   --execs     instead: about how many inputs it runs on each target (a bound that does not depend on the machine's speed)
#   --findings  where AFL's output goes, default artifacts/fuzz
#   target      elf, layout, layer, deploy, hello-request; default all
# Exit status: 0 when no target crashed, 1 when one did, 2 on a usage or set-up error.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
all_targets=(elf layout layer deploy hello-request)
limit=(-V 600)
findings="$root/artifacts/fuzz"
targets=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) limit=(-V "$2"); shift 2 ;;
    --execs) limit=(-E "$2"); shift 2 ;;
    --findings) findings="$2"; shift 2 ;;
    -*) echo "usage: $0 [--seconds N | --execs N] [--findings DIR] [target...]" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
  esac
done
((${#targets[@]})) || targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [[ " ${all_targets[*]} " == *" $t "* ]] || { echo "fuzz: unknown target '$t' (targets: ${all_targets[*]})" >&2; exit 2; }
done
command -v afl-fuzz >/dev/null || { echo "fuzz: afl-fuzz is missing (Debian package afl++; scripts/setup.sh installs it)" >&2; exit 2; }
mkdir -p "$findings"
findings="$(cd "$findings" && pwd)"

echo "== build"
bin="$findings/bin"
rm -rf "$bin"
dotnet publish "$root/fuzz/Flint.Fuzz/Flint.Fuzz.csproj" -c Release -o "$bin" -nologo -v quiet -clp:ErrorsOnly
(cd "$root" && dotnet tool restore >/dev/null)
# Only the assemblies under test: not System.*, not SharpFuzz, not the harness itself.
for assembly in Flint.Vm Flint.Images Flint.Gateway Flint.Fuzz.Hello; do
  (cd "$root" && dotnet sharpfuzz "$bin/$assembly.dll" >/dev/null)
done

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
export AFL_FORKSRV_INIT_TMOUT=60000  # the .NET runtime starts slowly on a loaded machine
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work"  # the harness's scratch files

crashed=0
printf '%-14s %12s %8s %8s\n' target execs crashes hangs
for t in "${targets[@]}"; do
  out="$findings/$t"
  rm -rf "$out"
  set +e
  afl-fuzz -i "$root/fuzz/corpus/$t" -o "$out" "${limit[@]}" -t 10000 -m none -- dotnet "$bin/Flint.Fuzz.dll" "$t" >"$findings/$t.log" 2>&1
  rc=$?
  set -e
  stats="$out/default/fuzzer_stats"
  if [[ $rc -ne 0 || ! -f $stats ]]; then
    echo "fuzz: afl-fuzz failed on $t (exit $rc); the end of $findings/$t.log:" >&2
    tail -n 20 "$findings/$t.log" >&2
    crashed=1
    continue
  fi
  execs=$(sed -n 's/^execs_done *: *//p' "$stats")
  crashes=$(find "$out/default/crashes" -type f -name 'id:*' | wc -l)
  hangs=$(find "$out/default/hangs" -type f -name 'id:*' | wc -l)
  printf '%-14s %12s %8s %8s\n' "$t" "$execs" "$crashes" "$hangs"
  ((crashes == 0)) || crashed=1
done
((crashed == 0)) || echo "fuzz: crashing inputs are in $findings/<target>/default/crashes" >&2
exit $crashed
