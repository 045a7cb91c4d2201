#!/usr/bin/env bash
# Compiles every snippet of this directory with Error Prone and the Corral checks and prints the findings, so the
# false positives and recall losses in ../corral-precision.md can be reproduced (and re-checked after a fix).
# Usage: integration-tests/triage/precision-repro/check.sh   (after ./mvnw -B -q -pl checker -am package -DskipTests
# and one integration-tests/run.sh, which downloads the jars used here into ~/.m2)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../.." && pwd)
JAR=${CORRAL_CHECKER_JAR:-$ROOT/checker/target/corral-checker-0.1.0.jar}
JDK=${CORRAL_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
M2=$HOME/.m2/repository
OPTS=$(ls "$ROOT"/integration-tests/target/*/javac-options.txt | head -1)
PP=$(grep -A1 '^-processorpath' "$OPTS" | tail -1 | tr ':' '\n' | grep -v corral-checker | paste -sd:)
CP=$M2/io/netty/netty-common/4.1.118.Final/netty-common-4.1.118.Final.jar:$M2/io/netty/netty-transport/4.1.118.Final/netty-transport-4.1.118.Final.jar:$M2/io/netty/netty-buffer/4.1.118.Final/netty-buffer-4.1.118.Final.jar
J=()
for p in api file main model parser processing tree util; do J+=("-J--add-exports=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED"); done
J+=("-J--add-opens=jdk.compiler/com.sun.tools.javac.code=ALL-UNNAMED" "-J--add-opens=jdk.compiler/com.sun.tools.javac.comp=ALL-UNNAMED")
OUT=$(mktemp -d)
for dir in leaked recall unscoped; do
  echo "== $dir"
  "$JDK/bin/javac" "${J[@]}" --release 21 -proc:none -Xlint:none -XDsuppressNotes -d "$OUT" -cp "$CP" \
    -processorpath "$PP:$JAR" -XDcompilePolicy=simple --should-stop=ifError=FLOW \
    "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:LeakedFuture:WARN -Xep:UnscopedTask:WARN -Xep:UncheckedGatherError:WARN" \
    $(find "$HERE/$dir" -name '*.java') 2>&1 | grep -E '^/.*: (warning|error):' | sed "s|$HERE/||; s|: warning: \[\([A-Za-z]*\)\].*| [\1]|" || true
done
echo "== crash (--release 8)"
"$JDK/bin/javac" "${J[@]}" --release 8 -proc:none -Xlint:none -XDsuppressNotes -d "$OUT" \
  -processorpath "$PP:$JAR" -XDcompilePolicy=simple --should-stop=ifError=FLOW \
  "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:UnscopedTask:WARN" "$HERE/crash/Release8Crash.java" 2>&1 \
  | grep -E 'unhandled exception|NullPointerException|\[UnscopedTask\]' | sed "s|$HERE/||" || true
rm -rf "$OUT"
