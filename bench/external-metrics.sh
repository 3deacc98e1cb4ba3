#!/usr/bin/env bash
# External indices benchmark: Cumulo's ExternalMetricsBench and scikit-learn 1.2.1 (bench/external_metrics_sklearn.py)
# on the same generated labelings (see docs/benchmarks.md, "External indices").
#
# Usage: bench/external-metrics.sh [WORKLOADS [REPS]]
#   default WORKLOADS: 100000:100:100:30,100000:10:120:60,1000000:100:100:30,1000000:1000:1000:30,singletons:100000:10
#   default REPS: 5
# Environment: CUMULO_BENCH_PYTHON (python with scikit-learn 1.2.1) [/usr/bin/python3], CUMULO_BENCH_NO_BUILD=1 to use
# the jar already built.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WL="${1:-100000:100:100:30,100000:10:120:60,1000000:100:100:30,1000000:1000:1000:30,singletons:100000:10}"
REPS="${2:-5}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"

if [ "${CUMULO_BENCH_NO_BUILD:-0}" != 1 ]; then
  (cd "$ROOT" && ./mvnw -q -B -pl cumulo-bench -am package -DskipTests)
fi
java -XX:+UseParallelGC -Xmx4g -cp "$JAR" io.cumulo.bench.ExternalMetricsBench "$WL" "$REPS"
java -XX:+UseParallelGC -Xmx4g -cp "$JAR" io.cumulo.bench.ExternalMetricsBench \
  hungarian:250,hungarian:500,hungarian:1000,hungarian:2000,hungarian-ij:500,hungarian-ij:1000,hungarian-ij:2000 3
"$PY" "$ROOT/bench/external_metrics_sklearn.py" "$WL" "$REPS"
