#!/usr/bin/env bash
# Static plots: time to write the PNG + SVG of a 20,000-point scatter chart and of a report of 11 charts (every
# trace type; its scatter has 20,000 points), in one JVM: the first call (cold) and the warm median of RUNS calls.
# See docs/benchmarks.md, "Static plots".
#
# Usage: bench/static-plots.sh [RUNS]     (default 10; builds cumulo-report's test classes first)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RUNS="${1:-10}"
cd "$ROOT"
./mvnw -B -q -pl cumulo-report -am test-compile
java -Djava.awt.headless=true -cp cumulo-report/target/classes:cumulo-report/target/test-classes:cumulo-core/target/classes \
  io.cumulo.report.StaticPlotsBench "$RUNS"
