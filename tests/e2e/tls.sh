#!/usr/bin/env bash
# TLS to private peers (issue 16): a test CA made here with openssl signs
# the certificates (127.0.0.1, localhost) of a real SMTP server (aiosmtpd)
# that requires STARTTLS, one that speaks TLS from the start (smtps://)
# and an HTTPS webhook receiver, all on loopback; a second CA signs the
# certificate of an impostor of each kind.  Without smtp.ca_file or a
# webhook's tls_ca_file the system's CAs refuse the office's
# certificates: a certificate error in the outbox and a retry, nothing
# lost; with it the mail and the POST arrive over TLS; the impostor is
# refused all the same.  send-test goes the same way, and a CA file that
# cannot be used is refused at its line.
. "$(dirname "$0")/../lib.sh"

if ! command -v openssl >/dev/null 2>&1; then
    _report 1 "openssl is installed" "missing /usr/bin/openssl; run: make deps"
    done_testing
    exit
fi

# mkca NAME: a CA, $T/NAME-ca.pem (key NAME-ca.key), and a server
# certificate it signs for 127.0.0.1 and localhost, $T/NAME.pem (key
# NAME.key).  EC keys: quick to make.
mkca() {
    local n=$1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
        -nodes -days 2 -subj "/CN=deadlined test $n CA" \
        -keyout "$T/$n-ca.key" -out "$T/$n-ca.pem" 2>/dev/null &&
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
        -nodes -subj "/CN=localhost" \
        -keyout "$T/$n.key" -out "$T/$n.csr" 2>/dev/null &&
    printf '%s\n' 'subjectAltName=IP:127.0.0.1,DNS:localhost' \
        'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature' \
        'extendedKeyUsage=serverAuth' >"$T/$n.ext" &&
    openssl x509 -req -in "$T/$n.csr" -CA "$T/$n-ca.pem" \
        -CAkey "$T/$n-ca.key" -CAcreateserial -days 2 \
        -extfile "$T/$n.ext" -out "$T/$n.pem" 2>/dev/null
}
ok "a test CA signs the office's server certificate" mkca office
ok "another CA signs an impostor's" mkca other
ok "openssl itself verifies the office's certificate against its CA" \
    openssl verify -CAfile "$T/office-ca.pem" "$T/office.pem"
fails "and not the impostor's" \
    openssl verify -CAfile "$T/office-ca.pem" "$T/other.pem"

SECRET=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
start_peer starttls smtp_server.py --maildir "$T/m-starttls" \
    --tls starttls --cert "$T/office.pem" --key "$T/office.key"
starttls_port=$PORT
start_peer smtps smtp_server.py --maildir "$T/m-smtps" \
    --tls implicit --cert "$T/office.pem" --key "$T/office.key"
smtps_port=$PORT
start_peer impostor smtp_server.py --maildir "$T/m-impostor" \
    --tls implicit --cert "$T/other.pem" --key "$T/other.key"
impostor_port=$PORT
start_peer hook webhook_server.py --log "$T/hook.jsonl" --secret "$SECRET" \
    --cert "$T/office.pem" --key "$T/office.key"
hook_port=$PORT
start_peer hookx webhook_server.py --log "$T/hookx.jsonl" --secret "$SECRET" \
    --cert "$T/other.pem" --key "$T/other.key"
hookx_port=$PORT
touch "$T/hook.jsonl" "$T/hookx.jsonl"

# write_conf NAME SMTP_SETTINGS UNITS: $T/NAME.conf on database
# $T/NAME.db, the seed plan imported into it; the CA file is named
# relative to the configuration's folder.
write_conf() {
    cat >"$T/$1.conf" <<EOF
database = "$T/$1.db";
timezone = "Asia/Shanghai";
schedule: { lead_days = [7, 1, 0]; ongoing = "none"; };
smtp: { from = "督办提醒 <reminder@example.org>"; timeout = 10;
  $2 };
admin: { maildir = "$T/admin-$1"; };
units = (
$3
);
EOF
    [ -e "$T/$1.db" ] || "$CTL" -c "$T/$1.conf" import "$SEED" >/dev/null
}
BH='{ name = "知识产权保护处"; email = ["bh@example.org"]; }'
mails() { ls "$T/$1" 2>/dev/null | grep -c '\.json$'; }
# outbox NAME UNIT: that unit's deliveries as JSON lines.
outbox() {
    "$CTL" -c "$T/$1.conf" outbox --json | "$PY" -c '
import json, sys
for m in json.load(sys.stdin):
    if m["unit"] == sys.argv[1]:
        print(json.dumps(m, ensure_ascii=False))' "$2"
}
# field JSON KEY: a delivery's field ("" when there is no delivery).
field() {
    "$PY" -c 'import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])' \
        "$1" "$2" 2>/dev/null
}

