#!/usr/bin/env bash
# Installs what Flint needs on a fresh Debian machine, then restores NuGet packages.
# Idempotent and quiet when everything is already there.
#   - build-essential, musl-tools: the C toolchains tests use to build small guest programs
#   - libunicorn2, libunicorn-dev: the Flint VM's emulated CPU, and its header for the interop layout test
#   - umoci, skopeo: OCI tools that must accept Flint's images
#   - librsvg2-bin, fonts-dejavu-core: render the benchmark's SVG charts to PNG (a test checks they render)
#   - wrk: the benchmark's warm-path load, through the gateway and straight to an instance
#   - afl++: the coverage-guided fuzzer scripts/fuzz-parsers.sh runs on the parsers of outside input
#   - chromium: the headless browser the /ui test drives through Playwright (which never downloads one)
#   - container runtimes (crun, runc, docker.io, containerd): scripts/setup-containers.sh
#   - flint-exec, the exec helper of the process runtime (src/flint-exec), built with gcc and installed
#     as /usr/local/libexec/flint/flint-exec when missing or built from another version of its source
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential musl-tools libunicorn2 libunicorn-dev umoci skopeo curl ca-certificates librsvg2-bin fonts-dejavu-core wrk afl++ chromium)
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

helper=/usr/local/libexec/flint/flint-exec
helper_flags="-static -O2 -Wall -Wextra -Werror"
source_sum=$( { sha256sum src/flint-exec/flint-exec.c; echo "$helper_flags"; } | sha256sum | cut -d' ' -f1)
if [[ ! -x $helper || "$(cat "$helper.source-sha256" 2>/dev/null)" != "$source_sum" ]]; then
  echo "setup: building $helper"
  build=$(mktemp -d)
  # Static: one exec with no dynamic loader in front of every function start.
  gcc $helper_flags -o "$build/flint-exec" src/flint-exec/flint-exec.c
  install -D -m 0755 "$build/flint-exec" "$helper"
  echo "$source_sum" > "$helper.source-sha256"
  rm -rf "$build"
fi

# flint-oci: the Flint VM as an OCI runtime for containerd, published NativeAOT (the shim execs it several
# times per container) and installed on the PATH; rebuilt when its sources or the monitor's change.
oci=/usr/local/bin/flint-oci
oci_sum=$(find src/Flint.Oci src/Flint.Runtimes src/Flint.Images src/Flint.Vm src/Flint.Interop -name '*.cs' -o -name '*.csproj' | grep -v '/obj/\|/bin/' | sort \
  | xargs sha256sum | cat - Directory.Build.props global.json | sha256sum | cut -d' ' -f1)
if [[ ! -x $oci || "$(cat "/usr/local/libexec/flint/flint-oci.source-sha256" 2>/dev/null)" != "$oci_sum" ]]; then
  echo "setup: publishing $oci (NativeAOT)"
  build=$(mktemp -d)
  # gcc links: a clang on the PATH (afl++ brings one) would pair with an llvm-objcopy that is not there.
  dotnet publish src/Flint.Oci -c Release -r linux-x64 -p:CppCompilerAndLinker=gcc -o "$build" -nologo -v quiet -clp:ErrorsOnly
  install -D -m 0755 "$build/flint-oci" "$oci"
  mkdir -p /usr/local/libexec/flint
  echo "$oci_sum" > /usr/local/libexec/flint/flint-oci.source-sha256
  rm -rf "$build"
fi

if [[ -x scripts/setup-containers.sh ]]; then
  scripts/setup-containers.sh
fi

dotnet restore Flint.slnx --nologo -v quiet
