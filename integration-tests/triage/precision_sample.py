#!/usr/bin/env python3
"""Draws the reproducible sample for corral-precision.md from the findings of the last run (target/*/findings.txt).

`python3 integration-tests/triage/precision_sample.py CHECK N SEED` prints `project<TAB>finding` for N findings
drawn with random.Random(SEED) from the pool of CHECK's findings (projects in sorted order, lines as in
findings.txt), plus one random finding of every project the draw missed. N >= pool size prints every finding.
`python3 integration-tests/triage/precision_sample.py --frvi-only` prints every FRVI site that has no
LeakedFuture finding on the same file:line.
"""
import random
import re
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "target"


def findings():
    for f in sorted(TARGET.glob("*/findings.txt")):
        for line in f.read_text().splitlines():
            m = re.match(r"(.+?\.java:\d+): \[(\w+)\] ", line)
            if m:
                yield f.parent.name, m.group(1), m.group(2), line


if sys.argv[1] == "--frvi-only":
    lf = {(p, site) for p, site, check, _ in findings() if check == "LeakedFuture"}
    for p, site, check, line in findings():
        if check == "FutureReturnValueIgnored" and (p, site) not in lf:
            print(f"{p}\t{line}")
    sys.exit()
check, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
pool = [(p, line) for p, _, c, line in findings() if c == check]
sample = rng.sample(pool, min(n, len(pool)))
for project in sorted({p for p, _ in pool} - {p for p, _ in sample}):
    sample.append(rng.choice([x for x in pool if x[0] == project]))
for project, line in sorted(sample):
    print(f"{project}\t{line}")
