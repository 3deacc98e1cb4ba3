#!/usr/bin/env bash
# PCA benchmark: Cumulo's exact PCA (PCA.fit: covariance by a blocked X^T X on the vector kernels + Jacobi
# eigen-decomposition; on each JDK given) against scikit-learn 1.2.1's PCA(10, svd_solver="full") on the `pca`
# workload of the shared benchmarks (100,000 x 200, rank-20 signal + noise, 10 components). Fit time only (no JVM or
# Python start, no file reading); contenders interleaved round by round (the machine is shared and noisy), medians
# reported. Checks that every explained-variance ratio agrees with scikit-learn's to 1e-10. See docs/benchmarks.md,
# "PCA".
#
# Usage: bench/pca.sh [ROUNDS]        e.g. bench/pca.sh 5
#
# Environment (defaults in brackets):
#   CUMULO_BENCH_DATA     directory holding pca.f64 / pca.meta [bench-data/ of this repository]; written by the
#                         shared gen_data.py (seeded) when missing
#   CUMULO_BENCH_GEN      the shared workload writer [../shared/bench/gen_data.py next to this repository]
#   CUMULO_BENCH_PYTHON   python with numpy and scikit-learn [/usr/bin/python3]
#   CUMULO_BENCH_JDKS     space-separated JAVA_HOMEs to run Cumulo on
#                         [/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64, those present]
#   CUMULO_BENCH_THREADS  threads for Cumulo [the number of processors]
#   CUMULO_BENCH_JAVA_OPTS extra JVM options for Cumulo (e.g. -Dcumulo.kernels=scalar for the plain-Java kernels)
#   CUMULO_BENCH_NO_BUILD=1 use the jar already built
#
# Writes bench-results/pca-DATE.jsonl (every timed run) and pca-DATE.md (the summary, also printed); exits 1 if a
# ratio differs from scikit-learn's by more than 1e-10.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS="${1:-5}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
GEN="${CUMULO_BENCH_GEN:-$(readlink -m "$ROOT/../shared/bench/gen_data.py")}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
THREADS="${CUMULO_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
# the ./cumulo launcher's options: with the Vector API module the kernels are PanamaKernels, as users get them
JVM_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Djava.awt.headless=true --add-modules jdk.incubator.vector)
RUNNER="$ROOT/bench/pca_sklearn.py"

BENCH_NAME=pca.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
"$PY" -c 'import sklearn' 2>/dev/null || die "$PY cannot import sklearn (Debian: apt-get install python3-sklearn)"

# --- 1. the workload, written once (seeded) -----------------------------------------------------------
if [ ! -f "$DATA/pca.meta" ] || [ ! -f "$DATA/pca.f64" ]; then
  [ -f "$GEN" ] || die "no $DATA/pca.f64 and no workload writer at $GEN; set CUMULO_BENCH_GEN to the shared gen_data.py"
  say "writing pca into $DATA"
  mkdir -p "$DATA"
  "$PY" "$GEN" "$DATA" pca >/dev/null || die "could not write the pca workload"
fi

# --- 2. contenders -----------------------------------------------------------------------------------
bench_jdks

bench_build

OUT="$(bench_results "pca")"

# exact and randomized (scikit-learn's default power iterations, and q = 2: the fewest that keep the ratios within
# 1e-6 here) on each JDK; scikit-learn's full SVD (the reference) and its randomized solver
contenders=()
for h in "${JDKS[@]}"; do contenders+=("java:exact:$h" "java:randomized:$h" "java:randomized-q2:$h"); done
contenders+=("sklearn:full" "sklearn:randomized")

# One contender, one timed fit (after its own warm-up): its JSON line, tagged with the round, appended to $OUT.
run_one() {
  local c="$1" r="$2" lines
  if [[ "$c" == sklearn:* ]]; then
    lines="$("$PY" "$RUNNER" "$DATA" pca 1 "${c#sklearn:}")" || die "scikit-learn failed"
  else
    local rest="${c#java:}" solver home extra=()
    solver="${rest%%:*}"; home="${rest#*:}"
    case "$solver" in
      exact) extra=(--solver=exact) ;;
      randomized) extra=(--solver=randomized) ;;
      randomized-q2) extra=(--solver=randomized --power-iterations=2) ;;
    esac
    # shellcheck disable=SC2086
    lines="$("$home/bin/java" "${JVM_OPTS[@]}" ${CUMULO_BENCH_JAVA_OPTS:-} -cp "$JAR" \
             io.cumulo.bench.PCABench "$DATA" pca 1 "$THREADS" "${extra[@]}" 2>/dev/null)" || die "Cumulo failed ($c)"
  fi
  grep -q '^{' <<<"$lines" || die "$c printed no result"
  grep '^{' <<<"$lines" | sed "s/^{/{\"round\": $r, /" >>"$OUT"
  say "  $c: $(grep '^{' <<<"$lines" | sed -n 's/.*"seconds": \([0-9.eE-]*\).*/\1/p' | cut -c1-6)s"
}

say "$ROUNDS rounds; contenders: ${contenders[*]}; results: ${OUT#"$ROOT"/}"
nc=${#contenders[@]}
for ((r = 1; r <= ROUNDS; r++)); do
  say "round $r/$ROUNDS"
  for ((j = 0; j < nc; j++)); do
    run_one "${contenders[$(((j + r - 1) % nc))]}" "$r"
  done
done

# --- 3. summary --------------------------------------------------------------------------------------
{
  echo
  echo "PCA, 100,000 x 200 -> 10 components; Cumulo on $THREADS threads, scikit-learn with its default threads; median of $ROUNDS rounds; $(date +%F); results in ${OUT#"$ROOT"/}"
  echo "machine: $(getconf _NPROCESSORS_ONLN) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)"
  for h in "${JDKS[@]}"; do echo "JDK: $("$h/bin/java" -version 2>&1 | sed -n 2p)"; done
  echo
  "$(command -v python3 || echo "$PY")" - "$OUT" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
sk = [r for r in rows if r["contender"].startswith("sklearn") and r["contender"].endswith("-full")]
ref = sk[0]["ratios"]
sk_med = statistics.median(r["seconds"] for r in sk)
print("| contender | median s | min–max s | ratio to scikit-learn full | largest ratio difference |")
print("|---|---:|---:|---:|---:|")
groups = {}
for r in rows:
    key = r["contender"] + (" " + r["java"] + " " + r["kernels"] if "java" in r else "")
    groups.setdefault(key, []).append(r)
bad = False
for c, rs in sorted(groups.items()):
    t = [r["seconds"] for r in rs]
    diff = max(abs(a - b) for r in rs for a, b in zip(r["ratios"], ref))
    tol = 1e-6 if "randomized" in c else 1e-10
    bad |= diff > tol
    print("| %s | %.3f | %.3f–%.3f | %.2f | %.1e |" % (c, statistics.median(t), min(t), max(t),
                                                     statistics.median(t) / sk_med, diff))
if bad:
    print("\nFAIL: an explained-variance ratio differs from scikit-learn's full SVD by more than 1e-10 (exact) or 1e-6 (randomized)")
    sys.exit(1)
PYEOF
} | tee "${OUT%.jsonl}.md"
