import random
P=["grpc-netty","jetty-server","kafka-clients","rxjava","ratis-server","log4j-core","metrics-core","hadoop-hdfs","artemis-server"]
lines=[]
for p in P:
    for l in open(f"expected-warnings/{p}.txt"):
        if "[LeakedFuture]" in l: lines.append(p+" | "+l.rstrip("\n"))
print(len(lines))
s=random.Random(2026).sample(sorted(lines),60)
for i,l in enumerate(s,1): print(i, l.split(": [LeakedFuture]")[0])
