#!/usr/bin/env bash
# Corral real-code runner: compiles pinned real projects' sources jars with Error Prone and the Corral checks,
# records findings and diffs them against expected-warnings/. See README.md.
#   integration-tests/run.sh [--checks A,B,...] [--sync] [--repeat N] [--resolve-only] [project...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec python3 "$here/runner.py" "$@"
