#!/usr/bin/env python3
"""Floods and slow clients against one Pollux process, each phase bounded in count and time.

Phases (127.0.0.1 only), each measuring a fresh client's latency (GET /temp on a new HTTP
connection, or banner + `temp` on a new TCP one) every 0.2 s, and the server's RSS, heap, fds:
  idle-http / idle-tcp  N idle connections held on one port (default 10 000)
  slowloris             S clients sending one header byte every few seconds
  no-read-http          clients pipelining GET /api/v1/sensors without reading
  no-read-tcp           clients `watch all 100ms` + pipelined `list` without reading
  reset-storm           connect-and-reset (SO_LINGER 0) as fast as possible for D seconds
  random-bytes          clients sending random bytes to both ports
  sigterm               SIGTERM while keep-alive clients run: exit status, requests lost

    ulimit -n 20000; python3 robustness/floods.py --idle 10000 --out /tmp/pollux-floods
"""

import argparse
import asyncio
import json
import os
import random
import socket
import struct
import time

import polluxproc as pp
from aioclient import open_conn, read_response, request


def snapshot(server):
    s = pp.proc_status(server.pid)
    s["heap_used_mib"] = round(pp.heap_used(server.http) / 2**20, 1)
    s["rss_mib"] = round(s.pop("rss_kib") / 1024, 1)
    return s


async def phase(name, server, attack, probe_http=True, probe_tcp=True):
    probes = []
    if probe_http:
        probes.append(("http", pp.Prober(pp.fresh_temp_ms, server.http)))
    if probe_tcp:
        probes.append(("tcp", pp.Prober(pp.fresh_tcp_ms, server.tcp)))
    for _, p in probes:
        p.start()
    start = time.time()
    detail = await attack()
    during = snapshot(server)
    result = {"phase": name, "seconds": round(time.time() - start, 1), **detail,
              "server_during": during}
    for kind, p in probes:
        result["fresh_" + kind] = p.stop()
    print(json.dumps(result), flush=True)
    return result


async def hold_idle(port, n, hold, server, sources):
    conns, failed = [], 0
    for i in range(n):
        try:
            conns.append(await open_conn(port, local=sources[i % len(sources)]))
        except Exception:  # noqa: BLE001
            failed += 1
    open_metric = pp.metric(server.http, "pollux_connections_open")
    await asyncio.sleep(hold)
    alive = sum(1 for r, w in conns if not r.at_eof())
    for _, w in conns:
        w.close()
    return {"asked": n, "opened": len(conns), "open_failed": failed,
            "server_connections_open_metric": open_metric, "still_open_after_hold": alive}


async def slowloris(port, n, seconds, gap):
    conns, answers = [], {}

    async def first_answer(r, start):
        try:
            data = await r.read(200)
            key = data.split(b"\r\n")[0].decode() or "closed"
        except Exception as e:  # noqa: BLE001
            key = type(e).__name__
        answers.setdefault(key, []).append(time.time() - start)

    for _ in range(n):
        try:
            r, w = await open_conn(port)
            conns.append((r, w, asyncio.create_task(first_answer(r, time.time()))))
        except Exception:  # noqa: BLE001
            pass
    head = b"GET /temp HTTP/1.1\r\nHost: x\r\nX-a: " + b"b" * 10000
    end, i = time.time() + seconds, 0
    while time.time() < end:
        for r, w, t in conns:
            if not t.done():
                w.write(head[i:i + 1])
        i += 1
        await asyncio.sleep(gap)
    pending = sum(1 for _, _, t in conns if not t.done())
    for _, w, t in conns:
        t.cancel()
        w.close()
    return {"clients": len(conns), "byte_every_s": gap,
            "answers": {k: {"n": len(v), "after_s_max": round(max(v), 1)} for k, v in answers.items()},
            "still_waiting": pending}


async def no_read(port, n, seconds, payload, banner):
    conns = []
    for _ in range(n):
        r, w = await open_conn(port)
        w.transport.set_write_buffer_limits(high=1 << 20)
        conns.append((r, w))
        w.transport.pause_reading()
    sent, end = 0, time.time() + seconds
    while time.time() < end:
        for r, w in conns:
            if w.transport.get_write_buffer_size() < 1 << 20:
                w.write(payload)
                sent += len(payload)
        await asyncio.sleep(0.05)
    for _, w in conns:
        w.transport.abort()
    return {"clients": n, "bytes_sent_total": sent}


