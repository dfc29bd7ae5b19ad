#!/usr/bin/env bash
# Installs the container runtimes and image tools Flint's crun, runc and docker runtimes use,
# from Debian, when they are missing. Idempotent: quiet and offline when everything is present.
set -euo pipefail

packages=(crun runc docker.io containerd umoci skopeo docker-registry)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg -s "$package" >/dev/null 2>&1; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "setup-containers: missing ${missing[*]}; run as root to install them" >&2
    exit 1
fi

echo "setup-containers: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# Other setup scripts may hold the dpkg lock on a shared machine: wait for it.
apt-get -o DPkg::Lock::Timeout=600 update -qq
# docker.io's (and docker-registry's) postinst may try to start its service; on hosts without systemd that is harmless,
# and Flint starts its own daemon with scripts/docker-daemon.sh.
apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
