"""Shared helpers of the robustness scripts: start a Pollux server, sample it, probe its latency.

Everything here talks to 127.0.0.1 only. A server is started from the shaded jar
(pollux-server/target/pollux.jar) with ports 0, and its real ports are read from the
"pollux: http listening on ..." lines it prints.
"""

import os
import re
import signal
import socket
import statistics
import subprocess
import threading
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.environ.get("POLLUX_JAR", os.path.join(ROOT, "pollux-server", "target", "pollux.jar"))
LISTEN = re.compile(r"pollux: (http|tcp) listening on [^:]+:(\d+)")


def java():
    home = os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")
    return os.path.join(home, "bin", "java")


class Server:
    """A Pollux process started from the jar; stop() sends SIGTERM and returns the exit status."""

    def __init__(self, args, jvm_args=("-Xmx256m",), log_path=None):
        if not os.path.exists(JAR):
            raise SystemExit(f"{JAR} is missing: mvn -q -DskipTests package -pl pollux-server -am")
        cmd = [java(), *jvm_args, "--enable-native-access=ALL-UNNAMED", "-jar", JAR,
               "--bind", "127.0.0.1", "--http-port", "0", "--tcp-port", "0", *args]
        self.log_path = log_path or f"/tmp/pollux-robustness-{os.getpid()}.log"
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.pid = self.proc.pid
        self.ports = {}
        deadline = time.time() + 60
        while len(self.ports) < 2 and time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit(f"server exited early, see {self.log_path}")
            m = LISTEN.search(line)
            if m:
                self.ports[m.group(1)] = int(m.group(2))
        self.http = self.ports["http"]
        self.tcp = self.ports["tcp"]
        threading.Thread(target=self._drain, daemon=True).start()

    def _drain(self):
        for _ in self.proc.stdout:
            pass

    def stop(self, timeout=30):
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        finally:
            self.log.close()


def proc_status(pid):
    """RSS in KiB, threads, open file descriptors of a process, from /proc."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return {
        "rss_kib": int(fields["VmRSS"].split()[0]),
        "threads": int(fields["Threads"]),
        "fds": len(os.listdir(f"/proc/{pid}/fd")),
    }


def metric(http_port, name, labels=""):
    """One value of /metrics whose line starts with name{labels (labels a prefix), or None."""
    body = http_get(http_port, "/metrics")
    prefix = name + ("{" + labels if labels else "")
    total = None
    for line in body.splitlines():
        if line.startswith(prefix) and (labels or line[len(name)] in " {"):
            total = (total or 0.0) + float(line.rsplit(" ", 1)[1])
    return total


def heap_used(http_port):
    return metric(http_port, "jvm_memory_used_bytes", 'area="heap"')


def gc(pid):
    subprocess.run([os.path.join(os.path.dirname(java()), "jcmd"), str(pid), "GC.run"],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)


def http_get(port, path, timeout=10):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
        return r.read().decode()


def fresh_temp_ms(port, timeout=10.0):
    """Latency in ms of GET /temp on a new connection (connect included); raises on any failure."""
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(b"GET /temp HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
    if not data.startswith(b"HTTP/1.1 200 "):
        raise IOError(f"GET /temp answered {data[:60]!r}")
    return (time.perf_counter() - start) * 1000


def fresh_tcp_ms(port, timeout=10.0):
    """Latency in ms of banner + `temp` on a new TCP-protocol connection."""
    start = time.perf_counter()
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        f = s.makefile("rb")
        f.readline()
        s.sendall(b"temp\n")
        reply = f.readline()
    if not re.match(rb"^-?\d+(\.\d+)?\r?\n$", reply):
        raise IOError(f"temp answered {reply!r}")
    return (time.perf_counter() - start) * 1000


def percentiles(samples):
    if not samples:
        return {"n": 0}
    s = sorted(samples)
    pick = lambda q: s[min(len(s) - 1, int(q * len(s)))]
    return {"n": len(s), "p50_ms": round(pick(0.50), 2), "p99_ms": round(pick(0.99), 2),
            "max_ms": round(s[-1], 2)}


def slope_per_minute(points):
    """Least-squares slope of [(t_seconds, value)] in value units per minute."""
    if len(points) < 3:
        return 0.0
    ts = [p[0] for p in points]
    vs = [p[1] for p in points]
    mt, mv = statistics.fmean(ts), statistics.fmean(vs)
    den = sum((t - mt) ** 2 for t in ts)
    return 60 * sum((t - mt) * (v - mv) for t, v in points) / den if den else 0.0


class Prober(threading.Thread):
    """Measures a fresh client's latency every `every` seconds until stop(); counts failures."""

    def __init__(self, probe, port, every=0.2):
        super().__init__(daemon=True)
        self.probe, self.port, self.every = probe, port, every
        self.samples, self.failures = [], []
        self._halt = threading.Event()

    def run(self):
        while not self._halt.wait(self.every):
            try:
                self.samples.append(self.probe(self.port))
            except Exception as e:  # noqa: BLE001 - every failure is a lost request, counted
                self.failures.append(repr(e))

    def stop(self):
        self._halt.set()
        self.join()
        return {**percentiles(self.samples), "failures": len(self.failures),
                "first_failures": self.failures[:3]}
