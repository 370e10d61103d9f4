#!/usr/bin/python3
"""A real webhook receiver for the tests: an HTTP server on 127.0.0.1.

    webhook_server.py --port-file F --log FILE [--secret S] [--mode MODE]
                      [--delay SECONDS] [--answer-delay SECONDS]
                      [--cert PEM --key PEM]

It listens on a free port and writes the port number to F once it
accepts connections.  Every request is logged to FILE, before it is
answered, as one JSON line:

  {"method", "path", "query": {name: value}, "headers": {lower-case
   name: value}, "body", "signature": "standard"|"dingtalk"|"feishu"|null,
   "signature_valid": true|false}

The signature is checked here, independently of the C code, with the
secret given: Standard Webhooks headers (webhook-id, webhook-timestamp,
webhook-signature), DingTalk's timestamp and sign query parameters, or
Feishu's timestamp and sign body fields.  Without any, signature is null
and signature_valid false.

Modes (the answer to every request):
  ok              200 {"data":{...},"errcode":0,"errmsg":"ok","code":0,...}
  500             500
  404             404
  429             429 with Retry-After: 120
  timeout         sleep --delay seconds (default 30), then 200
  dingtalk-error  200 {"errcode":310000,"errmsg":"sign not match 签名不匹配"}
                  (non-ASCII sent as \\uXXXX escapes)
  dingtalk-busy   200 {"errcode":130101,"errmsg":"send too fast"}
  wecom-error     200 {"errcode":93000,"errmsg":"invalid webhook url"}
  wecom-busy      200 {"errcode":45009,"errmsg":"api freq out of limit"}
  feishu-error    200 {"code":19021,"msg":"sign match fail"}
  feishu-busy     200 {"code":11232,"msg":"frequency limited"}

--answer-delay SECONDS: in the other modes, wait that long after logging
a request before answering it, a slow receiver (default 0).

--cert and --key (PEM: the certificate chain and its private key): HTTPS
instead of HTTP; a client that refuses the certificate is never logged.

Runs until SIGTERM or SIGINT, then stops and exits 0.
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import signal
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

# One body for every robot, shaped to try the client's JSON reader: a
# nested "code" and a string with brackets come before the real fields.
OK_BODY = {"data": {"code": 7, "list": [1, "]}\"", {}]}, "errcode": 0,
           "errmsg": "ok", "code": 0, "msg": "success"}
ANSWERS = {
    "ok": (200, OK_BODY, {}),
    "500": (500, {"error": "internal"}, {}),
    "404": (404, {"error": "no such hook"}, {}),
    "429": (429, {"error": "slow down"}, {"Retry-After": "120"}),
    "timeout": (200, OK_BODY, {}),
    "dingtalk-error": (200, {"errcode": 310000,
                               "errmsg": "sign not match 签名不匹配"}, {}),
    "dingtalk-busy": (200, {"errcode": 130101, "errmsg": "send too fast"}, {}),
    "wecom-error": (200, {"errcode": 93000, "errmsg": "invalid webhook url"}, {}),
    "wecom-busy": (200, {"errcode": 45009, "errmsg": "api freq out of limit"}, {}),
    "feishu-error": (200, {"code": 19021, "msg": "sign match fail"}, {}),
    "feishu-busy": (200, {"code": 11232, "msg": "frequency limited"}, {}),
}


def hmac_b64(key, msg):
    return base64.b64encode(hmac.new(key, msg, hashlib.sha256).digest()).decode()


def standard_key(secret):
    if secret.startswith("whsec_"):
        return base64.b64decode(secret[6:])
    return secret.encode()


def check_signature(secret, headers, query, body):
    """(kind, valid) for whichever signature the request carries."""
    if "webhook-signature" in headers or "webhook-id" in headers:
        if secret is None or "webhook-signature" not in headers:
            return "standard", False
        msg = "%s.%s.%s" % (headers.get("webhook-id", ""),
                            headers.get("webhook-timestamp", ""), body)
        want = "v1," + hmac_b64(standard_key(secret), msg.encode())
        got = headers["webhook-signature"].split()
        ts = headers.get("webhook-timestamp", "0")
        fresh = ts.isdigit() and abs(time.time() - int(ts)) < 300
        return "standard", fresh and any(hmac.compare_digest(g, want) for g in got)
    if "sign" in query and "timestamp" in query:
        if secret is None:
            return "dingtalk", False
        ts = query["timestamp"]
        want = hmac_b64(secret.encode(), ("%s\n%s" % (ts, secret)).encode())
        fresh = ts.isdigit() and abs(time.time() * 1000 - int(ts)) < 3600 * 1000
        return "dingtalk", fresh and hmac.compare_digest(query["sign"], want)
    try:
        doc = json.loads(body)
    except ValueError:
        doc = None
    if isinstance(doc, dict) and "sign" in doc and "timestamp" in doc:
        if secret is None:
            return "feishu", False
        ts = str(doc["timestamp"])
        want = hmac_b64(("%s\n%s" % (ts, secret)).encode(), b"")
        fresh = ts.isdigit() and abs(time.time() - int(ts)) < 3600
        return "feishu", fresh and hmac.compare_digest(str(doc["sign"]), want)
    return None, False


class Server(ThreadingHTTPServer):
    # The default backlog of 5 drops the SYNs of a burst of parallel
    # clients, which then wait a second to retry.
    request_queue_size = 128
    daemon_threads = True


def make_handler(args, log, lock):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):
            pass

        def do_POST(self):
            n = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(n).decode("utf-8", "replace")
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            headers = {k.lower(): v for k, v in self.headers.items()}
            kind, valid = check_signature(args.secret, headers, query, body)
            entry = {"method": self.command, "path": url.path,
                     "query": query, "headers": headers, "body": body,
                     "signature": kind, "signature_valid": valid}
            with lock:
                log.write(json.dumps(entry, ensure_ascii=False) + "\n")
                log.flush()
            if args.mode == "timeout":
                time.sleep(args.delay)
            elif args.answer_delay > 0:
                time.sleep(args.answer_delay)
            status, doc, extra = ANSWERS[args.mode]
            out = json.dumps(doc).encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(out)))
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(out)
            except OSError:
                pass    # the client gave up (timeout mode)

        do_PUT = do_POST

    return Handler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--log", required=True)
    ap.add_argument("--port", type=int, default=0,
                    help="port to listen on (0: any free one)")
    ap.add_argument("--secret")
    ap.add_argument("--mode", default="ok", choices=sorted(ANSWERS))
    ap.add_argument("--delay", type=float, default=30.0)
    ap.add_argument("--answer-delay", type=float, default=0.0)
    ap.add_argument("--cert", help="PEM certificate chain: serve HTTPS")
    ap.add_argument("--key", help="PEM private key of --cert")
    args = ap.parse_args()
    if (args.cert is None) != (args.key is None):
        ap.error("--cert and --key go together")

    lock = threading.Lock()
    log = open(args.log, "a", encoding="utf-8")
    srv = Server(("127.0.0.1", args.port), make_handler(args, log, lock))
    if args.cert is not None:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(args.cert, args.key)
        srv.socket = ctx.wrap_socket(srv.socket, server_side=True)

    def stop(*a):
        threading.Thread(target=srv.shutdown).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % srv.server_address[1])
    os.rename(tmp, args.port_file)
    srv.serve_forever(poll_interval=0.05)
    srv.server_close()
    log.close()


if __name__ == "__main__":
    main()
