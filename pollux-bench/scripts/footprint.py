"""Pollux's footprint beside node_exporter's, on one fake sysfs/procfs tree, one server at a time,
and beside the JVM floor: the least a JVM answering HTTP takes with Pollux's own JVM flags
(pollux-bench's FloorServer, with a start-up cache of its own as the launcher has), which is what
no Java program can go below.

Run by bin/bench-footprint (which builds the jars and raises the open-file limit); see its --help.
Every server listens on 127.0.0.1 only; every wait is bounded; everything started is stopped.

Figures, per server (the issue's targets in parentheses, for Pollux):
  start      exec to the first 200 (Pollux: GET /temp; node_exporter: GET /metrics)  (<= 300 ms)
  rss_idle   resident memory after IDLE seconds idle                                   (<= 40 MB)
  threads    threads when idle                                                          (<= 8)
  wakeups    context switches per second of all threads while idle                     (<= 10)
  cpu_idle   CPU while idle, % of one core                                              (<= 0.5 %)
  rss_1000   resident memory with 1 000 clients: half SSE, half TCP 'watch all'       (<= 64 MB)
  conn_heap  heap per idle keep-alive HTTP connection, 10 000 held, after a full GC    (<= 1 KB)
  conn_rss   resident memory per idle keep-alive HTTP connection, 10 000 held         (<= 2 KB)

Then the parts of Pollux's start-up cache, whose classes are most of its idle resident memory
(aot_breakdown.py).
"""

import argparse
import asyncio
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

import aot_breakdown

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CLK_TCK = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")


def fake_tree(top):
    """A Raspberry-Pi-like tree: the SoC zone, an hwmon chip, load, memory, CPU times, uptime."""
    sysfs, procfs = os.path.join(top, "sys"), os.path.join(top, "proc")

    def put(path, text):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)

    zone = os.path.join(sysfs, "class/thermal/thermal_zone0")
    put(zone + "/type", "cpu-thermal\n")
    put(zone + "/temp", "48312\n")
    chip = os.path.join(sysfs, "class/hwmon/hwmon0")
    put(chip + "/name", "rpi_volt\n")
    put(chip + "/in0_lcrit_alarm", "0\n")
    put(procfs + "/loadavg", "0.52 0.58 0.59 1/123 4567\n")
    put(procfs + "/meminfo", "MemTotal:        1000000 kB\nMemFree:          300000 kB\n"
        "MemAvailable:     250000 kB\nBuffers:           10000 kB\nCached:           200000 kB\n"
        "SwapTotal:             0 kB\nSwapFree:              0 kB\n")
    put(procfs + "/stat", "cpu  100 0 50 1000 5 0 0 0 0 0\ncpu0 100 0 50 1000 5 0 0 0 0 0\n"
        "intr 0\nctxt 0\nbtime 1700000000\nprocesses 1\nprocs_running 1\nprocs_blocked 0\n")
    put(procfs + "/uptime", "1234.5 2345.6\n")
    return sysfs, procfs


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_status(port, path, timeout=1.0):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
            return r.status
    except Exception:  # not up yet: refused, reset, timed out
        return None


def proc_status(pid):
    with open(f"/proc/{pid}/status") as f:
        return dict(line.split(":", 1) for line in f if ":" in line)


def rss_bytes(pid):
    return int(proc_status(pid)["VmRSS"].split()[0]) * 1024


def threads(pid):
    return int(proc_status(pid)["Threads"])


def context_switches(pid):
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        total += int(line.split(":")[1])
        except FileNotFoundError:  # a thread that ended meanwhile
            pass
    return total


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))


