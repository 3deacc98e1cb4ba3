#!/usr/bin/env bash
# k-means benchmark: Cumulo (on each JDK given) against scikit-learn and, if asked, other JVM libraries
# ("peers": ELKI, Smile, Tribuo, Weka, Commons Math, Spark MLlib), 20 Lloyd iterations from the same initial
# centres on the workloads kma, kmb, kmc. Fit time only; contenders interleaved round by round (the machine
# is shared and noisy), medians reported. See docs/benchmarks.md. bench/kmeans-peers.sh runs this with the
# peers.
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
#   CUMULO_BENCH_DATA     directory holding the workloads [bench-data/ in the repository]; it is written to
#                         only when a workload is missing
#   CUMULO_BENCH_PEERS    JVM peers to run as well, by id, comma- or space-separated, or "all"; the ids are
#                         listed by bench/kmeans-peers.sh --list [none]. Needs the cumulo-bench-peers module
#                         (Maven profile "peers"), which this script builds with CUMULO_BENCH_PEERS_JDK
#   CUMULO_BENCH_PEERS_JDK  JAVA_HOME of a JDK 25+ to build and run the peers on [/usr/lib/jvm/temurin-25-jdk-amd64]
#   CUMULO_BENCH_PEER_TIMEOUT  seconds one peer process may take (load, warm-up and timed fits) before it
#                         is stopped and recorded as failed; the run goes on [1800]
#
# Writes bench-results/kmeans-DATE.jsonl (every timed fit; kmeans-peers-DATE.jsonl when peers run) and
# kmeans[-peers]-DATE.md (the summary table, also printed); exits 1 if Cumulo's or scikit-learn's objective or
# iteration count disagrees with the reference (or with each other). Peers are checked the same way where they
# start from the given centres ("n/a" where they cannot), but a peer's FAIL, crash or timeout is only reported.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS="${1:-5}"
WORKLOADS="${2:-kma,kmb,kmc}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
GEN="${CUMULO_BENCH_GEN:-$(readlink -m "$ROOT/../shared/bench/gen_data.py")}"
SKLEARN="${CUMULO_BENCH_SKLEARN:-$(readlink -m "$ROOT/../shared/bench/bench_sklearn.py")}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
THREADS="${CUMULO_BENCH_THREADS:-$(nproc)}"
REPS="${CUMULO_BENCH_REPS:-1}"
WARMUP="${CUMULO_BENCH_WARMUP:-2}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
PEERS_JDK="${CUMULO_BENCH_PEERS_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}"
PEER_TIMEOUT="${CUMULO_BENCH_PEER_TIMEOUT:-1800}"
PEERS_TARGET="$ROOT/cumulo-bench-peers/target"
# the same collector and heap sizing as the ./cumulo launcher
JVM_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Djava.awt.headless=true --add-modules jdk.incubator.vector)

BENCH_NAME=kmeans.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

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
bench_jdks

bench_build

PEERS=()
if [ -n "${CUMULO_BENCH_PEERS:-}" ]; then
  [ -x "$PEERS_JDK/bin/java" ] || die "CUMULO_BENCH_PEERS_JDK: $PEERS_JDK/bin/java does not exist (the peers need JDK 25+)"
  if [ "${CUMULO_BENCH_NO_BUILD:-0}" != 1 ]; then
    say "building cumulo-bench-peers (profile peers, JDK $PEERS_JDK)"
    (cd "$ROOT" && JAVA_HOME="$PEERS_JDK" ./mvnw -q -B -Ppeers -pl cumulo-bench-peers -am package -DskipTests) >&2 \
      || die "the peers build failed"
  fi
  [ -f "$PEERS_TARGET/classpath.txt" ] || die "$PEERS_TARGET/classpath.txt is missing (build with: JAVA_HOME=$PEERS_JDK ./mvnw -q -B -Ppeers -pl cumulo-bench-peers -am package -DskipTests)"
  PEERS_CP="$PEERS_TARGET/classes:$(cat "$PEERS_TARGET/classpath.txt")"
  known="$("$PEERS_JDK/bin/java" -cp "$PEERS_CP" io.cumulo.bench.peers.PeerBench --list | cut -f1)" \
    || die "cannot list the peers"
  if [ "$CUMULO_BENCH_PEERS" = all ]; then
    read -r -a PEERS <<<"$(tr '\n' ' ' <<<"$known")"
  else
    read -r -a PEERS <<<"$(tr ',' ' ' <<<"$CUMULO_BENCH_PEERS")"
  fi
  for p in "${PEERS[@]}"; do
    grep -qx -- "$p" <<<"$known" || die "CUMULO_BENCH_PEERS: unknown peer '$p'; known: $(tr '\n' ' ' <<<"$known")"
  done
  # what Spark's own launcher adds (--add-opens…, --add-modules=jdk.incubator.vector); Spark peers only
  read -r -a SPARK_OPTS <<<"$("$PEERS_JDK/bin/java" -cp "$PEERS_CP" io.cumulo.bench.peers.PeerBench --spark-jvm-options)" \
    || die "cannot get Spark's JVM options"
