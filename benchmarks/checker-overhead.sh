#!/usr/bin/env bash
# Compile-time overhead of Corral's checks on real code (issue 6): FRVI alone vs FRVI + Corral's three checks,
# in-process javac, alternating rounds. Inputs come from the real-code runner, so run it once first:
#   integration-tests/run.sh --resolve-only <projects>     (or a normal run)
# Usage: benchmarks/checker-overhead.sh [--rounds N] [--warmup N] project...
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${CORRAL_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -B -q -pl benchmarks -am package -DskipTests
opens=()
for p in api file main model parser processing tree util; do opens+=("--add-exports=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED"); done
for p in code comp; do opens+=("--add-opens=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED"); done
exec "$JDK/bin/java" -Xmx3g "${opens[@]}" \
  -cp "$(cat benchmarks/target/benchmarks.classpath):benchmarks/target/classes" \
  dev.corral.benchmarks.compile.CheckerOverhead "$@"
