#!/usr/bin/env python3
"""Hostile peers (the attacks of issue 15) at increasing connection counts, one fresh server each.

The server is the shaded jar with the launcher's own JVM options (packaging/jvm.options, read by
bin/pollux and the package; plus -XX:+UsePerfData, which jstat needs), on 127.0.0.1 with ports 0 and the
default --max-connections (10 000 per listener). For each attack and count it measures, while
the attack is held: the peak used heap (jstat -gc every 250 ms: S0U+S1U+EU+OU), a fresh
client's GET /temp every 0.2 s (p99, failures), and then the outcome:
  survived      alive, no OutOfMemoryError, fresh /temp p99 under 1 s, nothing lost
  slow          alive, no OOM, but p99 over 1 s
  unresponsive  alive, no OOM, but fresh requests failed (5 s deadline)
  OOM ...       OutOfMemoryError in its output: "exit 3" when the JVM ended (ExitOnOutOfMemoryError),
                "alive" when it lived on
and, once the attack's connections are closed, the server's descriptors and live heap (after
jcmd GC.run) against its baseline.

Attacks:
  body       PUT /api/v1/actuators/led_act declaring Content-Length 1048576, 1 byte sent, held
  sensors    GET /api/v1/sensors pipelined as fast as the socket takes it, replies never read
  history    GET /api/v1/sensors/<primary>/history likewise, --interval 50ms
  tls        TCP connections to the HTTPS port that send nothing (--tls-self-signed)
  wsframe    a WebSocket, then a frame declaring 65 535 payload bytes of which 4 are sent
  slowbody   a PUT whose 20-byte body comes one byte every 3 s
  sse        GET /api/v1/events, then never read (receive buffer 2 KiB), --idle-timeout 5s
  tokens     wrong tokens pipelined over HTTP at full speed (answers read and counted)

    ulimit -n 20000; python3 robustness/hostile.py --counts 50,300,1000,10000 --out /tmp/pollux-hostile

The container this was written in has a hard open-file limit of 20 000 (bin/robustness raises the
soft limit to it): 10 000 connections need 10 000 descriptors on each side, so that is the most
one attack can hold here, on one listener.
"""

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import threading
import time

import polluxproc as pp

FLAGS = ["@" + os.path.join(pp.ROOT, "packaging", "jvm.options"), "-XX:+UsePerfData"]
TOKEN = "hostile-peers-token-0123456789"
LISTEN = re.compile(r"pollux: (https|http|tcp) listening on [^:]+:(\d+)")
SOURCES = [f"127.0.0.{i}" for i in range(2, 10)]  # spread the ephemeral ports of 10 000 peers


def jdk_tool(name):
    return os.path.join(os.path.dirname(pp.java()), name)


class Target:
    """The jar with the launcher's flags; its ports from the listener lines."""

    def __init__(self, out, name, extra):
        self.log_path = os.path.join(out, f"{name}.log")
        self.log = open(self.log_path, "w")
        cmd = [pp.java(), *FLAGS, "--enable-native-access=ALL-UNNAMED", "-jar", pp.JAR,
               "--bind", "127.0.0.1", "--http-port", "0", "--tcp-port", "0", "--simulate",
               "--token", TOKEN, *extra]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.log, text=True)
        self.pid = self.proc.pid
        self.ports = {}
        want = {"http", "tcp"} | ({"https"} if "--https-port" in extra else set())
        deadline = time.time() + 60
        while not want <= set(self.ports) and time.time() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                raise SystemExit(f"server exited early, see {self.log_path}")
            m = LISTEN.search(line)
            if m:
                self.ports[m.group(1)] = int(m.group(2))
        self.stdout = []  # ExitOnOutOfMemoryError writes its "Terminating due to ..." line here
        threading.Thread(target=lambda: self.stdout.extend(self.proc.stdout), daemon=True).start()

    def alive(self):
        return self.proc.poll() is None

    def oom(self):
        with open(self.log_path, errors="replace") as f:
            return "OutOfMemoryError" in f.read() + "".join(self.stdout)

    def fds(self):
        return len(os.listdir(f"/proc/{self.pid}/fd"))

    def stop(self):
        if self.alive():
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:  # a server whose loops died ignores SIGTERM
                self.proc.kill()
                self.proc.wait(15)
        self.log.close()
        return self.proc.returncode