# --- 1. STARTTLS: refused on the system's CAs, then delivered ------------
write_conf starttls "url = \"smtp://127.0.0.1:$starttls_port\";" "$BH"
out=$("$DAEMON" -c "$T/starttls.conf" --once --now 2021-06-23T10:00:00+08:00 2>&1); rc=$?
is "STARTTLS to the office's server without smtp.ca_file: --once exits 75" 75 "$rc"
m=$(outbox starttls 知识产权保护处)
is "the mail waits for a retry" "queued 1" "$(field "$m" state) $(field "$m" attempts)"
like "its error is the certificate's, with the setting that helps" \
    '^smtp: SSL certificate problem: .*(issuer|self-signed).* \(a private CA\? set smtp\.ca_file\)$' \
    "$(field "$m" last_error)"
is "the server stored nothing" 0 "$(mails m-starttls)"
echo "# last error: $(field "$m" last_error)"
id=$(field "$m" id)

write_conf starttls "url = \"smtp://127.0.0.1:$starttls_port\"; ca_file = \"office-ca.pem\";" "$BH"
out=$("$DAEMON" -c "$T/starttls.conf" --once --now 2021-06-23T11:00:00+08:00 2>&1); rc=$?
is "with smtp.ca_file the retry goes through: --once exits 0" 0 "$rc"
m=$(outbox starttls 知识产权保护处)
is "the same message, sent on its second attempt" "$id sent 2" \
    "$(field "$m" id) $(field "$m" state) $(field "$m" attempts)"
is "one mail arrived" 1 "$(mails m-starttls)"
ok "to bh@example.org, after STARTTLS" "$PY" -c '
import json, sys
e = json.load(open(sys.argv[1]))
assert e["rcpt_tos"] == ["bh@example.org"] and e["tls"] in ("TLSv1.2", "TLSv1.3"), e' \
    "$T/m-starttls/1.json"

# --- 2. smtps://: delivered with the CA; the impostor refused ------------
write_conf smtps "url = \"smtps://127.0.0.1:$smtps_port\"; ca_file = \"$T/office-ca.pem\";" "$BH"
out=$("$DAEMON" -c "$T/smtps.conf" --once --now 2021-06-23T10:00:00+08:00 2>&1); rc=$?
is "smtps:// with smtp.ca_file: --once exits 0" 0 "$rc"
is "the mail arrived" 1 "$(mails m-smtps)"
ok "over TLS from the start" "$PY" -c '
import json, sys
e = json.load(open(sys.argv[1]))
assert e["rcpt_tos"] == ["bh@example.org"] and e["tls"] in ("TLSv1.2", "TLSv1.3"), e' \
    "$T/m-smtps/1.json"

write_conf impostor "url = \"smtps://127.0.0.1:$impostor_port\"; ca_file = \"office-ca.pem\";" "$BH"
out=$("$DAEMON" -c "$T/impostor.conf" --once --now 2021-06-23T10:00:00+08:00 2>&1); rc=$?
is "a certificate of another CA with smtp.ca_file set: --once exits 75" 75 "$rc"
m=$(outbox impostor 知识产权保护处)
is "the mail waits for a retry" "queued 1" "$(field "$m" state) $(field "$m" attempts)"
like "its error is the certificate's, and no hint: the CA file was used" \
    '^smtp: SSL certificate problem: [^(]*$' "$(field "$m" last_error)"
is "the impostor got no mail" 0 "$(mails m-impostor)"

# --- 3. webhooks: each with its own CA file, or none ---------------------
# Two hooks on the office's receiver, one with tls_ca_file, one without
# (its connection must not be taken for the other's), and one on the
# impostor's with the office's CA.
hook() {	# hook PORT PATH [TLS_CA_FILE]
    printf '{ type = "generic"; url = "https://127.0.0.1:%s/%s"; secret = "%s";%s }' \
        "$1" "$2" "$SECRET" "${3:+ tls_ca_file = \"$3\";}"
}
hooks_units() {	# hooks_units CA_FILE_OF_YY
    cat <<EOF
  { name = "知识产权保护处"; webhook = ( $(hook "$hook_port" bh office-ca.pem) ); },
  { name = "知识产权运用促进处"; webhook = ( $(hook "$hook_port" yy $1) ); },
  { name = "省知识产权事业发展中心"; webhook = ( $(hook "$hookx_port" zx office-ca.pem) ); }
EOF
}
write_conf hooks "" "$(hooks_units "")"
out=$("$DAEMON" -c "$T/hooks.conf" --once --now 2021-06-23T10:00:00+08:00 2>&1); rc=$?
is "webhooks, one without tls_ca_file and one to the impostor: --once exits 75" 75 "$rc"
m=$(outbox hooks 知识产权保护处)
is "the hook with tls_ca_file: sent" sent "$(field "$m" state)"
m=$(outbox hooks 知识产权运用促进处)
is "the hook without: waits for a retry" "queued 1" "$(field "$m" state) $(field "$m" attempts)"
like "with the certificate's error and the setting that helps" \
    "^generic: SSL certificate problem: .* \\(a private CA\\? set the webhook's tls_ca_file\\)$" \
    "$(field "$m" last_error)"
