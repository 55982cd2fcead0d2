"""Where the bytes of Pollux's start-up cache go: the JVM's AOT cache (JEP 483/514) is mapped at
every start and all of it is resident, so its parts are parts of the idle server's resident memory.

The cache is made as the launchers make it (packaging/pollux-aot: Pollux with packaging/jvm.options
on ephemeral ports of 127.0.0.1, --simulate, one GET each of /temp, /api/v1/sensors and /, then
SIGTERM), in two steps here so that the second, which writes the cache, can log its map
(-Xlog:aot+map=trace: every class, method, constant pool and symbol with its size). Each entry
counts for the class it belongs to: a class, method or constant pool names it, and the arrays
after it are its own. Symbols (names and signatures) are shared by all classes and counted apart.

Run by bin/bench-footprint through footprint.py; alone:
  python3 aot_breakdown.py --java-home JDK --jar pollux-server/target/pollux.jar
"""

import argparse
import collections
import os
import re
import signal
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# The same requests as packaging/pollux-aot's training run.
TRAINING_PATHS = ("/temp", "/api/v1/sensors", "/")

# First match wins: the libraries and Pollux, then the JDK's subsystems Pollux pulls in.
GROUPS = [
    (("dev.pollux.",), "Pollux's own classes"),
    (("picocli.",), "picocli"),
    (("com.fasterxml.jackson.",), "Jackson (jackson-jr)"),
    (("io.prometheus.",), "Prometheus client"),
    (("java.lang.invoke.", "sun.invoke."), "JDK: method handles and lambdas"),
    (("java.lang.foreign.", "jdk.internal.foreign."), "JDK: FFM (the epoll transport's calls)"),
    (("java.lang.classfile.", "jdk.internal.classfile."),
     "JDK: class-file API (spins proxies and FFM stubs)"),
    (("java.nio.", "sun.nio."), "JDK: NIO, files and channels"),
    (("java.time.",), "JDK: java.time"),
    (("java.util.concurrent.",), "JDK: java.util.concurrent"),
    (("java.util.stream.", "java.util.regex.", "java.util.logging.", "sun.util.logging."),
     "JDK: streams, regex, logging"),
    (("java.", "jdk.", "sun.", "javax.", "com.sun."), "JDK: the rest (java.lang, java.util, ...)"),
]
SYMBOLS = "symbols (names and signatures, shared)"
PREAMBLE = "arrays laid out before the first class (not attributed)"

ENTRY = re.compile(r"^0x0*8[0-9a-f]{8}: @@ (\S+)\s+(\d+)\s*(.*)$")
METHOD = re.compile(r"^\S+ ([\w.$]+)\.[\w$<>]+\(")


def group(class_name):
    name = class_name.lstrip("[").replace("/", ".")
    if name.startswith("L"):
        name = name[1:]
    for prefixes, label in GROUPS:
        if name.startswith(prefixes):
            return label
    return "other"


def parse_map(lines):
    """Bytes per group of the metadata entries (the rw and ro regions) of an aot+map log."""
    sizes = collections.Counter()
    owner = PREAMBLE
    for line in lines:
        m = ENTRY.match(line)
        if not m:
            continue
        kind, size, rest = m.group(1), int(m.group(2)), m.group(3)
        if kind == "Symbol":
            sizes[SYMBOLS] += size
            continue
        name = None
        if kind in ("Class", "ConstantPool", "ConstantPoolCache") and rest:
            name = rest.split()[0]
        elif kind in ("Method", "ConstMethod"):
            method = METHOD.match(rest)
            name = method.group(1) if method else None
        if name:
            owner = group(name)
        sizes[owner] += size
    return sizes


def record(java, jar, options, configuration, log):
    """The training run: Pollux answers the training requests, then ends on SIGTERM."""
    from footprint import free_port, http_status  # here: footprint imports this module
    http, tcp = free_port(), free_port()
    command = [java, f"@{options}", "-XX:AOTMode=record", f"-XX:AOTConfiguration={configuration}",
               "-Xlog:aot=off,cds=off", "-jar", jar, "--bind", "127.0.0.1",
               "--http-port", str(http), "--tcp-port", str(tcp), "--simulate",
               "--log-level", "warn"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=open(log, "w"))
    try:
        deadline = time.monotonic() + 60
        while http_status(http, TRAINING_PATHS[0], timeout=0.5) != 200:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"aot_breakdown: the training run did not serve: see {log}")
            time.sleep(0.1)  # the measuring script's own poll, not a test
        for path in TRAINING_PATHS[1:]:
            http_status(http, path, timeout=5)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def cache_breakdown(java_home, jar, options=os.path.join(ROOT, "packaging", "jvm.options")):
    """(total bytes, [(group, bytes)] largest first) of the cache the launchers would make."""
    java = os.path.join(java_home, "bin", "java")
    with tempfile.TemporaryDirectory(prefix="pollux-aot-breakdown-") as top:
        configuration = os.path.join(top, "pollux.aotconf")
        record(java, jar, options, configuration, os.path.join(top, "record.log"))
        map_file = os.path.join(top, "map.txt")
        subprocess.run([java, f"@{options}", "-XX:AOTMode=create",
                        f"-XX:AOTConfiguration={configuration}",
                        f"-XX:AOTCache={os.path.join(top, 'pollux.aot')}",
                        f"-Xlog:aot+map=trace:file={map_file}:none:filesize=0",
                        "-Xlog:aot=off,cds=off", "-jar", jar],
                       check=True, stdout=subprocess.DEVNULL, timeout=300)
        with open(map_file) as f:
            sizes = parse_map(f)
    return sum(sizes.values()), sizes.most_common()


def table(total, parts):
    lines = ["| part of the start-up cache | MB | share |", "| --- | ---: | ---: |"]
    for label, size in parts:
        lines.append(f"| {label} | {size / 1e6:.2f} | {100 * size / total:.0f} % |")
    lines.append(f"| all (classes' metadata; without the archived heap objects) | "
                 f"{total / 1e6:.2f} | 100 % |")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(prog="aot_breakdown.py")
    p.add_argument("--java-home", required=True)
    p.add_argument("--jar", default=os.path.join(ROOT, "pollux-server", "target", "pollux.jar"))
    args = p.parse_args()
    print(table(*cache_breakdown(args.java_home, args.jar)))


if __name__ == "__main__":
    main()
