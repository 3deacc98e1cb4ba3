#!/usr/bin/env bash
# k-means benchmark: Cumulo (on each JDK given) against scikit-learn, 20 Lloyd iterations from the same
# initial centres on the workloads kma, kmb, kmc. Fit time only; contenders interleaved round by round
# (the machine is shared and noisy), medians reported. See docs/benchmarks.md.
#
# Usage: bench/kmeans.sh [ROUNDS [WORKLOADS]]        e.g. bench/kmeans.sh 5 kma,kmb,kmc
#
# Environment (defaults in brackets):
#   CUMULO_BENCH_GEN      workload generator, used only when bench-data/ lacks a workload
#                         [../shared/bench/gen_data.py next to this repository]
#   CUMULO_BENCH_SKLEARN  scikit-learn runner; the scikit-learn contender is skipped if it is missing
#                         [../shared/bench/bench_sklearn.py next to this repository]
#   CUMULO_BENCH_PYTHON   python with numpy and scikit-learn [/usr/bin/python3]
#   CUMULO_BENCH_JDKS     space-separated JAVA_HOMEs to run Cumulo on
#                         [/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64, those present]
#   CUMULO_BENCH_THREADS  threads for Cumulo [nproc]
#   CUMULO_BENCH_REPS     timed fits per contender per round [1]
#   CUMULO_BENCH_WARMUP   untimed fits before them, per JVM [2]
#   CUMULO_BENCH_JAVA_OPTS  extra JVM options (the product launcher's GC options are always used)
#   CUMULO_BENCH_NO_BUILD=1 use the jar already built
#
# Writes bench-results/kmeans-DATE.jsonl (every timed fit) and kmeans-DATE.md (the summary table, also
# printed); exits 1 if an objective or iteration count disagrees with scikit-learn or the reference.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS="${1:-5}"
WORKLOADS="${2:-kma,kmb,kmc}"
DATA="$ROOT/bench-data"
GEN="${CUMULO_BENCH_GEN:-$(readlink -m "$ROOT/../shared/bench/gen_data.py")}"
SKLEARN="${CUMULO_BENCH_SKLEARN:-$(readlink -m "$ROOT/../shared/bench/bench_sklearn.py")}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
THREADS="${CUMULO_BENCH_THREADS:-$(nproc)}"
REPS="${CUMULO_BENCH_REPS:-1}"
WARMUP="${CUMULO_BENCH_WARMUP:-2}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
# the same collector and heap sizing as the ./cumulo launcher
JVM_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Djava.awt.headless=true --add-modules jdk.incubator.vector)

die() { echo "kmeans.sh: $*" >&2; exit 1; }
say() { echo "kmeans.sh: $*" >&2; }

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
IFS=, read -r -a NAMES <<<"$WORKLOADS"

# --- 1. workloads, generated once ------------------------------------------------------------------
missing=()
for w in "${NAMES[@]}"; do
  for f in "$w.meta" "$w.f64" "$w.init.f64" "$w.ref.txt"; do
    if [ ! -f "$DATA/$f" ]; then missing+=("$w"); break; fi
  done
done
if [ "${#missing[@]}" -gt 0 ]; then
  [ -f "$GEN" ] || die "bench-data/ lacks ${missing[*]} and the generator $GEN does not exist;
  set CUMULO_BENCH_GEN to the path of gen_data.py (the shared benchmark workloads), or copy the
  generated files (NAME.meta, NAME.f64, NAME.init.f64, NAME.ref.txt) into $DATA"
  say "generating ${missing[*]} into bench-data/ with $GEN (once; about a minute)"
  "$PY" "$GEN" "$DATA" "${missing[@]}" >&2 || die "$GEN failed"
  for w in "${missing[@]}"; do
    [ -f "$DATA/$w.ref.txt" ] || die "$GEN wrote no workload '$w' (k-means workloads: kma, kmb, kmc)"
  done
fi

# --- 2. contenders ---------------------------------------------------------------------------------
if [ -n "${CUMULO_BENCH_JDKS:-}" ]; then
  read -r -a JDKS <<<"$CUMULO_BENCH_JDKS"
