#!/usr/bin/python3
"""An SMTP sink for the benchmark: Debian's aiosmtpd on 127.0.0.1 that
accepts every message, counts it and throws it away.

    smtp_sink.py --port-file F --log FILE [--save DIR] [--delay SECONDS]

tests/peers/smtp_server.py (whose controller this reuses) writes two
files per message; here the sink's cost per message is one short line
appended to FILE ("SIZE RCPT"), so that the figures are the client's,
not the disk's.  With --save, each message is also kept as DIR/N.eml,
byte for byte: the benchmark takes the mail it replays with curl from
one such (untimed) run.  With --delay, each message is answered only
SECONDS after it was counted: a slow server.

Runs until SIGTERM or SIGINT.
"""

import argparse
import asyncio
import os
import signal
import sys
import threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "tests", "peers"))
from smtp_server import PeerController, write_file  # noqa: E402


class Sink:
    """Counts (one log line each) and optionally keeps messages."""

    def __init__(self, log, save, delay=0.0):
        self.log = open(log, "a", buffering=1)
        self.save = save
        self.delay = delay
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        data = envelope.original_content
        with self.lock:
            self.count += 1
            n = self.count
            self.log.write("%d %s\n" % (len(data), ",".join(envelope.rcpt_tos)))
        if self.save:
            write_file(os.path.join(self.save, "%d.eml" % n), data)
        if self.delay > 0:
            await asyncio.sleep(self.delay)
        return "250 2.0.0 OK: queued as %d" % n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--save")
    ap.add_argument("--delay", type=float, default=0.0)
    args = ap.parse_args()
    if args.save:
        os.makedirs(args.save, exist_ok=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())
    ctl = PeerController(Sink(args.log, args.save, args.delay), "ok")
    ctl.start()
    write_file(args.port_file, b"%d\n" % ctl.port)
    while not stop.wait(3600):
        pass
    ctl.stop()


if __name__ == "__main__":
    main()
