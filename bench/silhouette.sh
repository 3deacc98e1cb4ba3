#!/usr/bin/env bash
# Silhouette benchmark: Cumulo's exact silhouette (SilhouetteScore.compute, Euclidean, on each JDK given) against
# scikit-learn 1.2.1's silhouette_score on the same data and labels (n = 20,000, d = 16, 16 overlapping Gaussian
# blobs, the blob as the label), then Cumulo alone on n = 100,000 in a small heap to show that the memory stays
# bounded. Time of the computation only (no JVM or Python start, no file reading); contenders interleaved round by
# round (the machine is shared and noisy), medians reported. See docs/benchmarks.md, "Silhouette".
#
# Usage: bench/silhouette.sh [ROUNDS]        e.g. bench/silhouette.sh 5
#
# Environment (defaults in brackets):
#   CUMULO_BENCH_DATA     directory for the workloads sil-20000-16 and sil-100000-16 [bench-data/ of this
#                         repository]; written (by bench/silhouette_sklearn.py gen, seeded) when missing
#   CUMULO_BENCH_PYTHON   python with numpy and scikit-learn [/usr/bin/python3]
#   CUMULO_BENCH_JDKS     space-separated JAVA_HOMEs to run Cumulo on
#                         [/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64, those present]
#   CUMULO_BENCH_THREADS  threads for Cumulo [the number of processors]
#   CUMULO_BENCH_SMALL_HEAP  -Xmx of the n = 100,000 run [64m]
#   CUMULO_BENCH_JAVA_OPTS extra JVM options for Cumulo (e.g. -Dcumulo.kernels=scalar for the plain-Java kernels)
#   CUMULO_BENCH_NO_BUILD=1 use the jar already built
#
# Writes bench-results/silhouette-DATE.jsonl (every timed run) and silhouette-DATE.md (the summary, also printed);
# exits 1 if Cumulo's value differs from scikit-learn's by more than 1e-9 relative.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS="${1:-5}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
THREADS="${CUMULO_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}"
SMALL_HEAP="${CUMULO_BENCH_SMALL_HEAP:-64m}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
# the ./cumulo launcher's options: with the Vector API module the kernels are PanamaKernels, as users get them
JVM_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Djava.awt.headless=true --add-modules jdk.incubator.vector)
RUNNER="$ROOT/bench/silhouette_sklearn.py"

BENCH_NAME=silhouette.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
"$PY" -c 'import sklearn' 2>/dev/null || die "$PY cannot import sklearn (Debian: apt-get install python3-sklearn)"

# --- 1. workloads, written once (seeded) -------------------------------------------------------------
for spec in "20000 16 16 1" "100000 16 16 2"; do
  read -r n d k seed <<<"$spec"
  name="sil-$n-$d"
  if [ ! -f "$DATA/$name.meta" ] || [ ! -f "$DATA/$name.f64" ] || [ ! -f "$DATA/$name.labels.i32" ]; then
    say "writing $name into $DATA"
    "$PY" "$RUNNER" gen "$DATA" "$n" "$d" "$k" "$seed" >/dev/null || die "could not write $name"
  fi
done

# --- 2. contenders -----------------------------------------------------------------------------------
bench_jdks

bench_build

OUT="$(bench_results "silhouette")"

contenders=()
for h in "${JDKS[@]}"; do contenders+=("java:$h"); done
contenders+=("sklearn")

