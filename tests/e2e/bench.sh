#!/usr/bin/env bash
# The benchmark harness on this build, at tiny sizes (bench/run --quick):
# every scenario runs with its own peers, passes its checks (messages
# sent and received, import counts, the steady state) and prints its
# figure.  Whether a figure meets its target is make bench's report, not
# a test.
. "$(dirname "$0")/../lib.sh"

out=$(bash "$TOP/bench/run" --quick 2>"$T/err"); rc=$?
is "bench/run --quick exits 0: every scenario ran and its checks held" 0 "$rc"
[ "$rc" -eq 0 ] || sed 's/^/#   /' "$T/err" | tail -30

verdict='(PASS|FAIL)$'
like "webhook: 50 signed POSTs sent and logged, with the curl baseline" \
    "^webhook fan-out \(50 signed POSTs, [0-9]+ B body\) +[0-9]+ req/s \([0-9.]+ s\) +curl -Z x8: [0-9]+ req/s .* [0-9.]+ +>= 0.85 +$verdict" "$out"
like "smtp: 20 mails sent and received, against one curl connection" \
    "^SMTP fan-out \(20 mails\) vs one connection +[0-9]+ mails/s .* curl -K, 1 conn: [0-9]+ mails/s .* [0-9.]+ +>= 0.8 +$verdict" "$out"
like "smtp: and against a curl process a mail" \
    "^SMTP fan-out \(20 mails\) vs a process a mail +[0-9]+ mails/s .* curl x20: [0-9]+ mails/s .* [0-9.]+ +\(report\)" "$out"
like "import: the seed plan" "^import seed plan .* [0-9]+ rows/s \([0-9.]+ ms\)" "$out"
like "import: the seed as Word" "^import seed plan as Word .* [0-9.]+ ms" "$out"
like "import: the seed as Excel" "^import seed plan as Excel .* [0-9.]+ ms" "$out"
like "import: the seed as a PDF printed by Chromium" "^import seed plan as PDF .* [0-9.]+ ms" "$out"
like "import: 500 measures as Excel, counts checked" "^import 500 measures \(Excel\) +[0-9]+ rows/s .* < 2 s +$verdict" "$out"
like "import: 2000 measures as CSV, counts checked, against sqlite3's .import" \
    "^import 2000 measures \(CSV\) +[0-9]+ rows/s \([0-9.]+ s\) +sqlite3 .import: [0-9]+ rows/s \([0-9.]+ s\) +[0-9.]+ +<= 2.5 x +$verdict" "$out"
like "import: 2000 measures as text, counts checked, against sqlite3's .import" \
    "^import 2000 measures \(text\) +[0-9]+ rows/s \([0-9.]+ s\) +sqlite3 .import: [0-9]+ rows/s \([0-9.]+ s\) +[0-9.]+ +<= 3 x +$verdict" "$out"
like "check: quick_check of the 2000-measure database" \
    "^database check: quick_check \(2000 measures, [0-9]+ MiB\) +[0-9.]+ s .* < 1 s +$verdict" "$out"
like "scheduling: a cold pass over 20000 stored notices" \
    "^scheduling: cold pass \(2000 measures, [0-9]+ notices\) +[0-9.]+ ms \(0 new notices\) +keys read: [0-9.]+ ms +[0-9.]+ +<= 3 x keys +$verdict" "$out"
like "scheduling: steady passes" "^scheduling: steady pass \(median of 5\) +[0-9.]+ ms .* < 10 ms +$verdict" "$out"
like "scheduling: the pass that finds what falls due, against a bare INSERT loop of its rows" \
    "^scheduling: the pass at 09:00 finding what falls due +[0-9.]+ ms \([1-9][0-9]* new notices, [0-9.]+ us a notice\) +bare INSERT loop: [0-9.]+ ms +[0-9.]+ +<= 3 x +$verdict" "$out"
like "idle: resident memory" "^idle: resident memory +[0-9.]+ MiB.* <= 8 MiB +$verdict" "$out"
like "memory: the idle daemon with 2000 measures against the seed plan, per item" \
    "^idle: resident memory with 2000 measures \([0-9]+ items\) +[0-9.]+ MiB +the seed plan: [0-9.]+ MiB +-?[0-9]+ B an item +<= 200 B an item +$verdict" "$out"
like "idle: wake-ups" "^idle: wake-ups .* [0-9.]+ /min .* <= 2/min +$verdict" "$out"
like "waiting: 10 mails through one slow connection, the daemon's CPU" \
    "^waiting: 10 mails through one connection \(0.1 s a mail\), the daemon's CPU +[0-9.]+ s in [0-9.]+ s \([0-9.]+% of a core\) .* < 2% of a core +$verdict" "$out"
like "waiting: wake-ups and passes" "^waiting: wake-ups while they drain .* [0-9]+ \([0-9.]+ a mail; [0-9]+ pass\(es\)\)" "$out"
like "start-up: time to READY=1" "^start-up to READY=1 \(median of 3\) +[0-9.]+ ms \(max [0-9.]+\) .* <= 50 ms +$verdict" "$out"
like "board: the dashboard page at 500 measures" \
    "^dashboard page \(500 measures, 16-member group; median of 5\) +[0-9.]+ ms, [0-9]+ KiB .* < 100 ms, < 1 MB +$verdict" "$out"
like "board: a /metrics scrape" "^/metrics scrape \(500 measures; median of 5\) +[0-9.]+ ms .* < 5 ms +$verdict" "$out"
like "board: an unknown ack token" "^unknown ack token \(500 measures; median of 5\) +[0-9.]+ ms .* < 5 ms +$verdict" "$out"
like "board: an unknown feed" "^unknown feed \(500 measures; median of 5\) +[0-9.]+ ms .* < 5 ms +$verdict" "$out"
like "board: an item's ack page" "^an item's ack page \(500 measures; median of 5\) +[0-9.]+ ms .* < 5 ms +$verdict" "$out"
like "import: one cell naming 10000 units" "^import one cell naming 10000 units \(CSV\) +[0-9.]+ s .* < 2 s +$verdict" "$out"
like "ledger: 500 measures as XLSX, against libxlsxwriter alone" \
    "^ledger as XLSX \(500 measures, 16-member group: 8500 rows, [0-9]+ cells; median of 1\) +[0-9.]+ s, [0-9]+ KiB +libxlsxwriter alone: [0-9.]+ s +[0-9.]+ +< 3 s +$verdict" "$out"
unlike "no scenario failed" "ERROR" "$out"
like "the machine is named" "^machine: .*, [0-9]+ cores" "$out"
like "crash: 40 mails, 3 SIGKILLs, duplicates a kill against the bound" \
    "^crash: SIGKILL x3 during a 40-mail fan-out \(2 connections, 0.01 s a mail\) +[0-9]+ duplicates, [0-9.]+ a kill \([0-9]+ kills\), 0 lost .* <= 2 a kill +$verdict" "$out"
is "the markdown table has a row per figure" 28 \
    "$(grep -c '^| [a-zA-Z/]' "$TOP/build/bench/results-quick.md" | awk '{ print $1 - 1 }')"

done_testing
