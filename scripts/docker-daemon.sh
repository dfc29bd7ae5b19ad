#!/usr/bin/env bash
# Starts, stops or reports the Docker daemon Flint's docker runtime talks to.
#
#   scripts/docker-daemon.sh start|stop|status
#
# The daemon gets host networking only: no bridge (--bridge=none), no iptables rules, no
# masquerading, so it never creates docker0 or its 172.17.0.0/16 network; Flint runs containers
# with --network host. Its files live apart from a system Docker's:
#   data root  $FLINT_DOCKER_STATE (default /var/lib/flint/docker)
#   exec root  $FLINT_DOCKER_RUN   (default /run/flint/docker), with dockerd.pid and dockerd.log
# It listens on the default socket, /var/run/docker.sock. `stop` stops only the daemon this
# script started (the pid in its pidfile), never one it did not start.
set -euo pipefail

state="${FLINT_DOCKER_STATE:-/var/lib/flint/docker}"
run="${FLINT_DOCKER_RUN:-/run/flint/docker}"
pidfile="$run/dockerd.pid"
log="$run/dockerd.log"
socket=/var/run/docker.sock

ours() {
    [ -f "$pidfile" ] && pid="$(cat "$pidfile")" && [ -d "/proc/$pid" ] && [ "$(cat "/proc/$pid/comm")" = dockerd ]
}

answers() {
    [ -S "$socket" ] && docker --host "unix://$socket" version >/dev/null 2>&1
}

case "${1:-}" in
start)
    if ours; then
        echo "docker-daemon: already running (pid $(cat "$pidfile"))"
        exit 0
    fi
    if answers; then
        echo "docker-daemon: a daemon this script did not start already answers at $socket; leaving it alone"
        exit 0
    fi
    command -v dockerd >/dev/null || { echo "docker-daemon: dockerd missing; run scripts/setup-containers.sh" >&2; exit 1; }
    mkdir -p "$state" "$run"
    setsid dockerd \
        --bridge=none --iptables=false --ip6tables=false --ip-masq=false \
        --data-root "$state" --exec-root "$run" --pidfile "$pidfile" \
        --host "unix://$socket" </dev/null >"$log" 2>&1 &
    for _ in $(seq 1 300); do
        if answers; then
            echo "docker-daemon: started (pid $(cat "$pidfile"))"
            exit 0
        fi
        if ! kill -0 $! 2>/dev/null; then
            echo "docker-daemon: dockerd exited; last lines of $log:" >&2
            tail -n 20 "$log" >&2
            exit 1
        fi
        sleep 0.1
    done
    echo "docker-daemon: no answer at $socket after 30 s; see $log" >&2
    exit 1
    ;;
stop)
    if ! ours; then
        echo "docker-daemon: not running (nothing this script started)"
        exit 0
    fi
    pid="$(cat "$pidfile")"
    kill -TERM "$pid"
    for _ in $(seq 1 300); do
        [ -d "/proc/$pid" ] || break
        sleep 0.1
    done
    if [ -d "/proc/$pid" ]; then
        echo "docker-daemon: dockerd $pid ignored SIGTERM for 30 s; killing it" >&2
        kill -KILL "$pid"
    fi
    # dockerd bind-mounts the host's network namespace under its exec root and leaves it there.
    if mountpoint -q "$run/netns/default" 2>/dev/null; then
        umount "$run/netns/default"
    fi
    echo "docker-daemon: stopped"
    ;;
status)
    if ours; then
        echo "running (pid $(cat "$pidfile"), socket $socket)"
    elif answers; then
        echo "not started by this script, but a daemon answers at $socket"
    else
        echo "not running"
        exit 3
    fi
    ;;
*)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
