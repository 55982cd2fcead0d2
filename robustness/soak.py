#!/usr/bin/env python3
"""Soak: a mixed load against one Pollux process for DURATION seconds, sampled every 10 s.

Load: HTTP keep-alive clients (/temp, /api/v1/sensors, /metrics), SSE clients reconnecting every
30 s, TCP `watch all` clients, and connect/disconnect churn on both ports (some polite, some
reset). Every 10 s: RSS, threads, open fds of the server, used heap, and the live heap after a
forced GC (jcmd GC.run). At the end: the slope of heap and RSS after warm-up, fds and threads
before and after, requests lost by the well-behaved clients (must be 0).

    python3 robustness/soak.py --duration 600 --out /tmp/soak
"""

import argparse
import asyncio
import json
import os
import socket
import struct
import threading
import time

import polluxproc as pp
from aioclient import open_conn, read_response, request

stats = {"http_ok": 0, "http_fail": 0, "sse_events": 0, "sse_fail": 0, "watch_lines": 0,
         "watch_fail": 0, "churn": 0, "churn_fail": 0, "errors": []}


def fail(kind, e):
    stats[kind] += 1
    if len(stats["errors"]) < 10:
        stats["errors"].append(f"{kind}: {e!r}")


async def keepalive_client(port, stop, n):
    paths = ["/temp", "/api/v1/sensors", "/healthz", "/api/v1/device"]
    while not stop.is_set():
        try:
            r, w = await open_conn(port)
            for i in range(500):
                if stop.is_set():
                    break
                path = "/metrics" if i % 25 == 0 else paths[(i + n) % len(paths)]
                w.write(request(path))
                status, _, _ = await asyncio.wait_for(read_response(r), 10)
                if status != 200:
                    raise IOError(f"{path} -> {status}")
                stats["http_ok"] += 1
                await asyncio.sleep(0.05)
            w.close()
        except Exception as e:  # noqa: BLE001
            fail("http_fail", e)


async def sse_client(port, stop):
    while not stop.is_set():
        try:
            r, w = await open_conn(port)
            w.write(request("/api/v1/events"))
            await r.readuntil(b"\r\n\r\n")
            end = time.time() + 30
            while time.time() < end and not stop.is_set():
                line = await asyncio.wait_for(r.readline(), 20)
                if not line:
                    raise IOError("event stream closed by the server")
                if line.startswith(b"event: reading"):
                    stats["sse_events"] += 1
            w.close()
        except Exception as e:  # noqa: BLE001
            fail("sse_fail", e)


async def watch_client(port, stop):
    while not stop.is_set():
        try:
            r, w = await open_conn(port)
            await r.readline()
            w.write(b"watch all 1s\n")
            end = time.time() + 60
            while time.time() < end and not stop.is_set():
                line = await asyncio.wait_for(r.readline(), 10)
                if not line or line.startswith(b"ERR"):
                    raise IOError(f"watch line {line!r}")
                stats["watch_lines"] += 1
            w.write(b"quit\n")
            w.close()
        except Exception as e:  # noqa: BLE001
            fail("watch_fail", e)


async def churn(http, tcp, stop):
    i = 0
    while not stop.is_set():
        i += 1
        try:
            if i % 3 == 0:  # connect and reset at once (SO_LINGER 0)
                s = socket.create_connection(("127.0.0.1", http if i % 2 else tcp))
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.close()
            elif i % 3 == 1:
                r, w = await open_conn(http)
                w.write(request("/temp", close=True))
                status, _, _ = await asyncio.wait_for(read_response(r), 10)
                if status != 200:
                    raise IOError(f"/temp -> {status}")
                w.close()
            else:
                r, w = await open_conn(tcp)
                await r.readline()
                w.write(b"temp\nquit\n")
                await asyncio.wait_for(r.readline(), 10)
                if await r.readline() != b"BYE\n":
                    raise IOError("no BYE")
                w.close()
            stats["churn"] += 1
        except Exception as e:  # noqa: BLE001
            fail("churn_fail", e)
        await asyncio.sleep(0.02)


def sampler(server, start, stop, rows, every):
    while not stop.wait(every):
        row = {"t": round(time.time() - start, 1), **pp.proc_status(server.pid)}
        row["heap_used_mib"] = round(pp.heap_used(server.http) / 2**20, 2)
        pp.gc(server.pid)
        row["heap_after_gc_mib"] = round(pp.heap_used(server.http) / 2**20, 2)
        row.update({k: stats[k] for k in ("http_ok", "sse_events", "watch_lines", "churn")})
        rows.append(row)
        print(json.dumps(row), flush=True)


async def load(server, duration):
    stop = asyncio.Event()
    tasks = [asyncio.create_task(keepalive_client(server.http, stop, n)) for n in range(8)]
    tasks += [asyncio.create_task(sse_client(server.http, stop)) for _ in range(4)]
    tasks += [asyncio.create_task(watch_client(server.tcp, stop)) for _ in range(4)]
    tasks += [asyncio.create_task(churn(server.http, server.tcp, stop))]
    await asyncio.sleep(duration)
    stop.set()
    await asyncio.wait(tasks, timeout=30)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=int, default=600)
    ap.add_argument("--warmup", type=int, default=60)
    ap.add_argument("--every", type=float, default=10)
    ap.add_argument("--out", default="/tmp/pollux-soak")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    server = pp.Server(["--simulate", "--interval", "250ms"], log_path=f"{a.out}/server.log")
    time.sleep(3)
    pp.gc(server.pid)
    before = pp.proc_status(server.pid)
    rows, stop, start = [], threading.Event(), time.time()
    t = threading.Thread(target=sampler, args=(server, start, stop, rows, a.every), daemon=True)
    t.start()
    asyncio.run(load(server, a.duration))
    stop.set()
    t.join()
    time.sleep(3)  # let the server see the last closes
    pp.gc(server.pid)
    after = pp.proc_status(server.pid)
    open_now = pp.metric(server.http, "pollux_connections_open")
    exit_status = server.stop()
    warm = [r for r in rows if r["t"] >= a.warmup]
    summary = {
        "duration_s": a.duration, "samples": len(rows), "before": before, "after": after,
        "connections_open_after (incl. the /metrics probe)": open_now,
        "heap_after_gc_slope_kib_per_min": round(1024 * pp.slope_per_minute(
            [(r["t"], r["heap_after_gc_mib"]) for r in warm]), 1),
        "rss_slope_kib_per_min": round(pp.slope_per_minute([(r["t"], r["rss_kib"]) for r in warm]), 1),
        "heap_after_gc_mib_min_max": [min(r["heap_after_gc_mib"] for r in warm),
                                      max(r["heap_after_gc_mib"] for r in warm)] if warm else None,
        "rss_mib_min_max": [round(min(r["rss_kib"] for r in warm) / 1024, 1),
                            round(max(r["rss_kib"] for r in warm) / 1024, 1)] if warm else None,
        "exit_status_after_sigterm": exit_status, **stats,
    }
    with open(f"{a.out}/samples.json", "w") as f:
        json.dump(rows, f, indent=1)
    with open(f"{a.out}/summary.json", "w") as f:
        json.dump(summary, f, indent=1)
    print(json.dumps(summary, indent=1))
    lost = stats["http_fail"] + stats["sse_fail"] + stats["watch_fail"] + stats["churn_fail"]
    ok = lost == 0 and exit_status == 0 and after["fds"] <= before["fds"] + 2
    raise SystemExit(0 if ok else 1)


if __name__ == "__main__":
    main()