def heap_used_kib(pid):
    """Used heap now (jstat -gc, from the perf data file: no attach)."""
    out = subprocess.run([jdk_tool("jstat"), "-gc", str(pid)], capture_output=True, text=True,
                         timeout=30).stdout.split("\n")
    cols = dict(zip(out[0].split(), out[1].split()))
    return sum(float(cols[k]) for k in ("S0U", "S1U", "EU", "OU"))


class HeapPoller(threading.Thread):
    """jstat -gc PID 250: the peak used heap while it runs."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.proc = subprocess.Popen([jdk_tool("jstat"), "-gc", str(pid), "250"],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.peak_kib = 0.0

    def run(self):
        header = None
        for line in self.proc.stdout:
            fields = line.split()
            if not fields:
                continue
            if fields[0] == "S0C":
                header = fields
                continue
            if header and len(fields) == len(header):
                cols = dict(zip(header, fields))
                try:
                    used = sum(float(cols[k]) for k in ("S0U", "S1U", "EU", "OU"))
                except ValueError:
                    continue
                self.peak_kib = max(self.peak_kib, used)

    def stop(self):
        self.proc.kill()
        self.join(5)
        return round(self.peak_kib / 1024, 1)


async def connect(port, i, rcvbuf=None):
    s = socket.socket()
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind((SOURCES[i % len(SOURCES)], 0))
    s.setblocking(False)
    await asyncio.wait_for(asyncio.get_running_loop().sock_connect(s, ("127.0.0.1", port)), 10)
    return await asyncio.open_connection(sock=s)


async def open_many(n, port, opening, rcvbuf=None, within=60):
    """n connections, 200 at a time, each started by `opening(reader, writer)`; those not
    opened within `within` seconds (a server that stopped accepting) count as failed."""
    gate, conns, failed = asyncio.Semaphore(200), [], [0]
    deadline = time.time() + within

    async def one(i):
        async with gate:
            if time.time() > deadline:
                failed[0] += 1
                return
            try:
                r, w = await connect(port, i, rcvbuf)
                conns.append((r, w))
                await opening(r, w)
            except Exception:  # noqa: BLE001 - a refused or reset connection is counted
                failed[0] += 1

    await asyncio.gather(*(one(i) for i in range(n)))
    return conns, failed[0]


def close_all(conns):
    for _, w in conns:
        w.transport.abort()


async def first_lines(conns, seconds):
    """The first line each connection received within `seconds` (or 'none' / 'closed')."""
    async def first(r):
        try:
            line = await asyncio.wait_for(r.readline(), seconds)
            return line.decode("latin-1").strip()[:30] or "closed"
        except (asyncio.TimeoutError, ConnectionError):
            return "none"
    counts = {}
    for line in await asyncio.gather(*(first(r) for r, _ in conns)):
        counts[line] = counts.get(line, 0) + 1
    return counts


def put_head(length, token=TOKEN):
    return (f"PUT /api/v1/actuators/led_act HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n\r\n").encode()


async def attack_body(t, n, hold):
    async def opening(r, w):
        w.write(put_head(1 << 20) + b"{")
    conns, failed = await open_many(n, t.ports["http"], opening)
    answers = await first_lines(conns, hold)
    close_all(conns)
    return {"opened": len(conns), "open_failed": failed, "answers": answers}


async def attack_pipeline(t, n, hold, path):
    one = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    chunk = one * (65536 // len(one))

    async def opening(r, w):
        w.transport.pause_reading()
        w.transport.set_write_buffer_limits(high=1 << 20)
    conns, failed = await open_many(n, t.ports["http"], opening, rcvbuf=4096)
    sent, end = 0, time.time() + hold
    while time.time() < end and t.alive():
        for _, w in conns:
            if not w.transport.is_closing() and w.transport.get_write_buffer_size() < 1 << 20:
                w.write(chunk)
                sent += len(chunk)
        await asyncio.sleep(0.05)
    close_all(conns)
    return {"opened": len(conns), "open_failed": failed, "mib_written": round(sent / 2**20)}


async def attack_tls(t, n, hold):
    async def opening(r, w):
        pass
    conns, failed = await open_many(n, t.ports["https"], opening)
    await asyncio.sleep(hold)
    alive = sum(1 for r, _ in conns if not r.at_eof())
    close_all(conns)
    return {"opened": len(conns), "open_failed": failed, "still_open_after_hold": alive}


def ws_frame_declaring(declared, sent):
    mask = b"\x37\xfa\x21\x3d"
    return bytes([0x82, 0x80 | 126, declared >> 8, declared & 0xff]) + mask + b"xxxx"[:sent]


async def attack_wsframe(t, n, hold):
    port = t.ports["http"]
    statuses = {}

    async def opening(r, w):
        w.write((f"GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = await asyncio.wait_for(r.readuntil(b"\r\n\r\n"), 10)
        status = head.split(b" ", 2)[1].decode()
        statuses[status] = statuses.get(status, 0) + 1
        w.write(ws_frame_declaring(65535, 4))
    conns, failed = await open_many(n, port, opening)
    await asyncio.sleep(hold)
    close_all(conns)
    return {"opened": len(conns), "open_failed": failed, "handshakes": statuses}


async def attack_slowbody(t, n, hold):
    hold = max(hold, 20)  # the 408 comes after the 10 s header-read timeout at the earliest

    async def opening(r, w):
        w.write(put_head(20))
    conns, failed = await open_many(n, t.ports["http"], opening)
    answers_task = asyncio.ensure_future(first_lines(conns, hold))
    end = time.time() + hold
    while time.time() < end and not answers_task.done():
        for _, w in conns:  # the attack: one body byte every 3 s on each connection
            if not w.transport.is_closing():
                w.write(b" ")
        await asyncio.sleep(3)
    answers = await answers_task
    close_all(conns)
    return {"opened": len(conns), "open_failed": failed, "answers": answers}


async def attack_sse(t, n, hold):
    hold = max(hold, 30)  # the queue must fill up, then stay full, before a close is due

    async def opening(r, w):
        w.transport.pause_reading()
        w.write(b"GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    before = t.fds()
    conns, failed = await open_many(n, t.ports["http"], opening, rcvbuf=2048)
    await asyncio.sleep(hold)
    held = t.fds() - before if t.alive() else None
    close_all(conns)
    return {"opened": len(conns), "open_failed": failed, "still_held_by_server_after_hold": held}


async def attack_tokens(t, n, hold):
    counts = {"403": 0, "429": 0, "other": 0}
    one = put_head(12, "wrong-token") + b'{"value": 1}'

    async def guesser(r, w):
        end = time.time() + hold

        async def reader():
            while True:
                line = await r.readline()
                if not line:
                    return
                if line.startswith(b"HTTP/1.1 "):
                    code = line[9:12].decode()
                    counts[code if code in counts else "other"] += 1
        rt = asyncio.ensure_future(reader())
        while time.time() < end and not w.transport.is_closing():
            if w.transport.get_write_buffer_size() < 1 << 20:  # as fast as the server reads
                w.write(one * 64)
                await asyncio.sleep(0)
            else:
                await asyncio.sleep(0.02)
        await asyncio.sleep(1)
        rt.cancel()

    conns, failed = await open_many(n, t.ports["http"], lambda r, w: asyncio.sleep(0))
    await asyncio.gather(*(guesser(r, w) for r, w in conns), return_exceptions=True)
    close_all(conns)
    return {"opened": len(conns), "open_failed": failed, "answers": counts,
            "wrong_tokens_answered_403_per_s": round(counts["403"] / hold)}


ATTACKS = {
    "body": (attack_body, []),
    "sensors": (lambda t, n, h: attack_pipeline(t, n, h, "/api/v1/sensors"), []),
    "history": (lambda t, n, h: attack_pipeline(t, n, h, "/api/v1/sensors/sim_temperature/history"),
                ["--interval", "50ms"]),
    "tls": (attack_tls, ["--https-port", "0", "--tls-handshake-timeout", "5m"]),
    "wsframe": (attack_wsframe, []),
    "slowbody": (attack_slowbody, []),
    "sse": (attack_sse, ["--interval", "50ms", "--idle-timeout", "5s"]),
    "tokens": (attack_tokens, []),
}


def outcome(t, probe):
    if not t.alive():
        return f"OOM (exit {t.proc.returncode})" if t.oom() else f"died (exit {t.proc.returncode})"
    if t.oom():
        return "OOM (alive)"
    if probe.get("failures"):
        return "unresponsive"
    if probe.get("n", 0) and probe["p99_ms"] > 1000:
        return "slow"
    return "survived"


def run_one(a, name, n):
    attack, extra = ATTACKS[name]
    if name == "tls":
        extra = ["--tls-self-signed", os.path.join(a.out, "tls"), *extra]
    t = Target(a.out, f"{name}-{n}", extra)
    row = {"attack": name, "connections": n}
    try:
        time.sleep(1)
        pp.gc(t.pid)
        row["before"] = {"fds": t.fds(), "heap_mib": round(heap_used_kib(t.pid) / 1024, 1)}
        poller = HeapPoller(t.pid)
        poller.start()
        prober = pp.Prober(lambda port: pp.fresh_temp_ms(port, timeout=5), t.ports["http"])
        prober.start()
        row["detail"] = asyncio.run(asyncio.wait_for(attack(t, n, a.hold), a.hold + 120))
        row["fresh_temp"] = prober.stop()
        row["peak_heap_mib"] = poller.stop()
        row["outcome"] = outcome(t, row["fresh_temp"])
        if t.alive():
            deadline = time.time() + 20
            while t.fds() > row["before"]["fds"] + 4 and time.time() < deadline:
                time.sleep(0.5)
            pp.gc(t.pid)
            row["after"] = {"fds": t.fds(), "heap_mib": round(heap_used_kib(t.pid) / 1024, 1)}
        if not t.alive() and "exit" not in row["outcome"]:
            row["outcome"] += f", then died (exit {t.proc.returncode})"
    finally:
        row["exit"] = t.stop()
    print(json.dumps(row), flush=True)
    return row


def got(row):
    """The attackers' side of a row: answers, handshakes, connections still held."""
    d = row.get("detail", {})
    parts = []
    for key in ("answers", "handshakes"):
        if key in d:
            parts.append(", ".join(f"{k or 'empty'}: {v}" for k, v in d[key].items()))
    for key in ("still_open_after_hold", "still_held_by_server_after_hold", "mib_written"):
        if d.get(key) is not None:
            parts.append(f"{key.replace('_', ' ')}: {d[key]}")
    if d.get("open_failed"):
        parts.append(f"{d['open_failed']} not opened")
    return "; ".join(parts).replace("|", "/") or "-"


