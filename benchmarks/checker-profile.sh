#!/usr/bin/env bash
# Where Corral's checks spend compile time (issue 6): compiles real projects in-process with FRVI + Corral's three
# checks (CheckerOverhead --profile), records the measured rounds with JFR (execution samples every 1 ms, deep
# stacks), then aggregates the samples by dev.corral.checker frame (JfrHotspots).
# Inputs as for checker-overhead.sh: integration-tests/run.sh --resolve-only <projects> first.
# Usage: benchmarks/checker-profile.sh [--rounds N] [--warmup N] project...   (recording: benchmarks/target/checker.jfr)
set -euo pipefail
cd "$(dirname "$0")/.."
JDK="${CORRAL_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
JFR_FILE="${CORRAL_JFR:-benchmarks/target/checker.jfr}"
./mvnw -B -q -pl benchmarks -am package -DskipTests
opens=()
for p in api file main model parser processing tree util; do opens+=("--add-exports=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED"); done
for p in code comp; do opens+=("--add-opens=jdk.compiler/com.sun.tools.javac.$p=ALL-UNNAMED"); done
CP="$(cat benchmarks/target/benchmarks.classpath):benchmarks/target/classes"
"$JDK/bin/java" -Xmx3g -XX:FlightRecorderOptions:stackdepth=2048 "${opens[@]}" -cp "$CP" \
  dev.corral.benchmarks.compile.CheckerOverhead --profile "$JFR_FILE" "$@"
"$JDK/bin/java" -cp "$CP" dev.corral.benchmarks.compile.JfrHotspots "$JFR_FILE" "${CORRAL_TOP:-15}"
