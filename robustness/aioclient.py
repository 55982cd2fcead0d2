"""Minimal asyncio HTTP/1.1 and line-protocol clients for the robustness scripts (127.0.0.1 only)."""

import asyncio


async def read_response(reader):
    """Reads one HTTP response; returns (status, headers dict lower-case, body bytes)."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
    body = b""
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            body += await reader.readexactly(size)
            await reader.readexactly(2)
    elif "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    return status, headers, body


def request(path, method="GET", close=False, extra=""):
    conn = "Connection: close\r\n" if close else ""
    return f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n{conn}{extra}\r\n".encode()


async def open_conn(port, host="127.0.0.1", local=None, timeout=10):
    kw = {"local_addr": (local, 0)} if local else {}
    return await asyncio.wait_for(asyncio.open_connection(host, port, **kw), timeout)
