#!/usr/bin/env python3
"""Draws the reproducible triage sample: `python3 integration-tests/triage/sample.py CHECK [N] [SEED] [--exclude P,Q]`.

Pools expected-warnings/*.txt lines of CHECK, draws N at random (seeded), then adds one random finding of every
project that the draw missed, so that projects with few findings are represented too. Prints `project<TAB>finding`.
"""
import random
import sys
from pathlib import Path

args = sys.argv[1:]
exclude = set()
if "--exclude" in args:
    i = args.index("--exclude")
    exclude = set(args[i + 1].split(","))  # projects added after a sample was drawn, to redraw the same sample
    del args[i:i + 2]
check = args[0]
n = int(args[1]) if len(args) > 1 else 24
rng = random.Random(int(args[2]) if len(args) > 2 else 5)
pool = []
for f in sorted((Path(__file__).resolve().parent.parent / "expected-warnings").glob("*.txt")):
    if f.stem in exclude:
        continue
    pool += [(f.stem, line) for line in f.read_text().splitlines() if f": [{check}] " in line]
sample = rng.sample(pool, min(n, len(pool)))
for project in sorted({p for p, _ in pool} - {p for p, _ in sample}):
    sample.append(rng.choice([x for x in pool if x[0] == project]))
for project, line in sorted(sample):
    print(f"{project}\t{line}")
