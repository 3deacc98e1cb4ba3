#!/usr/bin/env bash
# k-means benchmark with the JVM peers: Cumulo, scikit-learn and other JVM libraries' k-means (ELKI, Smile,
# Tribuo, Weka, Commons Math, Spark MLlib local), interleaved round by round, one table. It is
# bench/kmeans.sh with CUMULO_BENCH_PEERS set; every setting of that script applies (see its header).
# The peers are in the Maven module cumulo-bench-peers (profile "peers", JDK 25); see docs/benchmarks.md,
# section "JVM peers", for how each library is configured.
#
# Usage: bench/kmeans-peers.sh [ROUNDS [WORKLOADS]]     e.g. bench/kmeans-peers.sh 5 kma,kmb,kmc
#        bench/kmeans-peers.sh --list                   the peer ids (builds the module first if needed)
#
# Which peers: CUMULO_BENCH_PEERS (ids, comma- or space-separated, or "all") [the default list below: every
# library, and every ELKI variant that was not slower than another one on all three workloads].
# Time: about 21 minutes per round (3 workloads) on the 2-core machine of docs/benchmarks.md, default list.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
PEERS_JDK="${CUMULO_BENCH_PEERS_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"

# Left out of the default (run them with CUMULO_BENCH_PEERS=all): ELKI SortMeans and CompareMeans (slower than
# ElkanKMeans on every workload) and KDTreePruningKMeans (slower than KDTreeFilteringKMeans on every workload,
# and ~2 minutes a fit on KM-B); see bench-results/kmeans-peers-screening-2026-11-24.md.
DEFAULT_PEERS="elki-lloyd elki-parallel-lloyd elki-elkan elki-simplified-elkan elki-hamerly elki-annulus
elki-exponion elki-shallot elki-yinyang elki-kdtree-filtering smile-bbd smile-fit tribuo weka commons-math
spark-mllib spark-ml-block"

if [ "${1:-}" = --list ]; then
  target="$ROOT/cumulo-bench-peers/target"
  if [ ! -f "$target/classpath.txt" ]; then
    (cd "$ROOT" && JAVA_HOME="$PEERS_JDK" ./mvnw -q -B -Ppeers -pl cumulo-bench-peers -am package -DskipTests) >&2
  fi
  exec "$PEERS_JDK/bin/java" -cp "$target/classes:$(cat "$target/classpath.txt")" io.cumulo.bench.peers.PeerBench --list
fi

export CUMULO_BENCH_PEERS="${CUMULO_BENCH_PEERS:-$(tr '\n' ' ' <<<"$DEFAULT_PEERS")}"
exec "$ROOT/bench/kmeans.sh" "$@"