fi

USE_SKLEARN=1
if [ ! -f "$SKLEARN" ]; then
  say "scikit-learn runner $SKLEARN not found (set CUMULO_BENCH_SKLEARN): scikit-learn skipped, no ratios"
  USE_SKLEARN=0
elif ! "$PY" -c 'import sklearn, threadpoolctl' 2>/dev/null; then
  say "$PY cannot import sklearn (set CUMULO_BENCH_PYTHON; Debian: apt-get install python3-sklearn): scikit-learn skipped"
  USE_SKLEARN=0
fi

# --- 3. rounds -------------------------------------------------------------------------------------
STEM=kmeans
[ "${#PEERS[@]}" -gt 0 ] && STEM=kmeans-peers
OUT="$(bench_results "$STEM")"

contenders=()
for h in "${JDKS[@]}"; do contenders+=("java:$h"); done
[ "$USE_SKLEARN" = 1 ] && contenders+=("sklearn")
for p in "${PEERS[@]}"; do contenders+=("peer:$p"); done

# Runs one contender on one workload and appends its JSON lines, tagged with the round, to $OUT.
run_one() {
  local c="$1" w="$2" r="$3" lines
  if [ "${c%%:*}" = peer ]; then
    run_peer "${c#peer:}" "$w" "$r"
    return
  fi
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

# A peer: a failure or a timeout is recorded (as a JSON line with "error") and the run goes on.
run_peer() {
  local p="$1" w="$2" r="$3" lines rc=0 extra=() err
  case "$p" in spark-*) extra=("${SPARK_OPTS[@]}") ;; esac
  err="$(mktemp)"
  # shellcheck disable=SC2086
  lines="$(timeout "$PEER_TIMEOUT" "$PEERS_JDK/bin/java" "${JVM_OPTS[@]}" ${CUMULO_BENCH_JAVA_OPTS:-} "${extra[@]}" \
           -cp "$PEERS_CP" io.cumulo.bench.peers.PeerBench "$DATA" "$w" "$REPS" "$THREADS" --peer="$p" \
           --warmup="$WARMUP" 2>"$err")" || rc=$?
  if [ "$rc" != 0 ] || ! grep -q '^{' <<<"$lines"; then
    local why="exit status $rc"
    [ "$rc" = 124 ] && why="timed out after ${PEER_TIMEOUT}s"
    local first
    first="$(grep -v '^\s*at \|^WARNING\|^[0-9/]* [0-9:]* \(INFO\|WARN\)' "$err" | grep -m 1 -i 'error\|exception' | cut -c1-200 || true)"
    [ -n "$first" ] && why="$why: $first"
    say "  peer $p FAILED on $w ($why); stderr kept in $err"
    printf '{"round": %d, "workload": "%s", "contender": "peer:%s", "error": "%s"}\n' "$r" "$w" "$p" \
      "$(tr -d '"\\' <<<"$why")" >>"$OUT"
    return
  fi
  rm -f "$err"
  grep '^{' <<<"$lines" | sed "s/^{/{\"round\": $r, /" >>"$OUT"
  say "  $p: $(grep '^{' <<<"$lines" | sed -n 's/.*"seconds": \([0-9.eE-]*\).*/\1/p' | tr '\n' ' ')s"
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
  [ "${#PEERS[@]}" -gt 0 ] && echo "JVM peers on: $("$PEERS_JDK/bin/java" -version 2>&1 | sed -n 2p)"
  echo
  "$(command -v python3 || echo "$PY")" "$ROOT/bench/kmeans_report.py" "$OUT" "$DATA"
} | tee "${OUT%.jsonl}.md"
