#!/usr/bin/env python3
"""Draws the reproducible triage sample: `python3 integration-tests/triage/sample.py CHECK [N] [SEED]`.

Pools expected-warnings/*.txt lines of CHECK, draws N at random (seeded), then adds one random finding of every
project that the draw missed, so that projects with few findings are represented too. Prints `project<TAB>finding`.
"""
import random
import sys
from pathlib import Path

check = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 24
rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 5)
pool = []
for f in sorted((Path(__file__).resolve().parent.parent / "expected-warnings").glob("*.txt")):
    pool += [(f.stem, line) for line in f.read_text().splitlines() if f": [{check}] " in line]
sample = rng.sample(pool, min(n, len(pool)))
for project in sorted({p for p, _ in pool} - {p for p, _ in sample}):
    sample.append(rng.choice([x for x in pool if x[0] == project]))
for project, line in sorted(sample):
    print(f"{project}\t{line}")
