#!/usr/bin/env bash
# Load on the warm path: wrk (Debian package wrk) against a keep-warm function on each runtime, through a gateway
# this script starts (`flint up` on a free port and a fresh data directory), one runtime at a time. Per runtime it
# prints the requests, the errors (socket errors, timeouts, non-2xx answers) and the p50/p99 latency from wrk.
#
# usage: scripts/load.sh [--seconds S] [--connections C] [--runtime R]... [--image DIR]
#   --seconds      per runtime, default 60 (at most 600)
#   --connections  wrk connections (one wrk thread), default 16 (at most 64); the function takes that many at once
#   --runtime      default: process, crun, runc and vm, each where the gateway has it
#   --image        a 'flint build' output; default functions/hello, built when missing
# Exit status: 0 when every runtime measured answered every request with 2xx and no socket error, else 1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds=60
connections=16
runtimes=()
image=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --connections) connections="$2"; shift 2 ;;
    --runtime) runtimes+=("$2"); shift 2 ;;
    --image) image="$(cd "$2" && pwd)"; shift 2 ;;
    *) echo "usage: $0 [--seconds S] [--connections C] [--runtime R]... [--image DIR]" >&2; exit 2 ;;
  esac
done
(( seconds >= 1 && seconds <= 600 )) || { echo "load: --seconds must be 1 to 600" >&2; exit 2; }
(( connections >= 1 && connections <= 64 )) || { echo "load: --connections must be 1 to 64" >&2; exit 2; }
command -v wrk >/dev/null || { echo "load: needs wrk (Debian package wrk; scripts/setup.sh installs it)" >&2; exit 2; }
[[ ${#runtimes[@]} -gt 0 ]] || runtimes=(process crun runc vm)
if [[ -z "$image" ]]; then
  image="$root/functions/hello/bin/image"
  [[ -f "$image/index.json" ]] || "$root/flint" build "$root/functions/hello" >&2
fi

work="$(mktemp -d)"
gateway=""
cleanup() {
  if [[ -n "$gateway" ]]; then
    kill -TERM "$gateway" 2>/dev/null || true
    wait "$gateway" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
"$root/flint" up --port 0 --data "$work/data" --images "$(dirname "$image")" >"$work/gateway.log" 2>&1 &
gateway=$!
url=""
for _ in $(seq 1 600); do
  url="$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$work/gateway.log" | head -1 | cut -d' ' -f3 || true)"
  [[ -n "$url" ]] && break
  kill -0 "$gateway" 2>/dev/null || { cat "$work/gateway.log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "load: the gateway did not listen" >&2; exit 1; }
auth="Authorization: Bearer $(tr -d '\n' < "$work/data/admin-token")"
available="$(curl -sf -H "$auth" "$url/system/runtimes")"

failed=0
printf '%-8s %10s %8s %8s %10s %10s\n' runtime requests req/s errors "p50" "p99"
for runtime in "${runtimes[@]}"; do
  if ! python3 -c 'import json,sys; sys.exit(0 if any(r["name"]==sys.argv[1] and r["available"] for r in json.loads(sys.argv[2])) else 1)' "$runtime" "$available"; then
    echo "$runtime: not available on this host"
    continue
  fi
  name="load-$runtime"
  spec="{\"name\":\"$name\",\"image\":\"$image\",\"runtime\":\"$runtime\",\"mode\":\"keep-warm\",\"maxConcurrency\":$connections,\"maxInstances\":1,\"timeout\":\"10s\",\"idleTimeout\":\"10m\"}"
  curl -sf -H "$auth" -H 'Content-Type: application/json' -d "$spec" "$url/system/functions" >/dev/null
  for _ in 1 2 3 4 5; do curl -sf "$url/function/$name/" >/dev/null; done
  wrk -t1 "-c$connections" "-d${seconds}s" --latency --timeout 2s "$url/function/$name/" >"$work/wrk-$runtime.txt" 2>&1 || true
  curl -sf -X DELETE -H "$auth" "$url/system/functions/$name" >/dev/null || true
  if ! python3 - "$runtime" "$work/wrk-$runtime.txt" <<'PY'
import re, sys
runtime, text = sys.argv[1], open(sys.argv[2]).read()
requests = re.search(r"(\d+) requests in", text)
rate = re.search(r"Requests/sec:\s+([\d.]+)", text)
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", text, re.M))
if not requests or not rate:
    print(f"{runtime}: wrk gave no report:\n{text}")
    sys.exit(1)
errors = (sum(map(int, socket.groups())) if socket else 0) + (int(non2xx.group(1)) if non2xx else 0)
print(f"{runtime:<8} {int(requests.group(1)):>10} {float(rate.group(1)):>8.0f} {errors:>8} {latency.get('50', '?'):>10} {latency.get('99', '?'):>10}")
sys.exit(1 if errors else 0)
PY
  then
    failed=1
  fi
done
exit "$failed"
