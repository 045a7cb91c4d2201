#!/usr/bin/env python3
"""Re-scores the judged samples of corral-precision-4.md against the current baselines (corral-precision-5.md).

`python3 integration-tests/triage/rescore.py` prints, per sample and pooled over distinct sites, the precision of
the judged sites that are still reported in `expected-warnings/` and the judged true positives that are gone
(a lost TP must be explained). Removing judged sites is not a fresh sample: see corral-precision-5.md section 4.
"""
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
doc = (HERE / "corral-precision-4.md").read_text()


def rows(section):
    for line in section.splitlines():
        m = re.match(r"\| (\d+) \| ([\w-]+)(?: \*\(added\)\*)? \| `([^`]+)` \| (TP|FP-\w) \|", line)
        if m:
            yield int(m.group(1)), m.group(2), m.group(3), m.group(4)


samples = {
    "S1 (seed 2026)": list(rows(doc[doc.index("## 1. Sample 1"):doc.index("## 2. Sample 2")])),
    "S2 (seed 7)": list(rows(doc[doc.index("## 2. Sample 2"):doc.index("## 3. Precision")])),
}
current = set()
for baseline in (HERE.parent / "expected-warnings").glob("*.txt"):
    for line in baseline.read_text().splitlines():
        if "[LeakedFuture]" in line:
            current.add((baseline.stem, line.split(": [")[0]))
distinct = {}
for name, judged in samples.items():
    kept = [r for r in judged if (r[1], r[2]) in current]
    tp = sum(r[3] == "TP" for r in kept)
    print(f"{name}: {tp}/{len(kept)} = {100 * tp / len(kept):.0f}% of the {len(judged)} judged sites still reported")
    distinct.update({(r[1], r[2]): r[3] for r in judged})
kept = {k: v for k, v in distinct.items() if k in current}
tp = sum(v == "TP" for v in kept.values())
print(f"pooled distinct: {tp}/{len(kept)} = {100 * tp / len(kept):.1f}%")
lost = sorted(k for k, v in distinct.items() if v == "TP" and k not in current)
print("judged TPs no longer reported:", lost or "none")
