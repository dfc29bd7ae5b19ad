#!/usr/bin/env bash
# Installs what Flint needs on a fresh Debian machine, then restores NuGet packages.
# Idempotent and quiet when everything is already there.
#   - build-essential, musl-tools: the C toolchains tests use to build small guest programs
#   - libunicorn2, libunicorn-dev: the Flint VM's emulated CPU, and its header for the interop layout test
#   - umoci, skopeo: OCI tools that must accept Flint's images
#   - librsvg2-bin, fonts-dejavu-core: render the benchmark's SVG charts to PNG (a test checks they render)
#   - wrk: the benchmark's warm-path load, through the gateway and straight to an instance
#   - container runtimes (crun, runc, docker.io, containerd): scripts/setup-containers.sh
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential musl-tools libunicorn2 libunicorn-dev umoci skopeo curl ca-certificates librsvg2-bin fonts-dejavu-core wrk)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ -x scripts/setup-containers.sh ]]; then
  scripts/setup-containers.sh
fi

dotnet restore Flint.slnx --nologo -v quiet