async def reset_storm(ports, seconds):
    n, end = 0, time.time() + seconds
    while time.time() < end:
        for port in ports:
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            s.connect(("127.0.0.1", port))
            s.close()
            n += 1
        await asyncio.sleep(0)
    return {"connect_reset": n}


async def random_bytes(ports, n, rng):
    answers = {}
    for i in range(n):
        port = ports[i % len(ports)]
        r, w = await open_conn(port)
        w.write(bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 6000))))
        try:
            data = await asyncio.wait_for(r.read(4096), 10)
        except Exception as e:  # noqa: BLE001
            data = repr(e).encode()
        first = data.split(b"\n")[1 if port == ports[1] else 0][:40] if data else b"closed"
        key = ("http " if port == ports[0] else "tcp ") + first.decode("latin-1").strip()
        key = key if len(key) < 40 else key[:40]
        answers[key] = answers.get(key, 0) + 1
        w.close()
    return {"clients": n, "first_reply_lines": dict(sorted(answers.items(), key=lambda kv: -kv[1])[:8])}


async def sigterm_under_load(server):
    ok, lost, stop = [0], [], asyncio.Event()

    async def client():
        r, w = await open_conn(server.http)
        while not stop.is_set():
            w.write(request("/api/v1/sensors"))
            try:
                status, headers, body = await asyncio.wait_for(read_response(r), 10)
            except asyncio.IncompleteReadError as e:
                if e.partial:  # a response cut in the middle is a lost request
                    lost.append("partial response")
                return
            if status != 200:
                lost.append(status)
            ok[0] += 1
            if headers.get("connection", "") == "close":
                return

    tasks = [asyncio.create_task(client()) for _ in range(20)]
    await asyncio.sleep(3)
    t0 = time.time()
    status = await asyncio.to_thread(server.stop)
    stop.set()
    await asyncio.wait(tasks, timeout=10)
    return {"clients": 20, "responses_ok": ok[0], "responses_cut": len(lost),
            "exit_status": status, "shutdown_s": round(time.time() - t0, 2)}


async def main_async(a):
    rng = random.Random(a.seed)
    out = []
    sources = [f"127.0.0.{i}" for i in range(1, 5)]
    args = ["--simulate", "--max-connections", str(a.idle + 500), "--idle-timeout", "5m"]
    server = pp.Server(args, log_path=f"{a.out}/server.log")
    await asyncio.sleep(2)
    out.append({"phase": "baseline", "server": snapshot(server)})
    out.append(await phase("idle-http", server, lambda: hold_idle(server.http, a.idle, a.hold, server, sources), probe_tcp=False))
    out.append(await phase("idle-tcp", server, lambda: hold_idle(server.tcp, a.idle, a.hold, server, sources), probe_http=False))
    out.append(await phase("slowloris", server, lambda: slowloris(server.http, a.slow, 25, 3.0)))
    sensors = request("/api/v1/sensors") * 50
    out.append(await phase("no-read-http", server, lambda: no_read(server.http, 50, 15, sensors, False)))
    out.append(await phase("no-read-tcp", server, lambda: no_read(server.tcp, 50, 15, b"watch all 100ms\n" + b"list\n" * 200, True)))
    out.append(await phase("reset-storm", server, lambda: reset_storm([server.http, server.tcp], 15)))
    out.append(await phase("random-bytes", server, lambda: random_bytes([server.http, server.tcp], 400, rng)))
    await asyncio.sleep(3)
    out.append({"phase": "after", "server": snapshot(server),
                "connections_open_metric": pp.metric(server.http, "pollux_connections_open")})
    out.append({"phase": "sigterm", **(await sigterm_under_load(server))})
    print(json.dumps(out[-2:]), flush=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--idle", type=int, default=10000)
    ap.add_argument("--hold", type=float, default=15)
    ap.add_argument("--slow", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", default="/tmp/pollux-floods")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    out = asyncio.run(main_async(a))
    with open(f"{a.out}/floods.json", "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