else
  JDKS=()
  for h in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64; do
    [ -x "$h/bin/java" ] && JDKS+=("$h")
  done
fi
[ "${#JDKS[@]}" -gt 0 ] || die "no JDK to run Cumulo on; set CUMULO_BENCH_JDKS"
for h in "${JDKS[@]}"; do [ -x "$h/bin/java" ] || die "CUMULO_BENCH_JDKS: $h/bin/java does not exist"; done

if [ "${CUMULO_BENCH_NO_BUILD:-0}" != 1 ]; then
  say "building cumulo-bench"
  (cd "$ROOT" && ./mvnw -q -B -pl cumulo-bench -am package -DskipTests) >&2 || die "the build failed"
fi
[ -f "$JAR" ] || die "$JAR is missing (build with: ./mvnw -q -B -pl cumulo-bench -am package -DskipTests)"

USE_SKLEARN=1
if [ ! -f "$SKLEARN" ]; then
  say "scikit-learn runner $SKLEARN not found (set CUMULO_BENCH_SKLEARN): scikit-learn skipped, no ratios"
  USE_SKLEARN=0
elif ! "$PY" -c 'import sklearn, threadpoolctl' 2>/dev/null; then
  say "$PY cannot import sklearn (set CUMULO_BENCH_PYTHON; Debian: apt-get install python3-sklearn): scikit-learn skipped"
  USE_SKLEARN=0
fi

# --- 3. rounds -------------------------------------------------------------------------------------
mkdir -p "$ROOT/bench-results"
OUT="$ROOT/bench-results/kmeans-$(date +%F).jsonl"
i=2
while [ -e "$OUT" ]; do OUT="$ROOT/bench-results/kmeans-$(date +%F)-$i.jsonl"; i=$((i + 1)); done

contenders=()
for h in "${JDKS[@]}"; do contenders+=("java:$h"); done
[ "$USE_SKLEARN" = 1 ] && contenders+=("sklearn")

# Runs one contender on one workload and appends its JSON lines, tagged with the round, to $OUT.
run_one() {
  local c="$1" w="$2" r="$3" lines
  if [ "$c" = sklearn ]; then
    lines="$("$PY" "$SKLEARN" "$DATA" "$w" "$REPS")" || die "scikit-learn failed on $w"
  else
    # shellcheck disable=SC2086
    lines="$("${c#java:}/bin/java" "${JVM_OPTS[@]}" ${CUMULO_BENCH_JAVA_OPTS:-} -jar "$JAR" \
             "$DATA" "$w" "$REPS" "$THREADS" --warmup="$WARMUP")" || die "Cumulo failed on $w (${c#java:})"
  fi
  grep -q '^{' <<<"$lines" || die "$c printed no result on $w"
  grep '^{' <<<"$lines" | sed "s/^{/{\"round\": $r, /" >>"$OUT"
  say "  $(basename "${c#java:}"): $(grep '^{' <<<"$lines" | sed -n 's/.*"seconds": \([0-9.eE-]*\).*/\1/p' | tr '\n' ' ')s"
}

say "$ROUNDS rounds of ${NAMES[*]}; contenders: ${contenders[*]}; results: ${OUT#"$ROOT"/}"
nc=${#contenders[@]}
for ((r = 1; r <= ROUNDS; r++)); do
  for w in "${NAMES[@]}"; do
    say "round $r/$ROUNDS, $w"
    # rotate the order each round so no contender always runs first (or right after a heavy one)
    for ((j = 0; j < nc; j++)); do
      run_one "${contenders[$(((j + r - 1) % nc))]}" "$w" "$r"
    done
  done
done

# --- 4. summary ------------------------------------------------------------------------------------
{
  echo
  echo "k-means, $THREADS threads, median of $ROUNDS rounds × $REPS fit(s); $(date +%F); results in ${OUT#"$ROOT"/}"
  echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)$(grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo ', AVX-512')"
  for h in "${JDKS[@]}"; do echo "JDK: $("$h/bin/java" -version 2>&1 | sed -n 2p)"; done
  echo
  "$(command -v python3 || echo "$PY")" "$ROOT/bench/kmeans_report.py" "$OUT" "$DATA"
} | tee "${OUT%.jsonl}.md"
