#!/usr/bin/python3
"""A real SMTP peer for the tests: an aiosmtpd server on 127.0.0.1.

    smtp_server.py --port-file F --maildir DIR [--mode MODE] [--delay SECONDS]

It listens on a free port and writes the port number to F once it
accepts connections.  Each accepted message is stored byte for byte
(after dot-unstuffing) as DIR/N.eml, with its envelope in DIR/N.json:
{"mail_from": ..., "rcpt_tos": [...]}.  The .json is written last, so
a test that sees it sees both.  With --delay, an accepted message is
stored at once but answered only SECONDS later: a slow server, and one
that has a message its client may never hear about.

Modes:
  ok              accept every message (the default)
  refuse4xx       answer DATA with 451 (try again later)
  refuse5xx       answer DATA with 554 (rejected for good)
  close-mid-data  close the connection after the first line of DATA
  rcpt-4xx        answer RCPT TO with 450 (mailbox busy)

Runs until SIGTERM or SIGINT, then stops the server and exits 0.
"""

import argparse
import asyncio
import json
import logging
import os
import signal
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP


class Handler:
    """Stores or refuses messages as the mode says."""

    def __init__(self, maildir, mode, delay=0.0):
        self.maildir = maildir
        self.mode = mode
        self.delay = delay
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, options):
        if self.mode == "rcpt-4xx":
            return "450 4.2.1 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "refuse4xx":
            return "451 4.3.0 Temporary local problem, try again later"
        if self.mode == "refuse5xx":
            return "554 5.6.0 Message rejected"
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.maildir, str(n))
        write_file(base + ".eml", envelope.original_content)
        write_file(base + ".json", json.dumps({
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
        }).encode())
        if self.delay > 0:
            await asyncio.sleep(self.delay)
        return "250 2.0.0 OK: queued as %d" % n


def write_file(path, data):
    """Write data to path atomically (tmp file, then rename)."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


class CuttingSMTP(SMTP):
    """An SMTP session that hangs up in the middle of DATA."""

    async def smtp_DATA(self, arg):
        if not self.envelope.rcpt_tos:
            return await super().smtp_DATA(arg)
        await self.push("354 End data with <CR><LF>.<CR><LF>")
        await self._reader.readuntil(b"\r\n")
        self.transport.abort()


class PeerController(Controller):
    """A Controller that binds port 0 and learns which port it got."""

    def __init__(self, handler, mode, port=0, **kw):
        self.mode = mode
        super().__init__(handler, hostname="127.0.0.1", port=port, **kw)

    def factory(self):
        cls = CuttingSMTP if self.mode == "close-mid-data" else SMTP
        return cls(self.handler, **self.SMTP_kwargs)

    def _trigger_server(self):
        # Controller connects to its own port to check it is up: with
        # port 0, that port is only known now.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--maildir", required=True)
    ap.add_argument("--port", type=int, default=0,
                    help="port to listen on (0: any free one)")
    ap.add_argument("--mode", default="ok",
                    choices=["ok", "refuse4xx", "refuse5xx",
                             "close-mid-data", "rcpt-4xx"])
    ap.add_argument("--delay", type=float, default=0.0,
                    help="seconds to wait before answering an accepted DATA")
    args = ap.parse_args()
    # After close-mid-data, aiosmtpd reads the rest of the message as
    # commands and logs each one: noise in the test's output.
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    os.makedirs(args.maildir, exist_ok=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())

    ctl = PeerController(Handler(args.maildir, args.mode, args.delay),
                         args.mode, args.port)
    ctl.start()
    write_file(args.port_file, b"%d\n" % ctl.port)
    while not stop.wait(3600):
        pass
    ctl.stop()


if __name__ == "__main__":
    main()