def table(rows, command):
    lines = [f"```\n{command}\n```", "",
             "| attack | connections | peak heap (MiB) | fresh `/temp` p99 (ms) | outcome | what the attackers got "
             "| fds / live heap (MiB) before → after |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        f = r.get("fresh_temp", {})
        p99 = f"{f['p99_ms']:.0f}" if f.get("n") else "-"
        if f.get("failures"):
            p99 += f" ({f['failures']} of {f['n'] + f['failures']} failed)"
        b, af = r.get("before", {}), r.get("after")
        recovery = (f"{b.get('fds')} / {b.get('heap_mib')} → {af['fds']} / {af['heap_mib']}"
                    if af else f"{b.get('fds')} / {b.get('heap_mib')} → -")
        lines.append(f"| {r['attack']} | {r['connections']} | {r.get('peak_heap_mib', '-')} | {p99} "
                     f"| {r.get('outcome', 'error: ' + r.get('error', '?'))} | {got(r)} | {recovery} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--counts", default="50,300,1000,10000")
    ap.add_argument("--attacks", default=",".join(ATTACKS))
    ap.add_argument("--hold", type=float, default=10, help="seconds each attack is held")
    ap.add_argument("--out", default="/tmp/pollux-hostile")
    ap.add_argument("--table", metavar="JSON", help="only print the table of an earlier run's JSON")
    a = ap.parse_args()
    if a.table:
        with open(a.table) as f:
            print(table(json.load(f), "(from " + a.table + ")"))
        return
    os.makedirs(a.out, exist_ok=True)
    rows = []
    for name in a.attacks.split(","):
        for n in (int(c) for c in a.counts.split(",")):
            try:
                rows.append(run_one(a, name, n))
            except Exception as e:  # noqa: BLE001 - one failed run is a row, not the end
                rows.append({"attack": name, "connections": n, "error": repr(e)[:200]})
                print(json.dumps(rows[-1]), flush=True)
    command = "bin/robustness hostile " + " ".join(
        f"--{k} {v}" for k, v in (("counts", a.counts), ("attacks", a.attacks), ("hold", a.hold)))
    with open(os.path.join(a.out, "hostile.json"), "w") as f:
        json.dump(rows, f, indent=1)
    text = table(rows, command)
    with open(os.path.join(a.out, "hostile.md"), "w") as f:
        f.write(text + "\n")
    print(text)


if __name__ == "__main__":
    main()
