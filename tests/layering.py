#!/usr/bin/env python3
"""The include graph against the layout's rule (src/README.md): each
folder of src/ has a rank, a file includes only headers of its own folder
or of a lower one, and modules (a .c and its .h) include each other in no
circle.  Prints each offence as FILE:LINE: message; exits 1 if any."""
import os, re, sys

RANKS = ["base", "plan", "read", "conf", "deliver", "store", "engine", "web", "ctl"]
top = sys.argv[1] if len(sys.argv) > 1 else "."
src = os.path.join(top, "src")
inc = re.compile(r'^\s*#\s*include\s+"([^"]+)"')

def rank(folder):
    # The programs at src/ itself stand above every folder.
    return RANKS.index(folder) if folder in RANKS else len(RANKS)

bad = []
edges = {}
for dirpath, _, names in os.walk(src):
    for name in sorted(names):
        if not name.endswith((".c", ".h")):
            continue
        path = os.path.join(dirpath, name)
        rel = os.path.relpath(path, src)
        folder = os.path.dirname(rel)
        if folder and folder not in RANKS:
            bad.append("%s: folder %s has no rank in the layering rule" % (path, folder))
        module = rel[:-2]
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            m = inc.match(line)
            if not m:
                continue
            target = m.group(1)
            tfolder = os.path.dirname(target)
            if not os.path.exists(os.path.join(src, target)):
                bad.append("%s:%d: includes %s, which is not under src/" % (path, n, target))
                continue
            if rank(tfolder) > rank(folder):
                bad.append("%s:%d: %s/ includes %s, from the higher folder %s/"
                           % (path, n, folder or "src", target, tfolder))
            tmod = target[:-2]
            if tmod != module:
                edges.setdefault(module, set()).add(tmod)

# Circles between modules: a depth-first search for a back edge.
state, stack = {}, []
def visit(m):
    state[m] = 1
    stack.append(m)
    for t in sorted(edges.get(m, ())):
        if state.get(t) == 1:
            cyc = stack[stack.index(t):] + [t]
            bad.append("include circle: " + " -> ".join(cyc))
        elif not state.get(t):
            visit(t)
    stack.pop()
    state[m] = 2
for m in sorted(edges):
    if not state.get(m):
        visit(m)

for b in bad:
    print(b)
sys.exit(1 if bad else 0)
