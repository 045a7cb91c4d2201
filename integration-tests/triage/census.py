#!/usr/bin/env python3
"""Rough shape census of every finding of a check: `python3 integration-tests/triage/census.py [CHECK]`.

Classifies each baseline finding by the text of the flagged source line (first matching rule wins), so it needs
the unpacked sources in target/ (any run, or `run.sh --resolve-only`). Approximate by design: a multi-line call is
judged by its first line. Read triage/*-sample.md for the classification by hand.
"""
import collections
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
check = sys.argv[1] if len(sys.argv) > 1 else "FutureReturnValueIgnored"
RULES = [
    ("returned from a method declared to return Object (FRVI's 'Returning ... from method that returns')",
     lambda line, msg: msg.startswith("Returning")),
    ("whenComplete/handle listener attached; the derived stage is dropped",
     lambda line, msg: re.search(r"\.(whenComplete|handle)(Async)?\s*\(", line)),
    ("then*/exceptionallyCompose derived stage dropped",
     lambda line, msg: re.search(r"\.(thenAccept|thenApply|thenCompose|thenRun|thenCombine|exceptionallyCompose)(Async)?\s*\(", line)),
    ("async close / forceClose / disconnect / shutdown",
     lambda line, msg: re.search(r"\b(close|closeAsync|forceClose|disconnect|shutdown|shutdownAsync|shutdownGracefully|deregister)\w*\s*\(", line)),
    ("Netty-style operation given a promise (returns that promise)",
     lambda line, msg: re.search(r"(romise|newPromise\(\)|voidPromise\(\))\s*\)\s*;", line)),
    ("executor submit / schedule / supplyAsync / runAsync",
     lambda line, msg: re.search(r"\b(submit|schedule|scheduleAtFixedRate|scheduleWithFixedDelay|supplyAsync|runAsync)\s*\(", line)),
    ("unlockAsync / release",
     lambda line, msg: re.search(r"unlock\w*Async|release\w*\(", line)),
    ("Netty write / writeAndFlush",
     lambda line, msg: re.search(r"\b(write|writeAndFlush|writeAsync)\s*\(", line)),
    ("other *Async call (remote command, Redisson/Lettuce API)",
     lambda line, msg: re.search(r"\w+Async\s*\(", line)),
]
counts, per_project, total = collections.Counter(), collections.defaultdict(collections.Counter), 0
for f in sorted((HERE / "expected-warnings").glob("*.txt")):
    for finding in f.read_text().splitlines():
        m = re.match(r"(.+?\.java):(\d+): \[(\w+)\] (.*)", finding)
        if not m or m.group(3) != check:
            continue
        total += 1
        src = HERE / "target" / f.stem / "src" / m.group(1)
        line = src.read_text(errors="replace").splitlines()[int(m.group(2)) - 1]
        shape = next((name for name, rule in RULES if rule(line, m.group(4))), "other call")
        counts[shape] += 1
        per_project[shape][f.stem] += 1
print(f"{total} {check} findings")
for shape, n in counts.most_common():
    top = ", ".join(f"{p} {c}" for p, c in per_project[shape].most_common(4))
    print(f"{n:5}  {shape}  ({top})")
