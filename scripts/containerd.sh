#!/usr/bin/env bash
# Starts, stops or reports the containerd Flint's flint-oci tests and benchmark talk to.
#
#   scripts/containerd.sh start|stop|status
#
# Debian's containerd, with its files apart from a system containerd's (and from the one dockerd
# runs for itself):
#   root   $FLINT_CONTAINERD_STATE (default /var/lib/flint/containerd)
#   state  $FLINT_CONTAINERD_RUN   (default /run/flint/containerd), with containerd.sock,
#          containerd.pid, containerd.log and the generated config.toml
# containers run with host networking (`ctr run --net-host`, or pods with hostNetwork through the CRI
# plugin, which is on without CNI configuration: pods on the node's network need none). The CRI plugin
# knows a runtime handler `flint` (the runc shim with flint-oci as its binary, passing com.flint.*
# pod annotations) and takes its pause image from $FLINT_CONTAINERD_PAUSE_IMAGE (default
# localhost/flint/pause:pause), which the tests import. `stop` stops only the daemon this script started.
# On a hybrid cgroup host whose cgroup2 mount has controllers (which crun 1.x refuses: "cgroups in
# hybrid mode not supported"), containerd runs in a private mount namespace in which an empty file
# hides unified/cgroup.controllers, so runc, crun and flint-oci all see a plain v1 host; the
# containers' root filesystem mounts then live in that namespace (see /proc/$(pid)/mountinfo).
# Use it as: ctr --address "$(scripts/containerd.sh socket)" ...
set -euo pipefail

state="${FLINT_CONTAINERD_STATE:-/var/lib/flint/containerd}"
run="${FLINT_CONTAINERD_RUN:-/run/flint/containerd}"
socket="$run/containerd.sock"
pidfile="$run/containerd.pid"
log="$run/containerd.log"
config="$run/config.toml"

ours() {
    [ -f "$pidfile" ] && pid="$(cat "$pidfile")" && [ -d "/proc/$pid" ] && [ "$(cat "/proc/$pid/comm")" = containerd ]
}

answers() {
    [ -S "$socket" ] && ctr --address "$socket" version >/dev/null 2>&1
}

case "${1:-}" in
start)
    if ours; then
        echo "containerd: already running (pid $(cat "$pidfile"))"
        exit 0
    fi
    command -v containerd >/dev/null || { echo "containerd: missing; run scripts/setup-containers.sh" >&2; exit 1; }
    mkdir -p "$state" "$run"
    cat >"$config" <<TOML
version = 2
root = "$state"
state = "$run/state"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${FLINT_CONTAINERD_PAUSE_IMAGE:-localhost/flint/pause:pause}"
  [plugins."io.containerd.grpc.v1.cri".cni]
    conf_dir = "$run/cni"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
    runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.flint]
    runtime_type = "io.containerd.runc.v2"
    pod_annotations = ["com.flint.*"]
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.flint.options]
      BinaryName = "$(command -v flint-oci || echo /usr/local/bin/flint-oci)"
[grpc]
  address = "$socket"
[ttrpc]
  address = "$socket.ttrpc"
[debug]
  address = "$run/debug.sock"
TOML
    launcher=()
    unified=/sys/fs/cgroup/unified/cgroup.controllers
    if [ -n "$(tr -d '[:space:]' <"$unified" 2>/dev/null)" ]; then
        : >"$run/empty-cgroup-controllers"
        launcher=(unshare --mount --propagation private sh -c 'mount --bind "$0" '"$unified"' && exec "$@"' "$run/empty-cgroup-controllers")
    fi
    setsid "${launcher[@]}" containerd --config "$config" </dev/null >"$log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 300); do
        if answers; then
            echo "containerd: started (pid $(cat "$pidfile"), socket $socket)"
            exit 0
        fi
        if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
            echo "containerd: exited; last lines of $log:" >&2
            tail -n 20 "$log" >&2
            exit 1
        fi
        sleep 0.1
    done
    echo "containerd: no answer at $socket after 30 s; see $log" >&2
    exit 1
    ;;
stop)
    if ! ours; then
        echo "containerd: not running (nothing this script started)"
        exit 0
    fi
    pid="$(cat "$pidfile")"
    kill -TERM "$pid"
    for _ in $(seq 1 300); do
        [ -d "/proc/$pid" ] || break
        sleep 0.1
    done
    if [ -d "/proc/$pid" ]; then
        echo "containerd: $pid ignored SIGTERM for 30 s; killing it" >&2
        kill -KILL "$pid"
    fi
    # containerd removes its main socket on the way out, not its ttrpc and debug sockets.
    rm -f "$pidfile" "$socket" "$socket.ttrpc" "$run/debug.sock"
    echo "containerd: stopped"
    ;;
status)
    if ours; then
        echo "running (pid $(cat "$pidfile"), socket $socket)"
    else
        echo "not running"
        exit 3
    fi
    ;;
socket)
    echo "$socket"
    ;;
pid)
    ours && cat "$pidfile"
    ;;
*)
    echo "usage: $0 start|stop|status|socket|pid" >&2
    exit 2
    ;;
esac
