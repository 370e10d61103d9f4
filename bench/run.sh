#!/usr/bin/env bash
# bench/run.sh: the deliverer's fan-out rates against curl's, on loopback.
#
#   bash bench/run.sh [MAILS [HOOKS [REPEAT]]]     (1000, 3000, 5)
#
# Starts aiosmtpd twice (tests/peers/smtp_server.py: a sink without
# --maildir, messages accepted and dropped, and the test peer storing
# each message as two files) and an nginx answering every POST
# 200 {"ok":true} with no access log, then runs each of these REPEAT
# times and prints the median rate:
#   curl, one process per mail;
#   curl, one process, the mails as `next`-separated transfers of one -K
#     file (it reuses its connection);
#   build/bench_deliver smtp, with smtp.connections 1, 2 and 4;
#   curl -Z --parallel-max 8 -K FILE, HOOKS signed-looking POSTs;
#   build/bench_deliver webhook, webhook_concurrency 8.
# Not part of make test; the machine should be otherwise idle.
# BENCH=path runs another build of bench_deliver (an older tree's).
set -eu
TOP=$(cd "$(dirname "$0")/.." && pwd)
MAILS=${1:-1000}
HOOKS=${2:-3000}
REPEAT=${3:-5}
PY=/usr/bin/python3
T=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done; wait 2>/dev/null; rm -rf "$T"' EXIT

if [ -z "${BENCH:-}" ]; then
    make -s -C "$TOP" build/bench_deliver
    BENCH="$TOP/build/bench_deliver"
fi

free_port() {
    "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# rate N COMMAND...: run it, print N per second of wall time
rate() {
    local n=$1 t0 t1; shift
    t0=$(date +%s.%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s.%N)
    awk -v n="$n" -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", n / (b - a) }'
}

# report WHAT COMMAND...: the median rate of REPEAT runs (rate's, or
# bench_deliver's own "N/s")
report() {
    local what=$1 r; shift
    r=$(for _ in $(seq "$REPEAT"); do "$@"; done | median)
    printf '%-52s %8s/s\n' "$what" "$r"
}

bench_rate() { "$BENCH" "$@" | sed -n 's/.*: \([0-9]*\)\/s;.*/\1/p'; }

# --- peers ------------------------------------------------------------------
# smtp_peer NAME ARGS...: start one, wait for its port
smtp_peer() {
    local name=$1; shift
    "$PY" "$TOP/tests/peers/smtp_server.py" --port-file "$T/$name.port" "$@" \
        2>"$T/$name.log" &
    pids+=($!)
    for _ in $(seq 100); do [ -s "$T/$name.port" ] && break; sleep 0.05; done
}
smtp_peer sink
smtp_peer store --maildir "$T/received"

HTTP_PORT=$(free_port)
cat >"$T/nginx.conf" <<EOF
worker_processes 1;
pid $T/nginx.pid;
error_log $T/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $T;
  proxy_temp_path $T; fastcgi_temp_path $T; uwsgi_temp_path $T; scgi_temp_path $T;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$HTTP_PORT;
    location / { return 200 '{"ok":true}'; }
  }
}
EOF
nginx -p "$T" -c "$T/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 100); do curl -s "http://127.0.0.1:$HTTP_PORT/" >/dev/null && break; sleep 0.05; done
HOOK="http://127.0.0.1:$HTTP_PORT/hook"

# --- inputs -----------------------------------------------------------------
# One digest-sized mail (bench_deliver sends the same size), and curl -K
# files for every transfer.
"$PY" - "$T" "$MAILS" "$HOOK" "$HOOKS" <<'PY'
import sys
t, mails, hook, hooks = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
body = "".join("任务 %d：加强商标审查，6月底前完成。 http://127.0.0.1:8470/ack/0123456789abcdef\r\n" % (k + 1) for k in range(24))
open(t + "/mail.eml", "w").write("From: reminder@example.org\r\nTo: unit@example.org\r\n"
    "Subject: =?UTF-8?B?5rWL6K+V?=\r\nMessage-ID: <n.bench@example.org>\r\n"
    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
    "Content-Transfer-Encoding: 8bit\r\n\r\n" + body)
for name in ("sink", "store"):
    smtp = "smtp://127.0.0.1:%s" % open("%s/%s.port" % (t, name)).read().strip()
    with open("%s/%s.cfg" % (t, name), "w") as f:
        f.write("\nnext\n".join('url = "%s"\nmail-from = "reminder@example.org"\n'
            'mail-rcpt = "unit%d@example.org"\nupload-file = "%s/mail.eml"' % (smtp, i, t)
            for i in range(mails)) + "\n")
with open(t + "/hooks.cfg", "w") as f:
    f.write("\nnext\n".join('url = "%s/%d"\n'
        'data = "{\\"type\\":\\"deadline.notice\\",\\"id\\":\\"msg_%d\\",\\"items\\":[]}"\n'
        'header = "Content-Type: application/json; charset=utf-8"\n'
        'header = "webhook-id: msg_%d"\nheader = "webhook-timestamp: 1624413600"\n'
        'header = "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="\n'
        'output = "/dev/null"' % (hook, i, i, i) for i in range(hooks)) + "\n")
PY

per_mail_curl() {
    local i
    for i in $(seq 50); do
        curl -s --url "$SMTP" --mail-from reminder@example.org \
            --mail-rcpt "unit$i@example.org" -T "$T/mail.eml"
    done
}

echo "# $MAILS mails to aiosmtpd, $HOOKS webhooks to nginx; median of $REPEAT"
for name in sink store; do
    SMTP="smtp://127.0.0.1:$(cat "$T/$name.port")"
    report "smtp ($name): curl, one process per mail (50 mails)" rate 50 per_mail_curl
    report "smtp ($name): curl, one process, one connection" \
        rate "$MAILS" curl -s -K "$T/$name.cfg"
    for k in 1 2 4; do
        report "smtp ($name): bench_deliver, smtp.connections = $k" \
            bench_rate smtp "$SMTP" "$MAILS" "$k"
    done
done
report "webhook: curl -Z --parallel-max 8" rate "$HOOKS" curl -s -Z --parallel-max 8 -K "$T/hooks.cfg"
report "webhook: bench_deliver, webhook_concurrency = 8" bench_rate webhook "$HOOK" "$HOOKS" 8
echo "# bench_deliver's CPU per message (this process, all threads):"
"$BENCH" smtp "smtp://127.0.0.1:$(cat "$T/sink.port")" "$MAILS" 2 | sed 's/^/#   /'
"$BENCH" webhook "$HOOK" "$HOOKS" 8 | sed 's/^/#   /'
