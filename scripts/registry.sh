#!/usr/bin/env bash
# Starts, stops or reports a local OCI registry (Debian's docker-registry, CNCF distribution) for
# deploying functions by reference:
#
#   scripts/registry.sh start|stop|status
#
# It serves plain HTTP on $FLINT_REGISTRY_ADDR (default 127.0.0.1:5000), never on other addresses,
# and keeps its files apart from the package's own service:
#   state  $FLINT_REGISTRY_STATE (default /var/lib/flint/registry): config.yml, storage/, registry.pid, registry.log
# `stop` stops only the registry this script started (the pid in its pidfile).
set -euo pipefail

addr="${FLINT_REGISTRY_ADDR:-127.0.0.1:5000}"
state="${FLINT_REGISTRY_STATE:-/var/lib/flint/registry}"
pidfile="$state/registry.pid"
log="$state/registry.log"

ours() {
    [ -f "$pidfile" ] && pid="$(cat "$pidfile")" && [ -d "/proc/$pid" ] && [ "$(cat "/proc/$pid/comm")" = docker-registry ]
}

answers() {
    curl -fsS -o /dev/null "http://$addr/v2/" 2>/dev/null
}

case "${1:-}" in
start)
    if ours; then
        echo "registry: already running on $addr (pid $(cat "$pidfile"))"
        exit 0
    fi
    command -v docker-registry >/dev/null || { echo "registry: docker-registry missing; run scripts/setup-containers.sh" >&2; exit 1; }
    mkdir -p "$state/storage"
    cat >"$state/config.yml" <<CONFIG
version: 0.1
log:
  level: warn
storage:
  filesystem:
    rootdirectory: $state/storage
  delete:
    enabled: true
http:
  addr: $addr
CONFIG
    docker-registry serve "$state/config.yml" >"$log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 100); do
        if answers; then
            echo "registry: serving http://$addr (pid $(cat "$pidfile")); push with 'flint build DIR --push $addr/NAME:TAG'"
            exit 0
        fi
        ours || { echo "registry: docker-registry exited; see $log" >&2; cat "$log" >&2; exit 1; }
        sleep 0.1
    done
    echo "registry: not answering on $addr; see $log" >&2
    exit 1
    ;;
stop)
    if ours; then
        kill "$(cat "$pidfile")"
        rm -f "$pidfile"
        echo "registry: stopped"
    else
        echo "registry: not running (none started by this script)"
    fi
    ;;
status)
    if ours; then echo "registry: running on $addr (pid $(cat "$pidfile"))"; else echo "registry: not running"; exit 1; fi
    ;;
*)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
