#!/usr/bin/env bash
# Report open time: navigation start until every chart is drawn (window.cumuloReport.ready), in headless Debian
# Chromium driven by Selenium, for a 10,000-point WebGL scatter + 8 charts, for a 1,000,000-row input sampled
# to 20,000 points + 4 charts, and for a baseline page with plotly.js inlined as a plain script and no chart.
# See docs/benchmarks.md, "Report".
#
# Usage: bench/report-open.sh [RUNS [REPORT.html ...]]   (default 5; needs chromium and chromium-driver from Debian)
#   report files written by the CLI (cumulo cluster ... --report F.html) given after RUNS are timed the same way
# Each run opens every page in a new browser with a new profile (a reader's first open: no cache of any kind),
# then once more in that browser. Prints the file sizes, then per page the median first open, when plotly.js was
# unpacked and loaded, how long the charts took, and the median second open.
# Environment: CUMULO_BENCH_BUILTIN=0 times only the given files; CUMULO_CHROMIUM_ARGS adds browser flags
# (e.g. "--js-flags=--no-lazy").
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RUNS="${1:-5}"
shift || true
EXTRA=()
for f in "$@"; do EXTRA+=("$(readlink -f "$f")"); done
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "report-open.sh: RUNS must be a positive integer, got '$RUNS'" >&2; exit 1; }
CP_FILE="$(mktemp)"
trap 'rm -f "$CP_FILE"' EXIT
(cd "$ROOT" && ./mvnw -q -B -pl cumulo-report -am test-compile \
  org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE") >&2
R="$ROOT/cumulo-report/target"
java -Xmx2g -Djava.awt.headless=true -cp "$R/test-classes:$R/classes:$(cat "$CP_FILE")" \
  io.cumulo.report.ReportOpenBench "$RUNS" "$R/report-open" "${EXTRA[@]}"