class Contestant:
    """One server process: how to start it and which path answers 200 once it serves."""

    def __init__(self, name, command, port, probe, env=None, java_home=None, serves=True):
        self.name, self.command, self.port, self.probe = name, command, port, probe
        self.env, self.java_home, self.proc = env, java_home, None
        self.serves = serves  # False: only the start and idle figures (the JVM floor)

    def start(self):
        begin = time.monotonic()
        self.proc = subprocess.Popen(self.command, env=self.env, stdout=subprocess.DEVNULL,
                                     stderr=open(f"/tmp/footprint-{self.name}.log", "w"))
        deadline = begin + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited early: see /tmp/footprint-{self.name}.log")
            if http_status(self.port, self.probe, timeout=0.5) == 200:
                return time.monotonic() - begin
            time.sleep(0.002)  # the measuring script's own poll, not a test
        raise SystemExit(f"{self.name} did not answer {self.probe} within 60 s")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def heap_used_after_gc(self):
        """Heap in use after a full GC, from jcmd; None for a process that is not a JVM."""
        if not self.java_home:
            return None
        jcmd = os.path.join(self.java_home, "bin", "jcmd")
        subprocess.run([jcmd, str(self.proc.pid), "GC.run"], capture_output=True, timeout=60)
        out = subprocess.run([jcmd, str(self.proc.pid), "GC.heap_info"], capture_output=True,
                             text=True, timeout=60).stdout
        # Serial (JDK 25): "DefNew total ..K, used ..K" and "Tenured total ..K, used ..K"; G1:
        # "garbage-first heap total ..K, used ..K". Metaspace and class space are not heap.
        used = re.findall(r"(?m)^\s*(?!Metaspace|class space)\S.*?total \d+K, used (\d+)K", out)
        return sum(int(u) for u in used) * 1024 if used else None


def idle_figures(c, idle_seconds):
    """RSS, threads, wake-ups/s and CPU % after idle_seconds without a client."""
    pid = c.proc.pid
    window = min(idle_seconds, 30)
    time.sleep(idle_seconds - window)
    switches, ticks, t0 = context_switches(pid), cpu_ticks(pid), time.monotonic()
    time.sleep(window)
    elapsed = time.monotonic() - t0
    return {
        "rss_idle": rss_bytes(pid),
        "threads": threads(pid),
        "wakeups": (context_switches(pid) - switches) / elapsed,
        "cpu_idle": 100.0 * (cpu_ticks(pid) - ticks) / CLK_TCK / elapsed,
    }


