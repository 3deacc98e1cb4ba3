#!/usr/bin/env bash
# FIt-SNE benchmark: Cumulo's t-SNE with method=fft (FFT-accelerated interpolation) against method=barnes-hut,
# both with TSNE's other defaults (seed 0, perplexity 30, PCA init, learning rate auto), on the same data: n rows,
# d = 50, 10 Gaussian blobs (bench/tsne_sklearn.py gen N 50 10 5; n = 10,000 is bench/tsne.sh's workload). Time of
# the fit only (no JVM start, no file reading), after one untimed fit on the first 2,000 rows (JIT); the two
# methods interleaved round by round (the machine is shared and noisy), medians reported, with the final KL
# divergence of each (and the trustworthiness, k = 10, up to 20,000 rows). See docs/benchmarks.md, "FIt-SNE".
#
# Usage: bench/fitsne.sh N [ROUNDS] [MAX_ITER]       e.g. bench/fitsne.sh 10000 3; bench/fitsne.sh 100000 1
#
# Environment (defaults in brackets):
#   CUMULO_BENCH_DATA     directory for the workload tsne-N-50 [bench-data/ of this repository]; written (by
#                         bench/tsne_sklearn.py gen, seeded) when missing
#   CUMULO_BENCH_PYTHON   python with numpy, to write the workload [/usr/bin/python3]
#   CUMULO_BENCH_JDK      JAVA_HOME to run Cumulo on [/usr/lib/jvm/temurin-25-jdk-amd64, else java-17-openjdk-amd64]
#   CUMULO_BENCH_THREADS  threads [the number of processors]
#   CUMULO_BENCH_NO_BUILD=1 use the jar already built
#
# Writes bench-results/fitsne-N-DATE.jsonl (every timed run) and .md (the summary, also printed).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
N="${1:-}"
ROUNDS="${2:-3}"
MAX_ITER="${3:-1000}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
THREADS="${CUMULO_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
JVM_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Djava.awt.headless=true --add-modules jdk.incubator.vector)

BENCH_NAME=fitsne.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

[[ "$N" =~ ^[1-9][0-9]*$ ]] || die "N (the number of rows) must be a positive integer, got '$N'"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
[[ "$MAX_ITER" =~ ^[1-9][0-9]*$ ]] && [ "$MAX_ITER" -ge 250 ] || die "MAX_ITER must be an integer ≥ 250, got '$MAX_ITER'"
WORKLOAD="tsne-$N-50"

if [ ! -f "$DATA/$WORKLOAD.meta" ] || [ ! -f "$DATA/$WORKLOAD.f64" ]; then
  say "writing $WORKLOAD into $DATA"
  "$PY" "$ROOT/bench/tsne_sklearn.py" gen "$DATA" "$N" 50 10 5 >/dev/null || die "could not write $WORKLOAD"
fi

JDK="${CUMULO_BENCH_JDK:-}"
if [ -z "$JDK" ]; then
  for h in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64; do
    if [ -x "$h/bin/java" ]; then JDK="$h"; break; fi
  done
fi
[ -n "$JDK" ] && [ -x "$JDK/bin/java" ] || die "no JDK to run Cumulo on; set CUMULO_BENCH_JDK"

bench_build

OUT="$(bench_results "fitsne-$N")"

TRUST=()
[ "$N" -le 20000 ] && TRUST=(--trust)
methods=(fft barnes-hut)
say "$ROUNDS rounds of $MAX_ITER iterations; methods: ${methods[*]}; results: ${OUT#"$ROOT"/}"
for ((r = 1; r <= ROUNDS; r++)); do
  say "round $r/$ROUNDS"
  for ((j = 0; j < 2; j++)); do
    m="${methods[$(((j + r - 1) % 2))]}"
    lines="$("$JDK/bin/java" "${JVM_OPTS[@]}" -cp "$JAR" io.cumulo.bench.TSNEBench "$DATA" "$WORKLOAD" 1 "$THREADS" \
             --method="$m" --max-iter="$MAX_ITER" "${TRUST[@]}" 2>/dev/null)" || die "Cumulo failed ($m)"
    grep -q '^{' <<<"$lines" || die "$m printed no result"
    grep '^{' <<<"$lines" | sed "s/^{/{\"round\": $r, /" >>"$OUT"
    say "  $m: $(grep '^{' <<<"$lines" | sed -n 's/.*"seconds": \([0-9.eE-]*\).*/\1/p' | cut -c1-6)s"
  done
done

{
  echo
  echo "t-SNE fft against barnes-hut, $WORKLOAD, $MAX_ITER iterations, $THREADS threads; median of $ROUNDS rounds; $(date +%F); results in ${OUT#"$ROOT"/}"
  echo "machine: $(getconf _NPROCESSORS_ONLN) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1); load average before the summary: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "JDK: $("$JDK/bin/java" -version 2>&1 | sed -n 2p)"
  echo
  "$PY" - "$OUT" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
groups = {}
for r in rows:
    groups.setdefault(r["method"], []).append(r)
bh = statistics.median(r["seconds"] for r in groups.get("barnes-hut", [{"seconds": float("nan")}]))
print("| method | median s | min–max s | ratio to barnes-hut | KL divergence (median) | trustworthiness k=10 |")
print("|---|---:|---:|---:|---:|---:|")
for m in ("fft", "barnes-hut"):
    rs = groups.get(m, [])
    if not rs:
        continue
    t = [r["seconds"] for r in rs]
    med = statistics.median(t)
    kl = statistics.median(r["kl_divergence"] for r in rs)
    tw = rs[0].get("trustworthiness_10")
    print("| %s | %.2f | %.2f–%.2f | %.2f | %.4f | %s |" % (m, med, min(t), max(t), med / bh, kl,
          "%.4f" % tw if tw is not None else "–"))
PYEOF
} | tee "${OUT%.jsonl}.md"
