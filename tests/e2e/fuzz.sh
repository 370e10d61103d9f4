#!/usr/bin/env bash
# The libFuzzer targets (make fuzz): each runs 3 seconds on a copy of its
# seed corpus (tests/fuzz/corpus/TARGET, left as committed), then replays
# every input kept under tests/fuzz/regress/TARGET/ (crashes the fuzzers
# found and the code no longer has).  A fixed seed keeps the short run
# reproducible; make fuzz-run FUZZ_SECONDS=N is the long one.
. "$(dirname "$0")/../lib.sh"

FUZZ="$TOP/build/fuzz"
TARGETS="plan_text csv deadline units config http_form docx xlsx interp"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

ok "make fuzz builds the targets" make -s -C "$TOP" fuzz
for t in $TARGETS; do
    bin="$FUZZ/fuzz_$t"
    if [ ! -x "$bin" ]; then
        _report 1 "fuzz_$t built"
        continue
    fi
    mkdir -p "$T/corpus/$t" "$T/artifacts"
    cp "$TOP/tests/fuzz/corpus/$t/"* "$T/corpus/$t/"
    ok "fuzz_$t runs 3 s without a finding" "$bin" -seed=1 \
        -max_total_time=3 -timeout=10 \
        -artifact_prefix="$T/artifacts/$t-" "$T/corpus/$t"
    regress=("$TOP/tests/fuzz/regress/$t/"*)
    if [ -e "${regress[0]}" ]; then
        ok "fuzz_$t replays ${#regress[@]} regression input(s)" \
            "$bin" -timeout=10 "${regress[@]}"
    fi
done
done_testing
