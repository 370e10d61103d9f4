#!/usr/bin/env bash
# The HTTP endpoint against hostile clients (issue 15, items 4-6), the
# real daemon on loopback: a forged Host (DNS rebinding) gets 421 and no
# data; X-Forwarded-For is believed from http.trusted_proxies only, and
# then the ack log and the lockout of token guessers see each forwarded
# client; connections that send nothing, or trickle their headers, are
# closed after 5 s and do not keep others from being served.
. "$(dirname "$0")/../lib.sh"

NOW=2021-06-23T10:00:00+08:00
PORT=$(free_port)
BASE="http://127.0.0.1:$PORT"

# write_conf [HTTP SETTINGS]: the config, with extra http settings.
write_conf() {
    cat >"$T/d.conf" <<CONF
database = "$T/d.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
http: { listen = "127.0.0.1:$PORT"; public_url = "https://deadlines.example.org/dl";
  allowed_hosts = [ "intranet.example" ]; ${1:-} };
admin: { maildir = "$T/admin"; };
units = (
  { name = "知识产权保护处"; maildir = "$T/mail"; }
);
CONF
}

# start: the daemon on $T/d.conf, until it answers.
start() {
    "$DAEMON" -c "$T/d.conf" --now "$NOW" 2>>"$T/log" &
    daemon=$!
    pids+=($daemon)
    for _ in $(seq 100); do
        [ -n "$(ls "$T/mail/new" 2>/dev/null)" ] && break; sleep 0.1
    done
    for _ in $(seq 50); do curl -fs "$BASE/healthz" >/dev/null && break; sleep 0.1; done
}

code() { curl -s -o "$T/body" -w '%{http_code}' "$@"; }
remotes() { "$CTL" -c "$T/d.conf" acks --json | "$PY" -c '
import json, sys
print(" ".join(a["remote"] for a in json.load(sys.stdin)))'; }

# --- bad entries: FILE:LINE, exit 78, from check-config and the daemon ------
write_conf 'trusted_proxies = [ "127.0.0.1",
  "10.0.0.0/33" ];'
status_is "check-config: a range past /32 exits 78" 78 "$CTL" -c "$T/d.conf" check-config
like "naming the file and the entry's line" \
    "^$T/d.conf:6: http.trusted_proxies: invalid value \"10.0.0.0/33\"" \
    "$("$CTL" -c "$T/d.conf" check-config 2>&1)"
write_conf 'trusted_proxies = [ "proxy.example.org" ];'
status_is "the daemon refuses a name in trusted_proxies with 78" 78 \
    "$DAEMON" -c "$T/d.conf" --once
like "and says where and why" "^deadlined: $T/d.conf:5: .*not an IP address" \
    "$("$DAEMON" -c "$T/d.conf" --once 2>&1)"

write_conf
"$CTL" -c "$T/d.conf" import "$SEED" >/dev/null
start
# The links name public_url's host: the path is what we request here.
TOKEN=$("$PY" - "$T/mail/new" <<'PY'
import email, glob, os, re, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*"))):
    for part in email.message_from_binary_file(open(f, "rb")).walk():
        if part.get_content_type() == "text/plain":
            m = re.search(r"/ack/([0-9a-f]{32})", part.get_payload(decode=True).decode())
            if m:
                print(m.group(1)); sys.exit(0)
sys.exit(1)
PY
)
like "a delivered mail carries an ack link" '^[0-9a-f]{32}$' "$TOKEN"
ACK="$BASE/ack/$TOKEN"
is "an ack with a note, from this host: 200" 200 \
    "$(code -d kind=ack -d note=secret-note-4711 "$ACK")"