m=$(outbox hooks 省知识产权事业发展中心)
is "the impostor's hook: waits for a retry" "queued 1" "$(field "$m" state) $(field "$m" attempts)"
like "with the certificate's error" '^generic: SSL certificate problem: [^(]*$' \
    "$(field "$m" last_error)"
ok "the receiver got one signed POST, for the hook with tls_ca_file" "$PY" -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
assert [(x["path"], x["signature_valid"]) for x in r] == [("/bh", True)], r' "$T/hook.jsonl"
is "the impostor got nothing" 0 "$(wc -l <"$T/hookx.jsonl")"

write_conf hooks "" "$(hooks_units office-ca.pem)"
out=$("$DAEMON" -c "$T/hooks.conf" --once --now 2021-06-23T11:00:00+08:00 2>&1); rc=$?
is "given tls_ca_file, the retry goes through; the impostor still fails: exit 75" 75 "$rc"
m=$(outbox hooks 知识产权运用促进处)
is "the hook now with tls_ca_file: sent on its second attempt" "sent 2" \
    "$(field "$m" state) $(field "$m" attempts)"
ok "the receiver got it, signed" "$PY" -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
assert [(x["path"], x["signature_valid"]) for x in r] == [("/bh", True), ("/yy", True)], r' "$T/hook.jsonl"
is "the impostor still nothing" 0 "$(wc -l <"$T/hookx.jsonl")"

# --- 4. send-test: the same settings --------------------------------------
write_conf sendtest "url = \"smtps://127.0.0.1:$smtps_port\"; ca_file = \"office-ca.pem\";" \
    "{ name = \"知识产权保护处\"; email = [\"bh@example.org\"]; webhook = ( $(hook "$hook_port" test office-ca.pem) ); }"
out=$("$CTL" -c "$T/sendtest.conf" send-test 知识产权保护处 2>&1); rc=$?
is "send-test over smtps:// and HTTPS with the CA files: exit 0" 0 "$rc"
is "both channels sent" 2 "$(printf '%s\n' "$out" | grep -c ': sent$')"
is "the mail arrived" 2 "$(mails m-smtps)"
is "the POST arrived" /test "$(tail -n 1 "$T/hook.jsonl" | "$PY" -c 'import json, sys; print(json.load(sys.stdin)["path"])')"
write_conf sendtest2 "url = \"smtp://127.0.0.1:$starttls_port\";" \
    "{ name = \"知识产权保护处\"; email = [\"bh@example.org\"]; webhook = ( $(hook "$hook_port" test2) ); }"
out=$("$CTL" -c "$T/sendtest2.conf" send-test 知识产权保护处 2>&1); rc=$?
is "send-test without them: exit 75" 75 "$rc"
like "the mail: a certificate error" \
    'temporary failure: smtp: SSL certificate problem: .*set smtp\.ca_file' "$out"
like "the webhook: a certificate error" \
    "temporary failure: generic: SSL certificate problem: .*tls_ca_file" "$out"
is "nothing more arrived" "1 3" "$(mails m-starttls) $(wc -l <"$T/hook.jsonl")"

# --- 5. a CA file that cannot be used is refused at its line --------------
cat >"$T/bad.conf" <<EOF
smtp: { url = "smtp://127.0.0.1:$starttls_port"; from = "r@example.org";
  ca_file = "no-such-ca.pem"; };
EOF
out=$("$CTL" -c "$T/bad.conf" check-config 2>&1); rc=$?
is "a missing smtp.ca_file: exit 78" 78 "$rc"
is "named at its line, with the file's path" \
    "$T/bad.conf:2: smtp.ca_file: cannot read \"$T/no-such-ca.pem\": No such file or directory" "$out"
status_is "the daemon refuses it too" 78 "$DAEMON" -c "$T/bad.conf" --once --now 2021-06-23T10:00:00+08:00
cat >"$T/bad.conf" <<EOF
units = ( { name = "u";
  webhook = ( { url = "https://127.0.0.1:$hook_port/u";
                tls_ca_file = "office.key"; } ); } );
EOF
out=$("$CTL" -c "$T/bad.conf" check-config 2>&1); rc=$?
is "a key for a webhook's tls_ca_file: exit 78" 78 "$rc"
is "named at its line" \
    "$T/bad.conf:3: unit \"u\".webhook[0].tls_ca_file: \"$T/office.key\" holds no PEM certificate (-----BEGIN CERTIFICATE-----)" "$out"
out=$("$CTL" -c "$T/hooks.conf" check-config --verbose 2>&1)
like "check-config --verbose shows each webhook's CA file" \
    "url = \"https://127\\.0\\.0\\.1:$hook_port/bh\"; secret = \\(set\\); tls_ca_file = \"$T/office-ca\\.pem\"; }" "$out"
out=$("$CTL" -c "$T/starttls.conf" check-config --verbose 2>&1)
like "and smtp.ca_file, relative to the configuration's folder" \
    "smtp\\.ca_file = \"$T/office-ca\\.pem\";" "$out"

done_testing