async def hold_streams(http_port, tcp_port, count, settle_seconds, measure):
    """count clients, half SSE on /api/v1/events and half TCP 'watch all', all reading; measure()."""
    streams, readers = [], []

    async def drain(reader):
        try:
            while await reader.read(65536):
                pass
        except (ConnectionError, asyncio.CancelledError):
            pass

    for i in range(count):
        if i % 2 == 0:
            r, w = await asyncio.open_connection("127.0.0.1", http_port)
            w.write(b"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        else:
            r, w = await asyncio.open_connection("127.0.0.1", tcp_port)
            w.write(b"watch all\n")
        streams.append(w)
        readers.append(asyncio.ensure_future(drain(r)))
    await asyncio.sleep(settle_seconds)
    result = measure()
    for w in streams:
        w.close()
    for r in readers:
        r.cancel()
    await asyncio.gather(*readers, return_exceptions=True)
    return result


def established(ports):
    """Connections a server on ports still holds (established, or closed by the peer but not yet
    by the server), from /proc/net/tcp{,6}."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as f:
                next(f)
                for row in f:
                    fields = row.split()
                    if fields[3] in ("01", "08") and int(fields[1].rsplit(":", 1)[1], 16) in ports:
                        count += 1
        except FileNotFoundError:
            pass
    return count


def wait_until_closed(ports, seconds):
    """Until the server holds no connection on ports (a stream notices its client's close at its
    next write, up to a sample interval later), or seconds pass."""
    deadline = time.monotonic() + seconds
    while established(ports) and time.monotonic() < deadline:
        time.sleep(0.1)  # the measuring script's own poll, not a test
    left = established(ports)
    if left:
        print(f"footprint: {left} connections still held {seconds} s after their clients closed",
              file=sys.stderr)


def hold_idle_connections(c, bench_jar, java, connections):
    """10 000 idle keep-alive connections held by the harness's IdleConnections; per-connection
    heap (after a full GC) and resident memory, as (heap_bytes, rss_bytes)."""
    heap0, rss0 = c.heap_used_after_gc(), rss_bytes(c.proc.pid)
    holder = subprocess.Popen(
        [java, "-cp", bench_jar, "dev.pollux.bench.load.IdleConnections", "--port", str(c.port),
         "--connections", str(connections), "--path", c.probe],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        stderr=open(f"/tmp/footprint-{c.name}-idle-connections.log", "w"))
    try:
        deadline = time.monotonic() + 180
        line = ""
        while time.monotonic() < deadline:
            line = holder.stdout.readline()
            if not line or line.startswith("idle-connections: ready"):
                break
        held = int(re.search(r"held=(\d+)", line).group(1)) if "held=" in line else 0
        if held < connections * 0.99:
            print(f"footprint: {c.name}: the harness held too few connections: {line.strip()!r}"
                  f" (why: /tmp/footprint-{c.name}-idle-connections.log)", file=sys.stderr)
            return None, None
        time.sleep(2)
        heap1, rss1 = c.heap_used_after_gc(), rss_bytes(c.proc.pid)
    finally:
        holder.stdin.close()
        try:
            holder.wait(60)
        except subprocess.TimeoutExpired:
            holder.kill()
    heap = (heap1 - heap0) / held if heap0 is not None and heap1 is not None else None
    return heap, (rss1 - rss0) / held


def measure(c, args, bench_jar, java):
    # The median of five starts: one start's time moves by a third with what else the machine runs.
    starts = []
    for _ in range(4):
        starts.append(c.start())
        c.stop()
    starts.append(c.start())
    figures = {"start": statistics.median(starts)}
    print(f"footprint: {c.name}: starts {[round(s * 1000) for s in starts]} ms", file=sys.stderr)
    try:
        figures.update(idle_figures(c, args.idle))
        if c.name == "pollux":
            figures["rss_1000"] = asyncio.run(hold_streams(
                c.port, c.tcp_port, args.clients, args.hold, lambda: rss_bytes(c.proc.pid)))
            # The next figure needs every one of the --max-connections: the streams must be gone.
            wait_until_closed({c.port, c.tcp_port}, 30)
        if args.conns and c.serves:
            figures["conn_heap"], figures["conn_rss"] = hold_idle_connections(
                c, bench_jar, java, args.conns)
    finally:
        c.stop()
    return figures


ROWS = [
    ("start", "exec to first 200", lambda v: f"{v * 1000:.0f} ms", "<= 300 ms"),
    ("rss_idle", "resident memory, idle", lambda v: f"{v / 1e6:.1f} MB", "<= 40 MB"),
    ("rss_1000", "resident memory, 1 000 clients (SSE + TCP watch)", lambda v: f"{v / 1e6:.1f} MB",
     "<= 64 MB"),
    ("threads", "threads, idle", lambda v: f"{v}", "<= 8"),
    ("wakeups", "wake-ups per second, idle", lambda v: f"{v:.1f}", "<= 10"),
    ("cpu_idle", "CPU, idle (% of one core)", lambda v: f"{v:.2f} %", "<= 0.5 %"),
    ("conn_heap", "heap per idle keep-alive connection", lambda v: f"{v:.0f} B", "<= 1 KB"),
    ("conn_rss", "resident memory per idle keep-alive connection", lambda v: f"{v:.0f} B",
     "<= 2 KB"),
]


HEADS = {"floor": "JVM floor (Pollux's flags)"}


def floor_server(java, bench_jar, java_home, top):
    """The JVM floor: FloorServer with the launcher's JVM options and environment, and an AOT
    cache trained once here as the launcher trains Pollux's (a short run, one request, SIGTERM)."""
    options = os.path.join(ROOT, "packaging", "jvm.options")
    env = dict(os.environ, JAVA_HOME=java_home, MALLOC_ARENA_MAX="2")  # as bin/pollux sets it
    cache = os.path.join(top, "floor.aot")
    port = free_port()
    base = [java, f"@{options}"]
    tail = ["-Xlog:aot=off,cds=off", "-cp", bench_jar, "dev.pollux.bench.peers.FloorServer",
            str(port)]
    training = Contestant("floor", base + [f"-XX:AOTCacheOutput={cache}"] + tail, port, "/",
                          env=env)
    training.start()
    training.stop()
    if not os.path.exists(cache):
        raise SystemExit("footprint: the JVM floor's training wrote no AOT cache: see "
                         "/tmp/footprint-floor.log")
    return Contestant("floor", base + [f"-XX:AOTCache={cache}"] + tail, port, "/", env=env,
                      java_home=java_home, serves=False)


def table(results, names):
    head = ("| figure | " + " | ".join(HEADS.get(n, n) for n in names)
            + " | Pollux / node_exporter | target (Pollux) |")
    lines = [head, "|" + " --- |" * (len(names) + 3)]
    for key, label, fmt, target in ROWS:
        cells = [fmt(results[n][key]) if results[n].get(key) is not None else "n/a" for n in names]
        a, b = results[names[0]].get(key), results[names[-1]].get(key)
        ratio = f"{a / b:.1f}x" if a is not None and b not in (None, 0) else "n/a"
        lines.append(f"| {label} | " + " | ".join(cells) + f" | {ratio} | {target} |")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(prog="bin/bench-footprint")
    p.add_argument("--idle", type=int, default=60, help="idle seconds before measuring (60)")
    p.add_argument("--clients", type=int, default=1000, help="streaming clients (1000)")
    # Long enough for the heap to show where it settles: garbage promoted at every sample would
    # grow the old generation for minutes before a full collection, which 10 s hide.
    p.add_argument("--hold", type=int, default=60, help="seconds the clients are held (60)")
    p.add_argument("--conns", type=int, default=10000, help="idle keep-alive connections (10000)")
    p.add_argument("--java-home", required=True)
    p.add_argument("--bench-jar", required=True)
    p.add_argument("--launcher", default=os.path.join(ROOT, "bin", "pollux"))
    p.add_argument("--node-exporter", default="/usr/bin/prometheus-node-exporter")
    p.add_argument("--out", help="markdown file to write the table and the commands to")
    p.add_argument("--cache-out", help="markdown file to write the start-up cache's parts to")
    args = p.parse_args()
    java = os.path.join(args.java_home, "bin", "java")

    with tempfile.TemporaryDirectory(prefix="pollux-footprint-") as top:
        sysfs, procfs = fake_tree(top)
        http, tcp = free_port(), free_port()
        pollux = Contestant(
            "pollux", [args.launcher, "--bind", "127.0.0.1", "--http-port", str(http),
                       "--tcp-port", str(tcp), "--sysfs", sysfs, "--procfs", procfs, "--simulate",
                       # the 10 000 held connections must outlive the default 60 s idle timeout
                       "--idle-timeout", "10m"],
            http, "/temp", env=dict(os.environ, JAVA_HOME=args.java_home),
            java_home=args.java_home)
        pollux.tcp_port = tcp
        nport = free_port()
        node = Contestant(
            "node_exporter", [args.node_exporter, f"--web.listen-address=127.0.0.1:{nport}",
                              f"--path.sysfs={sysfs}", f"--path.procfs={procfs}",
                              # its default answers 503 past 40 concurrent requests, which
                              # would refuse the held connections' first request
                              "--web.max-requests=0"],
            nport, "/metrics")
        floor = floor_server(java, args.bench_jar, args.java_home, top)
        results = {}
        for c in (pollux, floor, node):
            print(f"footprint: measuring {c.name} ({' '.join(c.command)})", file=sys.stderr)
            results[c.name] = measure(c, args, args.bench_jar, java)
            print(f"footprint: {c.name}: {results[c.name]}", file=sys.stderr)

    out = table(results, ["pollux", "floor", "node_exporter"])
    print(out)
    if args.out:
        with open(args.out, "w") as f:
            f.write(out + "\n")
    print("footprint: the parts of the start-up cache (aot_breakdown.py)", file=sys.stderr)
    jar = os.path.join(ROOT, "pollux-server", "target", "pollux.jar")
    parts = aot_breakdown.table(*aot_breakdown.cache_breakdown(args.java_home, jar))
    print(parts)
    if args.cache_out:
        with open(args.cache_out, "w") as f:
            f.write(parts + "\n")


if __name__ == "__main__":
    main()
