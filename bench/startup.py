#!/usr/bin/python3
"""Time deadlined from exec to READY=1, playing systemd's side of
sd_notify.

    startup.py RUNS SOCKET DAEMON [ARGS...]

Binds a datagram socket at SOCKET, then RUNS times: takes the time just
before spawning DAEMON ARGS with NOTIFY_SOCKET=SOCKET (and no
WATCHDOG_USEC), takes it again when a datagram holding READY=1 arrives,
and stops the daemon (SIGTERM, then SIGKILL after 5 s).  Prints one line
per run ("start N: MS ms") and then "result median_ms=… max_ms=…
runs=N".  Exits 1 when a start gives no READY=1 within 10 s or the daemon
exits first.
"""

import os
import signal
import socket
import statistics
import subprocess
import sys
import time


def one_start(sock, argv, env):
    t0 = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = t0 + 10
    ready = None
    try:
        while ready is None:
            left = deadline - time.monotonic()
            if left <= 0:
                raise SystemExit("startup.py: no READY=1 within 10 s")
            sock.settimeout(min(left, 0.5))
            try:
                data = sock.recv(4096)
            except socket.timeout:
                if proc.poll() is not None:
                    raise SystemExit("startup.py: the daemon exited with %d "
                                     "before READY=1" % proc.returncode)
                continue
            if "READY=1" in data.decode("utf-8", "replace").split("\n"):
                ready = time.monotonic()
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    # Whatever it said while stopping is not for the next start.
    sock.setblocking(False)
    try:
        while sock.recv(4096):
            pass
    except BlockingIOError:
        pass
    return (ready - t0) * 1000


def main():
    runs, path, argv = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    env = {k: v for k, v in os.environ.items() if k != "WATCHDOG_USEC"}
    env["NOTIFY_SOCKET"] = path
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    times = []
    for i in range(runs):
        times.append(one_start(sock, argv, env))
        print("start %d: %.1f ms" % (i + 1, times[-1]), flush=True)
    print("result median_ms=%.3f max_ms=%.3f runs=%d"
          % (statistics.median(times), max(times), runs))


if __name__ == "__main__":
    main()
