#!/usr/bin/python3
"""A stand-in for deadlined-send, for test_sender: it reads the records
the daemon's sender writes on fd 3 (sendproto.h: a 4-byte host-order
length, a type byte, fields) and logs each record's type letter, one per
line, to $FAKE_AGENT_LOG as it arrives.  $FAKE_AGENT_MODE says what else
it does:

  quiet    never answers
  exit     exits with status 3 on the first message
  garbage  answers the first message with a record of length 0
  idle     sends IDLE right after the configuration, then waits
  serve    answers each message OUTCOME_SENT, then IDLE

It exits 0 at the end of its input.
"""
import os
import struct
import sys


def main():
    log = open(os.environ["FAKE_AGENT_LOG"], "a", buffering=1)
    mode = os.environ.get("FAKE_AGENT_MODE", "quiet")
    fd = 3
    buf = b""
    while True:
        chunk = os.read(fd, 65536)
        if not chunk:
            return 0
        buf += chunk
        while len(buf) >= 5:
            (n,) = struct.unpack("=I", buf[:4])
            if len(buf) < 4 + n:
                break
            kind = chr(buf[4])
            rec = buf[5:4 + n]
            buf = buf[4 + n:]
            log.write(kind + "\n")
            if kind == "C" and mode == "idle":
                os.write(fd, struct.pack("=I", 1) + b"I")
            if kind == "M" and mode == "exit":
                return 3
            if kind == "M" and mode == "garbage":
                os.write(fd, struct.pack("=I", 0))
            if kind == "M" and mode == "serve":
                (mid,) = struct.unpack("=q", rec[:8])
                out = b"O" + struct.pack("=qqqI", mid, 0, 0, 0) + b"\0"
                os.write(fd, struct.pack("=I", len(out)) + out +
                         struct.pack("=I", 1) + b"I")


if __name__ == "__main__":
    sys.exit(main())
