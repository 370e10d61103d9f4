#!/usr/bin/python3
"""Slow HTTP clients, for tests/e2e/http_faults.sh.

    slow_clients.py PORT READY_FILE SPEC...

Each SPEC is SOURCE_ADDRESS:COUNT[:MODE]: COUNT connections from
SOURCE_ADDRESS to 127.0.0.1:PORT that send nothing; with MODE trickle, a
request line and then one header byte a second, never ending the head;
with MODE keepalive, one whole request (HTTP/1.1, kept alive), and then
nothing.
Once all are connected, READY_FILE is written.  Then it waits (at most
12 s) until the server has closed every one and prints, for each
connection in order, "SPEC SECONDS" (from its connect to its close;
"open" when still open at the end).
"""
import select
import socket
import sys
import time


def main():
    port, ready = int(sys.argv[1]), sys.argv[2]
    conns = []          # [spec, socket, connected at, trickle]
    for spec in sys.argv[3:]:
        parts = spec.split(":")
        for _ in range(int(parts[1])):
            s = socket.socket()
            s.bind((parts[0], 0))
            s.connect(("127.0.0.1", port))
            conns.append([spec, s, time.monotonic(),
                          parts[2] if len(parts) > 2 else None])
    for c in conns:
        if c[3] == "trickle":
            c[1].sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
        elif c[3] == "keepalive":
            c[1].sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")
    with open(ready, "w") as f:
        f.write("ready\n")
    closed = {}
    start = last_byte = time.monotonic()
    while len(closed) < len(conns) and time.monotonic() - start < 12:
        live = [c for c in conns if id(c) not in closed]
        r, _, _ = select.select([c[1] for c in live], [], [], 0.1)
        now = time.monotonic()
        for c in live:
            if c[1] not in r:
                continue
            try:
                data = c[1].recv(4096)
            except OSError:
                data = b""
            if not data:
                closed[id(c)] = now - c[2]
        if now - last_byte >= 1:
            last_byte = now
            for c in live:
                if c[3] == "trickle" and id(c) not in closed:
                    try:
                        c[1].send(b"x")
                    except OSError:
                        closed[id(c)] = now - c[2]
    for c in conns:
        t = closed.get(id(c))
        print(c[0], "open" if t is None else "%.2f" % t)


main()
