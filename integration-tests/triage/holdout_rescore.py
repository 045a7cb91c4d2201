"""Recompute hold-out precision after a checker change from the verdicts in holdout-precision.md.

Usage (from integration-tests/): python3 triage/holdout_rescore.py triage/holdout-precision.md expected-warnings
For hold-out 2: python3 triage/holdout_rescore.py triage/holdout2-precision.md expected-warnings \
  dubbo-remoting-api,mongodb-driver-core,rocketmq-client,elasticsearch-rest-client,jnats,undertow-core,camel-base-engine,vertx-pg-client
Hold-out 5 (projects comma- or space-separated): python3 triage/holdout_rescore.py triage/holdout5-precision.md \
  expected-warnings jersey-client resteasy-client micronaut-http-client-core libthrift xxl-job-core flume-ng-core \
  nacos-client hazelcast
Sites still reported keep their verdict; sites gone are listed; new sites are unread."""
import re, sys, pathlib, collections
md, ew = sys.argv[1], pathlib.Path(sys.argv[2])
projects = ([q for a in sys.argv[3:] for q in a.split(",") if q] if len(sys.argv) > 3 else
            "grpc-netty jetty-server kafka-clients rxjava ratis-server log4j-core metrics-core hadoop-hdfs artemis-server".split())
section = None
verdicts = {}
for line in open(md):
    if line.startswith("## 1"): section = "LeakedFuture"
    elif line.startswith("## 2"): section = "UnscopedTask"
    elif line.startswith("## 3"): section = None
    m = re.match(r"\| *(\w+) *\| *([\w-]+) *\| *`([^`]+)` *\| *(TP|FP)", line)
    if m and section:
        verdicts[(section, m.group(2), m.group(3))] = m.group(4)
now = set()
for p in projects:
    f = ew / f"{p}.txt"
    for l in open(f):
        m = re.match(r"(.*?:\d+): \[(\w+)\]", l)
        if m and m.group(2) in ("LeakedFuture", "UnscopedTask"):
            now.add((m.group(2), p, m.group(1)))
for check in ("LeakedFuture", "UnscopedTask"):
    before = {k: v for k, v in verdicts.items() if k[0] == check}
    kept = {k: v for k, v in before.items() if k in now}
    gone = {k: v for k, v in before.items() if k not in now}
    new = sorted(k for k in now if k[0] == check and k not in verdicts)
    tp_b = sum(v == "TP" for v in before.values()); tp_k = sum(v == "TP" for v in kept.values())
    print(f"{check}: before {tp_b}/{len(before)}; still reported {tp_k}/{len(kept)}; gone {len(gone)} "
          f"(TP {sum(v=='TP' for v in gone.values())}, FP {sum(v=='FP' for v in gone.values())}); new unread {len(new)}")
    for k, v in sorted(gone.items()):
        if v == "TP": print("   TP lost:", k[1], k[2])
    for k in new: print("   new:", k[1], k[2])
