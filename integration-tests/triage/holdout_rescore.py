"""Recompute hold-out precision after a checker change from the verdicts in the hold-out triage files.

Usage (from integration-tests/):
  python3 triage/holdout_rescore.py --all [findings-dir]
      every hold-out (findings from expected-warnings/, or a directory of <project>.txt files in its format):
      its projects are the [[project]] entries of its block in projects.toml (the block whose
      "# Hold-out" comment names its triage/holdout*-precision.md), then one line of totals per check
  python3 triage/holdout_rescore.py triage/holdout-precision.md expected-warnings
      hold-out 1 with its default project list
  python3 triage/holdout_rescore.py triage/holdout5-precision.md expected-warnings jersey-client,resteasy-client ...
      one hold-out, projects comma- or space-separated
Sites still reported keep their verdict; sites gone are listed; new sites are unread."""
import collections
import pathlib
import re
import sys

CHECKS = ("LeakedFuture", "UnscopedTask")
HOLDOUT_1 = "grpc-netty jetty-server kafka-clients rxjava ratis-server log4j-core metrics-core hadoop-hdfs artemis-server"


def verdicts_of(md):
    """(check, project, site) -> "TP"/"FP", from the verdict tables of sections 1 (LeakedFuture) and 2."""
    section, verdicts = None, {}
    for line in open(md):
        if line.startswith("## 1"):
            section = "LeakedFuture"
        elif line.startswith("## 2"):
            section = "UnscopedTask"
        elif line.startswith("## 3"):
            section = None
        m = re.match(r"\| *(\w+) *\| *([\w-]+) *\| *`([^`]+)` *\| *(TP|FP)", line)
        if m and section:
            verdicts[(section, m.group(2), m.group(3))] = m.group(4)
    return verdicts


def findings_of(ew, projects):
    now = set()
    for p in projects:
        for line in open(ew / f"{p}.txt"):
            m = re.match(r"(.*?:\d+): \[(\w+)\]", line)
            if m and m.group(2) in CHECKS:
                now.add((m.group(2), p, m.group(1)))
    return now


def rescore(md, ew, projects, totals):
    verdicts, now = verdicts_of(md), findings_of(ew, projects)
    for check in CHECKS:
        before = {k: v for k, v in verdicts.items() if k[0] == check}
        kept = {k: v for k, v in before.items() if k in now}
        gone = {k: v for k, v in before.items() if k not in now}
        new = sorted(k for k in now if k[0] == check and k not in verdicts)
        tp_b = sum(v == "TP" for v in before.values())
        tp_k = sum(v == "TP" for v in kept.values())
        totals[check][0] += tp_k
        totals[check][1] += len(kept)
        print(f"{check}: before {tp_b}/{len(before)}; still reported {tp_k}/{len(kept)}; gone {len(gone)} "
              f"(TP {sum(v == 'TP' for v in gone.values())}, FP {sum(v == 'FP' for v in gone.values())}); "
              f"new unread {len(new)}")
        for k, v in sorted(gone.items()):
            if v == "TP":
                print("   TP lost:", k[1], k[2])
        for k in new:
            print("   new:", k[1], k[2])


def holdout_blocks(toml):
    """triage file -> its projects, from the "# Hold-out" blocks of projects.toml, in file order."""
    blocks, current, pending = {}, None, False
    for line in open(toml):
        if line.startswith("# ----") or line.startswith("# Not part of a hold-out"):
            current, pending = None, False
        elif line.startswith("# Hold-out"):
            pending = True
        if pending and line.startswith("#"):
            m = re.search(r"triage/(holdout\S*-precision\.md)", line)
            if m:
                current, pending = m.group(1), False
                blocks[current] = []
        m = re.match(r'name = "([^"]+)"', line)
        if m and current:
            blocks[current].append(m.group(1))
    return blocks


def main(argv):
    totals = collections.defaultdict(lambda: [0, 0])
    if argv[1:2] == ["--all"]:
        ew = pathlib.Path(argv[2] if len(argv) > 2 else "expected-warnings")
        for md, projects in holdout_blocks("projects.toml").items():
            print(f"== {md} ({len(projects)} projects)")
            rescore(pathlib.Path("triage") / md, ew, projects, totals)
        for check in CHECKS:
            tp, n = totals[check]
            print(f"all hold-outs, {check} still reported: {tp}/{n}" + (f" = {100 * tp / n:.0f} %" if n else ""))
        return
    md, ew = argv[1], pathlib.Path(argv[2])
    projects = [q for a in argv[3:] for q in a.split(",") if q] if len(argv) > 3 else HOLDOUT_1.split()
    rescore(md, ew, projects, totals)


if __name__ == "__main__":
    main(sys.argv)
