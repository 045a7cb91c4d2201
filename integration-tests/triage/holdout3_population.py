"""The whole hold-out-3 population, in the order of the `#` column of holdout3-precision.md.

Usage (from integration-tests/): python3 triage/holdout3_population.py [LeakedFuture|UnscopedTask|UncheckedGatherError]
There are 36 Corral findings in the eight projects (<= 120), so every one is read and nothing is sampled; this
script only fixes the numbering: per check, the lines "<project> | <path>:<line>" of the eight baseline files in
the project order below, each file's lines in file order (they are sorted), numbered from 1."""
import re, sys
P = ["hadoop-yarn-common", "hadoop-yarn-server-nodemanager", "vertx-mqtt", "grpc-okhttp", "netty-resolver-dns",
     "flink-core", "kafka-streams", "artemis-core-client"]
checks = sys.argv[1:] or ["LeakedFuture", "UnscopedTask", "UncheckedGatherError"]
for check in checks:
    n = 0
    print(f"## {check}")
    for p in P:
        for l in open(f"expected-warnings/{p}.txt"):
            m = re.match(r"(.*?:\d+): \[(\w+)\]", l)
            if m and m.group(2) == check:
                n += 1
                print(n, p, "|", m.group(1))
    print(f"{check}: {n}")
