#!/usr/bin/env python3
"""Writes the seed corpus: small valid and near-valid inputs for each fuzzing target. Run from anywhere; needs gcc."""
import gzip
import hashlib
import io
import json
import pathlib
import subprocess
import tarfile
import tempfile

here = pathlib.Path(__file__).resolve().parent
tarfile.RECORDSIZE = tarfile.BLOCKSIZE  # no padding to 10 KiB: AFL mutates small inputs best


def seed(target, name, content):
    path = here / target / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode() if isinstance(content, str) else content)


def tar(entries):
    """entries: (name, bytes) for regular files, (name, tarfile.TarInfo type, linkname) for others."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for entry in entries:
            info = tarfile.TarInfo(entry[0])
            info.mtime = 0
            if isinstance(entry[1], bytes):
                info.size = len(entry[1])
                info.mode = 0o755
                t.addfile(info, io.BytesIO(entry[1]))
            else:
                info.type = entry[1]
                info.linkname = entry[2]
                t.addfile(info)
    return out.getvalue()


def gz(content):
    return gzip.compress(content, mtime=0)


def digest(content):
    return "sha256:" + hashlib.sha256(content).hexdigest()


def descriptor(media_type, content):
    return {"mediaType": media_type, "digest": digest(content), "size": len(content)}


def layout(layer, manifest_edit=lambda m: m, extra=()):
    config = json.dumps({
        "created": "1970-01-01T00:00:00Z", "architecture": "amd64", "os": "linux",
        "config": {"Entrypoint": ["/app"], "Env": ["A=b"], "ExposedPorts": {"8080/tcp": {}}, "WorkingDir": "/"},
        "rootfs": {"type": "layers", "diff_ids": [digest(gzip.decompress(layer)) if layer[:2] == b"\x1f\x8b" else digest(layer)]},
    }).encode()
    manifest = json.dumps(manifest_edit({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": descriptor("application/vnd.oci.image.config.v1+json", config),
        "layers": [descriptor("application/vnd.oci.image.layer.v1.tar+gzip", layer)],
    })).encode()
    index = json.dumps({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [descriptor("application/vnd.oci.image.manifest.v1+json", manifest)],
    }).encode()
    blob = lambda c: (f"blobs/sha256/{digest(c)[7:]}", c)
    return tar([("oci-layout", b'{"imageLayoutVersion":"1.0.0"}'), ("index.json", index), blob(manifest), blob(config), blob(layer), *extra])


# ELF: gcc-built static executables without libc (a few hundred bytes), and cut-short headers.
with tempfile.TemporaryDirectory() as work:
    source = pathlib.Path(work, "tiny.c")
    source.write_text("void _start(void) { __asm__ volatile(\"mov $60, %eax\\n xor %edi, %edi\\n syscall\"); }\n")
    for name, flags in [("static", ["-static", "-Wl,-n"]), ("static-pie", ["-static-pie", "-fPIE"])]:
        out = pathlib.Path(work, name)
        subprocess.run(["gcc", "-Os", "-nostdlib", *flags, "-Wl,--build-id=none", "-Wl,--no-warn-rwx-segments", "-s", "-o", str(out), str(source)], check=True)
        seed("elf", f"{name}.elf", out.read_bytes())
    tiny = (here / "elf" / "static.elf").read_bytes()
    seed("elf", "header-only.elf", tiny[:64])
    seed("elf", "short.elf", tiny[:40])

# Layer: a gzip tar holding one executable; near misses: not gzip, cut short, a link.
app = b"\x7fELF" + b"\0" * 60
layer = gz(tar([("app", app)]))
seed("layer", "one-file.tar.gz", layer)
seed("layer", "directory.tar.gz", gz(tar([("bin/", tarfile.DIRTYPE, ""), ("bin/app", app)])))
seed("layer", "plain.tar", tar([("app", app)]))
seed("layer", "cut-short.tar.gz", layer[: len(layer) // 2])
seed("layer", "symlink.tar.gz", gz(tar([("app", tarfile.SYMTYPE, "/etc/passwd")])))

# Layout upload: a whole function image as a tar; near misses: a bad blob name, a link, a layer that is no gzip.
seed("layout", "image.tar", layout(layer))
seed("layout", "two-layers.tar", layout(layer, lambda m: {**m, "layers": m["layers"] * 2}))
seed("layout", "plain-layer.tar", layout(tar([("app", app)])))
seed("layout", "link.tar", tar([("oci-layout", tarfile.SYMTYPE, "/etc/passwd")]))
seed("layout", "stray-file.tar", tar([("oci-layout", b"{}"), ("../escape", b"x")]))

# Deploy bodies.
seed("deploy", "minimal.json", '{"name":"hello","image":"sha256:' + "0" * 64 + '"}')
seed("deploy", "full.json", json.dumps({
    "name": "hello", "image": "/images/hello", "runtime": "process", "mode": "keep-warm",
    "env": {"GREETING": "hi"}, "limits": {"memory": "128Mi", "cpus": 0.5, "pids": 64},
    "idleTimeout": "30s", "maxConcurrency": 4, "maxInstances": 2, "timeout": 2.5, "auth": True}))
seed("deploy", "durations.json", '{"name":"a","image":"x","idleTimeout":"500ms","timeout":"1.5m","limits":{"memory":1048576}}')
seed("deploy", "wrong-types.json", '{"name":1,"image":["x"],"limits":{"memory":"1Ti","cpus":"2"}}')
seed("deploy", "bad-env.json", '{"name":"a","image":"sha256:x","env":{"PORT":"1","a b":"c"}}')

# Hello request heads.
seed("hello-request", "get.txt", "GET /hello?name=x HTTP/1.1\r\nHost: localhost\r\n\r\n")
seed("hello-request", "post.txt", "POST /echo HTTP/1.1\r\nContent-Length: 5\r\nExpect: 100-continue\r\nConnection: keep-alive\r\n\r\n")
seed("hello-request", "http10.txt", "GET / HTTP/1.0\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n")
seed("hello-request", "bad.txt", "GET /\r\nContent-Length: -1\r\n\r\n")
