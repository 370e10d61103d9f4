#!/usr/bin/python3
"""Play systemd's side of sd_notify: bind a datagram socket and log each
message as one line, "SECONDS MESSAGE" (newlines inside shown as "|").

usage: notify_listener.py SOCKET LOG
"""
import os
import signal
import socket
import sys
import time


def main():
    path, log = sys.argv[1], sys.argv[2]
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    start = time.monotonic()
    with open(log, "a", buffering=1) as out:
        open(log + ".ready", "w").close()
        while True:
            data = s.recv(4096).decode("utf-8", "replace")
            out.write("%.3f %s\n" % (time.monotonic() - start, data.replace("\n", "|")))


if __name__ == "__main__":
    main()
