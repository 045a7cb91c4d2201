"""LeakedFuture precision of every hold-out verdict still reported, grouped by the call whose future is dropped.

Usage (from integration-tests/): python3 triage/shape_by_call.py
Verdict rows are read as triage/holdout_rescore.py reads them; findings from expected-warnings/<project>.txt."""
import re, collections, pathlib
files = ["holdout-precision.md"] + [f"holdout{i}-precision.md" for i in range(2, 11)]
messages = {}
for f in pathlib.Path("expected-warnings").glob("*.txt"):
    for l in open(f):
        m = re.match(r"(.*?:\d+): \[LeakedFuture\] (.*)", l)
        if m:
            messages.setdefault((f.stem, m.group(1)), m.group(2))
stats = collections.defaultdict(lambda: [0, 0])
for md in files:
    section = None
    for line in open("triage/" + md):
        if line.startswith("## 1"): section = "LeakedFuture"
        elif line.startswith("## 2"): section = None
        m = re.match(r"\| *(\w+) *\| *([\w-]+) *\| *`([^`]+)` *\| *(TP|FP)", line)
        if not (m and section) or (m.group(2), m.group(3)) not in messages:
            continue
        message = messages[(m.group(2), m.group(3))]
        call = re.search(r"returned by (\w+)\(\)", message)
        stats[call.group(1) if call else "OTHER: " + message[:60]][m.group(4) == "FP"] += 1
for name, (tp, fp) in sorted(stats.items(), key=lambda item: -sum(item[1])):
    print(f"{name:40} TP {tp:3} FP {fp:3}")