# One contender, one workload: its JSON lines, tagged with the round, appended to $OUT.
run_one() {
  local c="$1" w="$2" r="$3" heap="${4:-}" lines
  if [ "$c" = sklearn ]; then
    lines="$("$PY" "$RUNNER" time "$DATA" "$w" 1)" || die "scikit-learn failed on $w"
  else
    local extra=()
    [ -n "$heap" ] && extra=("-Xmx$heap")
    # shellcheck disable=SC2086
    lines="$("${c#java:}/bin/java" "${JVM_OPTS[@]}" "${extra[@]}" ${CUMULO_BENCH_JAVA_OPTS:-} -cp "$JAR" \
             io.cumulo.bench.SilhouetteBench "$DATA" "$w" 1 "$THREADS")" || die "Cumulo failed on $w (${c#java:})"
  fi
  grep -q '^{' <<<"$lines" || die "$c printed no result on $w"
  grep '^{' <<<"$lines" | sed "s/^{/{\"round\": $r, \"heap_limit\": \"${heap:-none}\", /" >>"$OUT"
  say "  $(basename "${c#java:}"): $(grep '^{' <<<"$lines" | sed -n 's/.*"seconds": \([0-9.eE-]*\).*/\1/p' | cut -c1-6)s"
}

say "$ROUNDS rounds; contenders: ${contenders[*]}; results: ${OUT#"$ROOT"/}"
nc=${#contenders[@]}
for ((r = 1; r <= ROUNDS; r++)); do
  say "round $r/$ROUNDS, sil-20000-16"
  for ((j = 0; j < nc; j++)); do
    run_one "${contenders[$(((j + r - 1) % nc))]}" sil-20000-16 "$r"
  done
done
# n = 100,000: Cumulo only (scikit-learn would take minutes and ~1 GB per chunk), in a heap of SMALL_HEAP
for h in "${JDKS[@]}"; do
  say "sil-100000-16 with -Xmx$SMALL_HEAP on $(basename "$h")"
  run_one "java:$h" sil-100000-16 1 "$SMALL_HEAP"
done

# --- 3. summary --------------------------------------------------------------------------------------
{
  echo
  echo "Exact silhouette, Cumulo on $THREADS threads, scikit-learn with its default threads; median of $ROUNDS rounds; $(date +%F); results in ${OUT#"$ROOT"/}"
  echo "machine: $(getconf _NPROCESSORS_ONLN) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
  for h in "${JDKS[@]}"; do echo "JDK: $("$h/bin/java" -version 2>&1 | sed -n 2p)"; done
  echo
  "$(command -v python3 || echo "$PY")" - "$OUT" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
sk = [r for r in rows if r["contender"].startswith("sklearn") and r["workload"] == "sil-20000-16"]
ref = sk[0]["silhouette"] if sk else None
sk_med = statistics.median(r["seconds"] for r in sk) if sk else None
print("| workload | contender | median s | min–max s | ratio to scikit-learn | silhouette | relative difference | heap |")
print("|---|---|---:|---:|---:|---|---:|---|")
groups = {}
for r in rows:
    key = (r["workload"], r["contender"] + (" " + r["java"] + " " + r["kernels"] if "java" in r else ""), r["heap_limit"])
    groups.setdefault(key, []).append(r)
bad = False
for (w, c, heap), rs in sorted(groups.items()):
    t = [r["seconds"] for r in rs]
    med = statistics.median(t)
    s = rs[0]["silhouette"]
    rel = abs(s - ref) / abs(ref) if ref is not None and w == "sil-20000-16" else None
    if rel is not None and rel > 1e-9:
        bad = True
    ratio = "%.2f" % (med / sk_med) if sk_med and w == "sil-20000-16" else "–"
    if "heap_peak_mb" in rs[0]:
        mem = "limit %s, peak in use %.0f MB (data %.0f MB)" % (heap, max(r["heap_peak_mb"] for r in rs),
                                                               rs[0]["heap_before_mb"])
    else:
        mem = "peak RSS %.0f MB" % max(r["peak_rss_mb"] for r in rs)
    print("| %s | %s | %.3f | %.3f–%.3f | %s | %s | %s | %s |" % (w, c, med, min(t), max(t), ratio, repr(s),
          "%.1e" % rel if rel is not None else "–", mem))
if bad:
    print("\nFAIL: a silhouette differs from scikit-learn's by more than 1e-9 relative")
    sys.exit(1)
EOF
} | tee "${OUT%.jsonl}.md"
