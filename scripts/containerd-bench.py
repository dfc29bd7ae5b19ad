#!/usr/bin/env python3
"""Cold start through containerd: `ctr run -d` of the same OCI image to its first HTTP response, with
runc, crun and flint-oci (on each VM platform) as the runc binary, measured in one run, rounds
interleaved so that drift on a shared machine hits every runtime alike.

  scripts/containerd-bench.py IMAGE_LAYOUT_DIR [--rounds N] [--out FILE.json]

Expects containerd from scripts/containerd.sh. Prints a Markdown table of medians and the ratio to runc.
"""
import argparse, http.client, json, os, shutil, socket, statistics, subprocess, sys, tempfile, time

NS = "flint-bench"
IMAGE = "localhost/flint-bench/hello:bench"


def ctr(sock, *args, check=True):
    return subprocess.run(["ctr", "--address", sock, "--namespace", NS, *args], capture_output=True, text=True, check=check)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_response(port, deadline):
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/")
            r = c.getresponse()
            r.read()
            c.close()
            if r.status == 200:
                return True
        except OSError:
            time.sleep(0.0002)
    return False


def cold_start(sock, binary, annotation, name):
    port = free_port()
    args = ["run", "-d", "--null-io", "--runc-binary", binary, "--net-host", "--env", f"PORT={port}"]
    if annotation:
        args += ["--annotation", annotation]
    start = time.monotonic()
    ctr(sock, *args, IMAGE, name)
    ok = first_response(port, start + 30)
    elapsed = (time.monotonic() - start) * 1000
    ctr(sock, "task", "kill", "--signal", "SIGKILL", name, check=False)
    for _ in range(500):
        if ctr(sock, "task", "delete", name, check=False).returncode == 0:
            break
        time.sleep(0.01)
    ctr(sock, "containers", "delete", name, check=False)
    if not ok:
        raise SystemExit(f"{name}: no HTTP answer within 30 s")
    return elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("layout")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--out")
    a = parser.parse_args()
    sock = subprocess.run(["scripts/containerd.sh", "socket"], capture_output=True, text=True, check=True).stdout.strip()

    with tempfile.TemporaryDirectory() as tmp:
        tar = os.path.join(tmp, "image.tar")
        subprocess.run(["tar", "-C", a.layout, "-cf", tar, "."], check=True)
        ctr(sock, "images", "import", "--base-name", IMAGE.split(":")[0], tar)
        ref = json.load(open(os.path.join(a.layout, "index.json")))["manifests"][0]["annotations"]["org.opencontainers.image.ref.name"]
        subprocess.run(["ctr", "--address", sock, "--namespace", NS, "images", "tag", "--force", f"{IMAGE.split(':')[0]}:{ref}", IMAGE],
                       capture_output=True, check=True)

    oci = shutil.which("flint-oci") or sys.exit("flint-oci is not on the PATH: run scripts/setup.sh")
    runtimes = [("runc", shutil.which("runc"), None), ("crun", shutil.which("crun"), None)]
    subprocess.run([oci, "features"], capture_output=True, check=True)  # the binary runs here
    kvm = os.path.exists("/dev/kvm")
    if kvm:
        runtimes.append(("flint-oci (kvm)", oci, "com.flint.vm.platform=kvm"))
    runtimes.append(("flint-oci (emulated)", oci, "com.flint.vm.platform=emulated"))
    runtimes = [r for r in runtimes if r[1]]

    samples = {name: [] for name, _, _ in runtimes}
    for name, binary, annotation in runtimes:  # one untimed start each: first-exec costs stay out of the samples
        cold_start(sock, binary, annotation, "warmup")
    for i in range(a.rounds):
        order = runtimes[i % len(runtimes):] + runtimes[:i % len(runtimes)]
        for name, binary, annotation in order:
            samples[name].append(cold_start(sock, binary, annotation, f"bench-{i}"))

    ctr(sock, "images", "rm", IMAGE, check=False)
    for parent in ["/sys/fs/cgroup", *[os.path.join("/sys/fs/cgroup", d) for d in os.listdir("/sys/fs/cgroup")]]:
        try:  # the namespace's cgroup parent, empty once every container is deleted
            os.rmdir(os.path.join(parent, NS))
        except OSError:
            pass
    try:
        os.rmdir(f"/run/containerd/runc/{NS}")
    except OSError:
        pass
    base = statistics.median(samples["runc"]) if "runc" in samples else None
    print(f"| runtime (ctr run -d to first HTTP 200, {a.rounds} rounds) | median ms | p90 ms | vs runc |")
    print("|---|---:|---:|---:|")
    result = {}
    for name, values in samples.items():
        median = statistics.median(values)
        p90 = sorted(values)[int(0.9 * (len(values) - 1))]
        ratio = f"{median / base:.2f}x" if base else "-"
        print(f"| {name} | {median:.1f} | {p90:.1f} | {ratio} |")
        result[name] = {"median_ms": median, "p90_ms": p90, "samples_ms": values}
    if a.out:
        with open(a.out, "w") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