# --- 4. DNS rebinding: the Host header --------------------------------------
for path in /api/v1/acks / /api/v1/board /ledger.xlsx; do
    is "Host: rebind.attacker.example, $path: 421" 421 \
        "$(code -H 'Host: rebind.attacker.example' "$BASE$path")"
    case $path in
    /api/*) like "a JSON error" '^\{"status": 421, "error": "Misdirected Request"\}$' "$(cat "$T/body")" ;;
    *) like "an error page" '<h1>421 Misdirected Request</h1>' "$(cat "$T/body")" ;;
    esac
    unlike "and no data in the body of $path" \
        'secret-note|127\.0\.0\.1|"remote"|知识产权|measure_id|<table' "$(cat "$T/body")"
done
is "with its port: 421" 421 "$(code -H "Host: rebind.attacker.example:$PORT" "$BASE/api/v1/acks")"
is "a name ending in the listen address: 421" 421 \
    "$(code -H "Host: 127.0.0.1.attacker.example:$PORT" "$BASE/api/v1/acks")"
is "an address that is not the listen address: 421" 421 \
    "$(code -H "Host: [::1]:$PORT" "$BASE/api/v1/acks")"
is "a bare IPv6 address (not a Host): 421" 421 "$(code -H "Host: ::1" "$BASE/")"
is "/ack/ too: 421" 421 "$(code -H 'Host: rebind.attacker.example' "$ACK")"
is "a POST: 421, nothing recorded" "421 127.0.0.1" \
    "$(code -H 'Host: rebind.attacker.example' -d kind=done "$ACK") $(remotes)"
for host in localhost "localhost:$PORT" LocalHost. "127.0.0.1:$PORT" 127.0.0.1 \
    deadlines.example.org DEADLINES.Example.org:443 intranet.example \
    "Intranet.Example:$PORT"; do
    is "Host: $host: 200" 200 "$(code -H "Host: $host" "$BASE/api/v1/acks")"
done
like "and the data" 'secret-note-4711' "$(cat "$T/body")"
is "the dashboard with an allowed host: 200" 200 \
    "$(code -H 'Host: deadlines.example.org' "$BASE/")"
like "with the data a forged Host did not get" '知识产权保护处' "$(cat "$T/body")"
# No Host at all is HTTP/1.0, which no browser sends: allowed (README).
is "HTTP/1.0 without Host: 200" 200 "$(code -0 -H 'Host:' "$BASE/api/v1/acks")"
is "HTTP/1.1 without Host: 400" 400 "$(code -H 'Host:' "$BASE/api/v1/acks")"

# --- 5. X-Forwarded-For from anyone else changes nothing ---------------------
is "a POST with a forged X-Forwarded-For: 200" 200 \
    "$(code -H 'X-Forwarded-For: 203.0.113.9' -d kind=ack "$ACK")"
is "the ack log has the connection's address" "127.0.0.1 127.0.0.1" "$(remotes)"
for i in $(seq 20); do
    code --interface 127.0.0.3 -H "X-Forwarded-For: 203.0.113.$i" \
        "$BASE/ack/$(printf '%032x' "$i")" >/dev/null
done
is "20 guesses under 20 forged addresses lock out the real one" 429 \
    "$(code --interface 127.0.0.3 -H 'X-Forwarded-For: 198.51.100.1' "$ACK")"

# --- 5. ... and from a trusted proxy it is believed (after a reload) --------
write_conf 'trusted_proxies = [ "10.0.0.0/8", "127.0.0.1", "::1" ];'
kill -HUP "$daemon"
for _ in $(seq 50); do grep -q 'configuration reloaded' "$T/log" && break; sleep 0.1; done
like "the daemon reloads its configuration" 'configuration reloaded' "$(cat "$T/log")"
is "through the proxy: an ack for client 198.51.100.7" 200 \
    "$(code -H 'X-Forwarded-For: 198.51.100.7' -H 'X-Forwarded-Proto: https' -d kind=ack "$ACK")"
is "forged entries left of the proxy's are not read" 200 \
    "$(code -H 'X-Forwarded-For: 6.6.6.6, 198.51.100.8' -d kind=ack "$ACK")"
is "trusted proxies right of the client are skipped" 200 \
    "$(code -H 'X-Forwarded-For: 198.51.100.9, 10.1.2.3' -H 'X-Forwarded-For: 127.0.0.1' -d kind=ack "$ACK")"
is "no X-Forwarded-For: the proxy itself" 200 "$(code -d kind=ack "$ACK")"
is "the ack log has the forwarded clients" \
    "127.0.0.1 127.0.0.1 198.51.100.7 198.51.100.8 198.51.100.9 127.0.0.1" "$(remotes)"
n=0
for i in $(seq 20); do
    c=$(code -H 'X-Forwarded-For: 192.0.2.1' "$BASE/ack/$(printf '%032x' "$i")")
    [ "$c" = 404 ] && n=$((n + 1))
done
is "client A guesses 20 tokens: 404 each" 20 "$n"
is "then client A is locked out" 429 "$(code -H 'X-Forwarded-For: 192.0.2.1' "$ACK")"
is "even when it forges another address left of its own" 429 \
    "$(code -H 'X-Forwarded-For: 192.0.2.2, 192.0.2.1' "$ACK")"
is "client B through the same proxy is not" 200 "$(code -H 'X-Forwarded-For: 192.0.2.2' "$ACK")"
is "nor the proxy's own requests" 200 "$(code "$ACK")"
# The loopback peer no longer makes every client local.
is "a forwarded client gets /api/v1/acks only with the token" 401 \
    "$(code -H 'X-Forwarded-For: 192.0.2.2' "$BASE/api/v1/acks")"
is "and /metrics" 401 "$(code -H 'X-Forwarded-For: 192.0.2.2' "$BASE/metrics")"
is "this host itself, through no proxy, as before" 200 "$(code "$BASE/api/v1/acks")"
like "the daemon's log names the client and the proxy's scheme" \
    'from 198\.51\.100\.7 \(through a proxy, https\)' "$(cat "$T/log")"
unlike "the log names no token" "$TOKEN" "$(cat "$T/log")"

# --- 6. Slow clients ---------------------------------------------------------
# slow SPEC...: tests/slow_clients.py in the background, until its
# connections are open; its report goes to $T/slow.out.
slow() {
    rm -f "$T/slow.ready"
    "$PY" "$TOP/tests/slow_clients.py" "$PORT" "$T/slow.ready" "$@" >"$T/slow.out" 2>&1 &
    slow_pid=$!
    pids+=($slow_pid)
    for _ in $(seq 100); do [ -s "$T/slow.ready" ] && break; sleep 0.05; done
}
# closed SPEC FROM TO: how many of SPEC's connections closed after FROM
# and before TO seconds.
closed() { awk -v s="$1" -v a="$2" -v b="$3" '$1 == s && $2 != "open" && $2 >= a && $2 < b { n++ } END { print n + 0 }' "$T/slow.out"; }

# 64 connections from 8 addresses (the server's whole capacity) that send
# nothing, one of them trickling a header a byte a second.
specs=()
for i in 2 3 4 5 6 7 8; do specs+=("127.0.0.$i:8"); done
specs+=(127.0.0.9:7 127.0.0.9:1:trickle)
slow "${specs[@]}"
is "64 silent connections are open" 1 "$(ls "$T/slow.ready" 2>/dev/null | wc -l)"
out=$(curl -s --interface 127.0.0.10 --max-time 4 -o /dev/null -w '%{http_code} %{time_total}' "$BASE/healthz")
like "meanwhile a request from another address is served at once" '^200 [01]\.' "$out"
is "and another" 200 "$(code --interface 127.0.0.11 --max-time 4 "$BASE/healthz")"
wait "$slow_pid"
n=0
for i in 2 3 4 5 6 7 8; do n=$((n + $(closed "127.0.0.$i:8" 4.5 7))); done
n=$((n + $(closed 127.0.0.9:7 4.5 7)))
early=0
for i in 2 3 4 5 6 7 8; do early=$((early + $(closed "127.0.0.$i:8" 0 4.5))); done
early=$((early + $(closed 127.0.0.9:7 0 4.5)))
# The first took the place of the oldest silent one; the second too,
# unless the first had left already.
like "the requests took the places of the oldest silent ones" '^[12]$' "$early"
is "the other $((63 - early)) were closed after 5 s" $((63 - early)) "$n"
is "so was the one trickling its header" 1 "$(closed 127.0.0.9:1:trickle 4.5 7)"
unlike "none was left open" open "$(cat "$T/slow.out")"

# Per address: 8 connections, a 9th refused; a trusted proxy is not
# limited.  A kept-alive connection idle after its answer goes in 5 s.
slow 127.0.0.12:9 127.0.0.1:12 127.0.0.13:1:keepalive
wait "$slow_pid"
is "from one address, a 9th connection: refused" 1 "$(closed 127.0.0.12:9 0 1)"
is "the first 8: closed after 5 s" 8 "$(closed 127.0.0.12:9 4.5 7)"
is "12 from the trusted proxy: all held, closed after 5 s" 12 "$(closed 127.0.0.1:12 4.5 7)"
is "a kept-alive connection: closed 5 s after its answer" 1 "$(closed 127.0.0.13:1:keepalive 4.5 7)"
is "the server still answers" 200 "$(code "$BASE/healthz")"

# Stopped with connections open: the watchdog and the server both end.
slow 127.0.0.14:3
kill -TERM "$daemon"
wait "$daemon"; rc=$?
is "SIGTERM with silent connections open: the daemon stops cleanly" 0 "$rc"
wait "$slow_pid"
is "and they are closed" 3 "$(closed 127.0.0.14:3 0 2)"

# Listening on every address: any address is a Host, names still only
# those configured.
sed -i "s|listen = \"127.0.0.1:$PORT\"|listen = \"0.0.0.0:$PORT\"|" "$T/d.conf"
start
is "on 0.0.0.0, Host: an address of the machine: 200" 200 \
    "$(code -H "Host: 192.0.2.1:$PORT" "$BASE/healthz")"
is "Host: [::1]: 200" 200 "$(code -H "Host: [::1]:$PORT" "$BASE/healthz")"
is "Host: public_url's: 200" 200 "$(code -H "Host: deadlines.example.org" "$BASE/healthz")"
is "Host: another name: 421" 421 "$(code -H "Host: rebind.attacker.example" "$BASE/healthz")"
unlike "no sanitizer report" 'Sanitizer|runtime error' "$(cat "$T/log")"

done_testing
