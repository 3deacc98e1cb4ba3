#!/usr/bin/env bash
# t-SNE benchmark: Cumulo's Barnes-Hut t-SNE (TSNE with its defaults, seed 0, on each JDK given) against
# scikit-learn 1.2.1's TSNE (its defaults: Barnes-Hut, angle 0.5, perplexity 30, PCA init, learning rate "auto",
# 1,000 iterations; random_state 0) on the same data: n = 10,000, d = 50, 10 Gaussian blobs. Time of the fit only
# (no JVM or Python start, no file reading); contenders interleaved round by round (the machine is shared and
# noisy), medians reported, with the final KL divergence of each (and Cumulo's trustworthiness). See
# docs/benchmarks.md, "t-SNE".
#
# Usage: bench/tsne.sh [ROUNDS]        e.g. bench/tsne.sh 3
#
# Environment (defaults in brackets):
#   CUMULO_BENCH_DATA     directory for the workload tsne-10000-50 [bench-data/ of this repository]; written (by
#                         bench/tsne_sklearn.py gen, seeded) when missing
#   CUMULO_BENCH_PYTHON   python with numpy and scikit-learn [/usr/bin/python3]
#   CUMULO_BENCH_JDKS     space-separated JAVA_HOMEs to run Cumulo on [/usr/lib/jvm/temurin-25-jdk-amd64, else
#                         /usr/lib/jvm/java-17-openjdk-amd64]
#   CUMULO_BENCH_THREADS  threads for Cumulo [the number of processors]
#   CUMULO_BENCH_JAVA_OPTS extra JVM options for Cumulo
#   CUMULO_BENCH_NO_BUILD=1 use the jar already built
#
# Writes bench-results/tsne-DATE.jsonl (every timed run) and tsne-DATE.md (the summary, also printed).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS="${1:-3}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
THREADS="${CUMULO_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
JVM_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Djava.awt.headless=true --add-modules jdk.incubator.vector)
RUNNER="$ROOT/bench/tsne_sklearn.py"
WORKLOAD=tsne-10000-50

BENCH_NAME=tsne.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
"$PY" -c 'import sklearn' 2>/dev/null || die "$PY cannot import sklearn (Debian: apt-get install python3-sklearn)"

if [ ! -f "$DATA/$WORKLOAD.meta" ] || [ ! -f "$DATA/$WORKLOAD.f64" ]; then
  say "writing $WORKLOAD into $DATA"
  "$PY" "$RUNNER" gen "$DATA" 10000 50 10 5 >/dev/null || die "could not write $WORKLOAD"
fi

bench_jdks first

bench_build

OUT="$(bench_results "tsne")"

contenders=()
for h in "${JDKS[@]}"; do contenders+=("java:$h"); done
contenders+=("sklearn")

run_one() {
  local c="$1" r="$2" lines
  if [ "$c" = sklearn ]; then
    lines="$("$PY" "$RUNNER" time "$DATA" "$WORKLOAD" 1)" || die "scikit-learn failed"
  else
    # shellcheck disable=SC2086
    lines="$("${c#java:}/bin/java" "${JVM_OPTS[@]}" ${CUMULO_BENCH_JAVA_OPTS:-} -cp "$JAR" \
             io.cumulo.bench.TSNEBench "$DATA" "$WORKLOAD" 1 "$THREADS" --trust 2>/dev/null)" \
      || die "Cumulo failed (${c#java:})"
  fi
  grep -q '^{' <<<"$lines" || die "$c printed no result"
  grep '^{' <<<"$lines" | sed "s/^{/{\"round\": $r, /" >>"$OUT"
  say "  $(basename "${c#java:}"): $(grep '^{' <<<"$lines" | sed -n 's/.*"seconds": \([0-9.eE-]*\).*/\1/p' | cut -c1-6)s"
}

say "$ROUNDS rounds; contenders: ${contenders[*]}; results: ${OUT#"$ROOT"/}"
nc=${#contenders[@]}
for ((r = 1; r <= ROUNDS; r++)); do
  say "round $r/$ROUNDS"
  for ((j = 0; j < nc; j++)); do
    run_one "${contenders[$(((j + r - 1) % nc))]}" "$r"
  done
done

{
  echo
  echo "t-SNE (Barnes-Hut, 1,000 iterations), $WORKLOAD; Cumulo on $THREADS threads, scikit-learn with its default (OpenMP) threads; median of $ROUNDS rounds; $(date +%F); results in ${OUT#"$ROOT"/}"
  echo "machine: $(getconf _NPROCESSORS_ONLN) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
  for h in "${JDKS[@]}"; do echo "JDK: $("$h/bin/java" -version 2>&1 | sed -n 2p)"; done
  echo
  "$PY" - "$OUT" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
sk = [r["seconds"] for r in rows if r["contender"].startswith("sklearn")]
sk_med = statistics.median(sk) if sk else None
print("| contender | median s | min–max s | ratio to scikit-learn | KL divergence (median) | trustworthiness k=10 |")
print("|---|---:|---:|---:|---:|---:|")
groups = {}
for r in rows:
    key = r["contender"] + (" " + r["java"] + " " + r["kernels"] if "java" in r else "")
    groups.setdefault(key, []).append(r)
for c, rs in sorted(groups.items()):
    t = [r["seconds"] for r in rs]
    med = statistics.median(t)
    kl = statistics.median(r["kl_divergence"] for r in rs)
    tw = rs[0].get("trustworthiness_10")
    print("| %s | %.2f | %.2f–%.2f | %s | %.4f | %s |" % (c, med, min(t), max(t),
          "%.2f" % (med / sk_med) if sk_med else "–", kl, "%.4f" % tw if tw is not None else "–"))
PYEOF
} | tee "${OUT%.jsonl}.md"
