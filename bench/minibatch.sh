#!/usr/bin/env bash
# Mini-batch k-means benchmark: Cumulo's minibatch-kmeans (on each JDK given) against scikit-learn 1.2.1's
# MiniBatchKMeans on the k-means workload KM-A (500,000 x 16, k=16): batch size 1024, 3 initialisations,
# everything else at the defaults, one fit per seed. Fit time only (final labels of every row and the exact
# inertia included, as scikit-learn's compute_labels=True does); contenders interleaved round by round, medians
# reported. See docs/benchmarks.md.
#
# Usage: bench/minibatch.sh [ROUNDS [SEEDS [WORKLOAD]]]        e.g. bench/minibatch.sh 3 0-9 kma
#
# Environment (defaults in brackets):
#   CUMULO_BENCH_DATA     directory holding WORKLOAD.meta and WORKLOAD.f64 [bench-data/ of this repository]
#   CUMULO_BENCH_PYTHON   python with numpy and scikit-learn [/usr/bin/python3]
#   CUMULO_BENCH_JDKS     space-separated JAVA_HOMEs to run Cumulo on
#                         [/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64, those present]
#   CUMULO_BENCH_THREADS  threads for Cumulo [the number of processors]
#   OMP_NUM_THREADS       (scikit-learn's own) threads for scikit-learn [the number of processors]
#   CUMULO_BENCH_WARMUP   untimed fits per JVM before the timed ones [3]
#   CUMULO_BENCH_JAVA_OPTS extra JVM options for Cumulo (e.g. -Dcumulo.kernels=scalar for the plain-Java kernels)
#   CUMULO_BENCH_NO_BUILD=1 use the jar already built
#
# Writes bench-results/minibatch-DATE.jsonl (every timed fit) and minibatch-DATE.md (the summary, also printed);
# exits 1 if a check fails (a reported inertia that is not the exact sum, or a seed whose result changes between
# rounds).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS="${1:-3}"
SEEDS="${2:-0-9}"
WL="${3:-kma}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
THREADS="${CUMULO_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}"
WARMUP="${CUMULO_BENCH_WARMUP:-3}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
# the ./cumulo launcher's options: with the Vector API module the kernels are PanamaKernels, as users get them
JVM_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Djava.awt.headless=true --add-modules jdk.incubator.vector)

BENCH_NAME=minibatch.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
[ -f "$DATA/$WL.meta" ] && [ -f "$DATA/$WL.f64" ] || die "$DATA lacks $WL.meta or $WL.f64; generate the workloads
  with bench/kmeans.sh (or the shared gen_data.py), or point CUMULO_BENCH_DATA at a directory holding them"

bench_jdks

bench_build
"$PY" -c 'import sklearn' 2>/dev/null || die "$PY cannot import sklearn (Debian: apt-get install python3-sklearn)"

OUT="$(bench_results "minibatch")"

contenders=()
for h in "${JDKS[@]}"; do contenders+=("java:$h"); done
contenders+=("sklearn")

run_one() {
  local c="$1" r="$2" lines
  if [ "$c" = sklearn ]; then
    lines="$("$PY" "$ROOT/bench/minibatch_sklearn.py" "$DATA" "$WL" "$SEEDS")" || die "scikit-learn failed"
  else
    lines="$("${c#java:}/bin/java" "${JVM_OPTS[@]}" ${CUMULO_BENCH_JAVA_OPTS:-} -cp "$JAR" io.cumulo.bench.MiniBatchBench \
             "$DATA" "$WL" "$SEEDS" "$THREADS" --warmup="$WARMUP")" || die "Cumulo failed (${c#java:})"
  fi
  grep '^{' <<<"$lines" | sed "s/^{/{\"round\": $r, /" >>"$OUT"
  say "  $(basename "${c#java:}"): $(grep '^{' <<<"$lines" | sed -n 's/.*"seconds": \([0-9.eE-]*\).*/\1/p' | cut -c1-5 | tr '\n' ' ')s"
}

say "$ROUNDS rounds of $WL, seeds $SEEDS; contenders: ${contenders[*]}; results: ${OUT#"$ROOT"/}"
nc=${#contenders[@]}
for ((r = 1; r <= ROUNDS; r++)); do
  say "round $r/$ROUNDS"
  for ((j = 0; j < nc; j++)); do
    run_one "${contenders[$(((j + r - 1) % nc))]}" "$r"
  done
done

{
  echo
  echo "mini-batch k-means on $WL, Cumulo on $THREADS threads, scikit-learn on ${OMP_NUM_THREADS:-all} OpenMP threads, $ROUNDS rounds x seeds $SEEDS; $(date +%F); results in ${OUT#"$ROOT"/}"
  echo "machine: $(getconf _NPROCESSORS_ONLN) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
  for h in "${JDKS[@]}"; do echo "JDK: $("$h/bin/java" -version 2>&1 | sed -n 2p)"; done
  echo
  "$(command -v python3 || echo "$PY")" "$ROOT/bench/minibatch_report.py" "$OUT"
} | tee "${OUT%.jsonl}.md"
