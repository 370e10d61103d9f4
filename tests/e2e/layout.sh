#!/usr/bin/env bash
# The layout's rule (src/README.md): every include goes to the file's own
# folder or a lower one, modules include each other in no circle, and no
# source file passes about 800 lines unless its opening comment says why
# it reads best whole ("one job").
. "$(dirname "$0")/../lib.sh"

out=$("$PY" "$TOP/tests/layering.py" "$TOP" 2>&1)
is "no upward include, no include circle" "" "$out"

long=""
for f in "$TOP"/src/*.c "$TOP"/src/*/*.c; do
    n=$(wc -l <"$f")
    if [ "$n" -gt 850 ] && ! head -15 "$f" | grep -q 'one job'; then
        long="$long ${f#"$TOP"/}($n)"
    fi
done
is "no source file over ~800 lines without a reason at its top" "" "$long"

# A test that would fail: an upward include is found.
mkdir -p "$T/tree/src/base" "$T/tree/src/web"
echo '#include "web/x.h"' >"$T/tree/src/base/y.c"
: >"$T/tree/src/web/x.h"
like "an upward include is reported with its place" 'src/base/y.c:1: base/ includes web/x.h' \
    "$("$PY" "$TOP/tests/layering.py" "$T/tree")"
