#!/usr/bin/python3
"""A real SMTP peer for the tests: an aiosmtpd server on 127.0.0.1.

    smtp_server.py --port-file F [--maildir DIR] [--mode MODE]
                   [--delay SECONDS] [--idle-timeout SECONDS]
                   [--tls starttls|implicit --cert PEM --key PEM]
                   [--unknown ADDRESS]...

It listens on a free port and writes the port number to F once it
accepts connections.  Each accepted message is stored byte for byte
(after dot-unstuffing) as DIR/N.eml, with its envelope in DIR/N.json:
{"mail_from": ..., "rcpt_tos": [...], "peer": the client's port, which
tells connections apart, "tls": the TLS version it came over, or null}.  The .json is written last, so a test that
sees it sees both.  Without --maildir, messages are accepted and
dropped (a sink for benchmarks).  With --delay, an accepted message is
stored at once but answered only SECONDS later: a slow server, and one
that has a message its client may never hear about.  Each QUIT
appends the client's port to DIR/quit.log.  With
--idle-timeout, a client silent that long is told 421 and hung up on,
as Postfix does.  Each --unknown ADDRESS is a mailbox that does not
exist: RCPT TO for it is answered 550 5.1.1, as Postfix answers it.

With --tls starttls the server offers STARTTLS with the certificate
chain --cert (and its key --key) and refuses MAIL before it (530); with
--tls implicit it speaks TLS from the first byte (smtps://).

Modes:
  ok              accept every message (the default)
  refuse4xx       answer DATA with 451 (try again later)
  refuse5xx       answer DATA with 554 (rejected for good)
  close-mid-data  close the connection after the first line of DATA
  rcpt-4xx        answer RCPT TO with 450 (mailbox busy)
  close-after-mail  hang up right after answering each message
  close-on-reuse  a connection takes one message; the next MAIL FROM on
                  it is answered by hanging up (as if it had been closed
                  for idling just as the client spoke)

Runs until SIGTERM or SIGINT, then stops the server and exits 0.
"""

import argparse
import asyncio
import json
import logging
import os
import signal
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP


class Handler:
    """Stores or refuses messages as the mode says."""

    def __init__(self, maildir, mode, delay=0.0, unknown=()):
        self.maildir = maildir
        self.mode = mode
        self.delay = delay
        self.unknown = set(unknown)
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, options):
        if self.mode == "rcpt-4xx":
            return "450 4.2.1 Mailbox busy, try again later"
        if address in self.unknown:
            return ("550 5.1.1 <%s>: Recipient address rejected: User "
                    "unknown in local recipient table" % address)
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
        if self.maildir is not None:
            base = os.path.join(self.maildir, str(n))
            write_file(base + ".eml", envelope.original_content)
            tls = server.transport.get_extra_info("ssl_object")
            write_file(base + ".json", json.dumps({
                "mail_from": envelope.mail_from,
                "rcpt_tos": envelope.rcpt_tos,
                "peer": session.peer[1],
                "tls": tls.version() if tls is not None else None,
            }).encode())
        if self.delay > 0:
            await asyncio.sleep(self.delay)
        return "250 2.0.0 OK: queued as %d" % n


    async def handle_QUIT(self, server, session, envelope):
        if self.maildir is not None:
            with self.lock, open(os.path.join(self.maildir, "quit.log"),
                                 "a") as f:
                f.write("%d\n" % session.peer[1])
        return "221 Bye"


def write_file(path, data):
    """Write data to path atomically (tmp file, then rename)."""
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.rename(tmp, path)


class PeerSMTP(SMTP):
    """An SMTP session that misbehaves as the mode says."""

    def __init__(self, handler, mode, **kw):
        self.mode = mode
        self.mails = 0      # transactions on this connection
        super().__init__(handler, **kw)

    async def smtp_MAIL(self, arg):
        if self.mode == "close-on-reuse" and self.mails > 0:
            self.transport.abort()
            return
        await super().smtp_MAIL(arg)

    async def smtp_DATA(self, arg):
        if self.mode == "close-mid-data" and self.envelope.rcpt_tos:
            await self.push("354 End data with <CR><LF>.<CR><LF>")
            await self._reader.readuntil(b"\r\n")
            self.transport.abort()
            return
        await super().smtp_DATA(arg)
        self.mails += 1
        if self.mode == "close-after-mail":
            self.transport.close()

    def _timeout_cb(self):
        self.transport.write(b"421 4.4.2 Idle timeout, closing connection\r\n")
        super()._timeout_cb()


class PeerController(Controller):
    """A Controller that binds port 0 and learns which port it got."""

    def __init__(self, handler, mode, port=0, **kw):
        self.mode = mode
        super().__init__(handler, hostname="127.0.0.1", port=port, **kw)

    def factory(self):
        return PeerSMTP(self.handler, self.mode, **self.SMTP_kwargs)

    def _trigger_server(self):
        # Controller connects to its own port to check it is up: with
        # port 0, that port is only known now.
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--maildir")
    ap.add_argument("--port", type=int, default=0,
                    help="port to listen on (0: any free one)")
    ap.add_argument("--mode", default="ok",
                    choices=["ok", "refuse4xx", "refuse5xx",
                             "close-mid-data", "rcpt-4xx",
                             "close-after-mail", "close-on-reuse"])
    ap.add_argument("--delay", type=float, default=0.0,
                    help="seconds to wait before answering an accepted DATA")
    ap.add_argument("--unknown", action="append", default=[],
                    help="a mailbox RCPT TO refuses with 550 5.1.1")
    ap.add_argument("--idle-timeout", type=float,
                    help="seconds a client may stay silent (default: 300)")
    ap.add_argument("--tls", choices=["starttls", "implicit"])
    ap.add_argument("--cert", help="PEM certificate chain for --tls")
    ap.add_argument("--key", help="PEM private key for --tls")
    args = ap.parse_args()
    if (args.tls is None) != (args.cert is None) or \
            (args.cert is None) != (args.key is None):
        ap.error("--tls, --cert and --key go together")
    # After close-mid-data, aiosmtpd reads the rest of the message as
    # commands and logs each one: noise in the test's output.
    logging.getLogger("mail.log").setLevel(logging.CRITICAL)
    if args.maildir is not None:
        os.makedirs(args.maildir, exist_ok=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *a: stop.set())
    signal.signal(signal.SIGINT, lambda *a: stop.set())

    kw = {} if args.idle_timeout is None else {"timeout": args.idle_timeout}
    if args.tls is not None:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.cert, args.key)
        if args.tls == "starttls":
            kw.update(tls_context=ctx, require_starttls=True)
        else:
            kw["ssl_context"] = ctx
    ctl = PeerController(Handler(args.maildir, args.mode, args.delay,
                                 args.unknown),
                         args.mode, args.port, **kw)
    ctl.start()
    write_file(args.port_file, b"%d\n" % ctl.port)
    while not stop.wait(3600):
        pass
    ctl.stop()


if __name__ == "__main__":
    main()
