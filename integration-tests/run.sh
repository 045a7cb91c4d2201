#!/usr/bin/env bash
# Corral real-code runner: compiles pinned real projects' sources jars with Error Prone and the Corral checks,
# records findings and diffs them against expected-warnings/. See README.md.
#   integration-tests/run.sh [--checks A,B,...] [--sync] [--repeat N] [--patch] [--resolve-only] [project...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
  echo "run.sh: needs Python 3.11+ (tomllib); set PYTHON to one" >&2
  exit 2
fi
exec "$python" "$here/runner.py" "$@"
