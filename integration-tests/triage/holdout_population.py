"""The whole population of hold-out 2, 3, 4, 5, 6 or 7, in the order of the `#` column of holdout<N>-precision.md.

Usage (from integration-tests/): python3 triage/holdout_population.py 2|3|4|5|6|7 [LeakedFuture|UnscopedTask|UncheckedGatherError]
Each hold-out has at most 150 Corral findings (90, 36, 62, 99 and 114), so every one is read and nothing is sampled; this
script only fixes the numbering: per check, the lines "<project> | <path>:<line>" of the eight baseline files in
the project order below, each file's lines in file order (they are sorted), numbered from 1."""
import re, sys
PROJECTS = {
    "2": ["dubbo-remoting-api", "mongodb-driver-core", "rocketmq-client", "elasticsearch-rest-client", "jnats",
          "undertow-core", "camel-base-engine", "vertx-pg-client"],
    "3": ["hadoop-yarn-common", "hadoop-yarn-server-nodemanager", "vertx-mqtt", "grpc-okhttp", "netty-resolver-dns",
          "flink-core", "kafka-streams", "artemis-core-client"],
    "4": ["amqp-client", "sshd-core", "grizzly-framework", "spymemcached", "temporal-sdk", "jedis", "helix-core",
          "storm-client"],
    "5": ["jersey-client", "resteasy-client", "micronaut-http-client-core", "libthrift", "xxl-job-core", "flume-ng-core",
          "nacos-client", "hazelcast"],
    "6": ["kafka-raft", "kafka-server-common", "kafka-storage", "dubbo-rpc-api", "vertx-kafka-client", "seata-core",
          "disruptor", "ignite-core"],
    "7": ["ratis-client", "hadoop-yarn-client", "hadoop-hdfs-client", "flink-connector-base", "rocketmq-remoting",
          "rocketmq-common", "solr-solrj-zookeeper", "solr-solrj-streaming", "camel-support"],
}
if len(sys.argv) < 2 or sys.argv[1] not in PROJECTS:
    sys.exit("usage: holdout_population.py 2|3|4|5|6|7 [check...]")
checks = sys.argv[2:] or ["LeakedFuture", "UnscopedTask", "UncheckedGatherError"]
for check in checks:
    n = 0
    print(f"## {check}")
    for p in PROJECTS[sys.argv[1]]:
        for l in open(f"expected-warnings/{p}.txt"):
            m = re.match(r"(.*?:\d+): \[(\w+)\]", l)
            if m and m.group(2) == check:
                n += 1
                print(n, p, "|", m.group(1))
    print(f"{check}: {n}")
