#!/usr/bin/env bash
# Nearest-neighbour benchmark: Cumulo's neighbour indexes (NeighborsBench, NeighborIndex.build + one batch query,
# index chosen by auto unless CUMULO_BENCH_NN_INDEXES says otherwise) against scikit-learn 1.2.1's KDTree, BallTree
# (leaf_size 40, single-threaded: their queries take no n_jobs) and NearestNeighbors(algorithm="auto", n_jobs=-1) on
# the same rows and queries:
#   - 10-NN of every row (the row itself included) of nn-200000-2, nn-200000-8 and nn-20000-64 (seeded Gaussian
#     blobs, bench/neighbors_sklearn.py gen);
#   - radius counts (eps 0.3, count only) of every row of the shared dbscan workload (100,000 x 2, 20 blobs + 5 %
#     noise; ../shared/bench/gen_data.py).
# Build and query seconds are recorded separately (no JVM or Python start, no file reading), and the CPU seconds of
# both (all threads; on a loaded machine wall time is inflated by other processes, CPU time much less); contenders
# interleaved round by round (the machine is shared and noisy), medians reported. Every Cumulo run is checked against
# scikit-learn's answers (KDTree's, written on its first run): neighbour ids slot by slot (a different id at an equal
# distance counts as a tie: scikit-learn does not order equal distances by row), counts exactly.
# See docs/benchmarks.md, "Nearest neighbours".
#
# Usage: bench/neighbors.sh [ROUNDS]        e.g. bench/neighbors.sh 3
#
# Environment (defaults in brackets):
#   CUMULO_BENCH_DATA      directory for the workloads [bench-data/ of this repository]; written when missing
#   CUMULO_BENCH_GEN       the shared generator of the dbscan workload [../shared/bench/gen_data.py]
#   CUMULO_BENCH_PYTHON    python with numpy and scikit-learn [/usr/bin/python3]
#   CUMULO_BENCH_JDKS      JAVA_HOMEs to run Cumulo on (the first found is used)
#                          [/usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64]
#   CUMULO_BENCH_THREADS   threads for Cumulo and for NearestNeighbors' n_jobs [the number of processors]
#   CUMULO_BENCH_NN_INDEXES  Cumulo indexes to time, space-separated [auto]
#   CUMULO_BENCH_REPS      timed runs per process and round, after one untimed warm-up [3] (scikit-learn: 1 where
#                          a run takes more than 10 s, on nn-200000-8 and nn-20000-64)
#   CUMULO_BENCH_SLOW=1    also time scikit-learn's BallTree on nn-200000-8 (2.5 minutes a run here)
#   CUMULO_BENCH_NO_BUILD=1 use the jar already built
#
# Writes bench-results/neighbors-DATE.jsonl (every timed run) and neighbors-DATE.md (the summary, also printed);
# exits 1 if any Cumulo answer disagrees with scikit-learn's beyond ties.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS="${1:-1}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
GEN="${CUMULO_BENCH_GEN:-$(readlink -m "$ROOT/../shared/bench/gen_data.py")}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
THREADS="${CUMULO_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}"
INDEXES="${CUMULO_BENCH_NN_INDEXES:-auto}"
REPS="${CUMULO_BENCH_REPS:-3}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
JVM_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Djava.awt.headless=true --add-modules jdk.incubator.vector)
RUNNER="$ROOT/bench/neighbors_sklearn.py"

BENCH_NAME=neighbors.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
"$PY" -c 'import sklearn' 2>/dev/null || die "$PY cannot import sklearn (Debian: apt-get install python3-sklearn)"
export OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS"

# --- 1. workloads, written once (seeded) -------------------------------------------------------------
for spec in "200000 2 20 21" "200000 8 20 22" "20000 64 10 23"; do
  read -r n d k seed <<<"$spec"
  name="nn-$n-$d"
  if [ ! -f "$DATA/$name.meta" ] || [ ! -f "$DATA/$name.f64" ]; then
    say "writing $name into $DATA"
    "$PY" "$RUNNER" gen "$DATA" "$n" "$d" "$k" "$seed" >/dev/null || die "could not write $name"
  fi
done
if [ ! -f "$DATA/dbscan.meta" ] || [ ! -f "$DATA/dbscan.f64" ]; then
  [ -f "$GEN" ] || die "no $DATA/dbscan.meta and no generator $GEN (set CUMULO_BENCH_GEN)"
  say "writing dbscan into $DATA"
  "$PY" "$GEN" "$DATA" dbscan >&2 || die "gen_data.py failed"
fi

# --- 2. contenders -----------------------------------------------------------------------------------
bench_jdks first
bench_build
OUT="$(bench_results "neighbors")"

# workload|task|scikit-learn contenders|scikit-learn runs per round
JOBS=("nn-200000-2|knn:10|kd_tree ball_tree nn|$REPS" "nn-200000-8|knn:10|kd_tree nn|1"
      "nn-20000-64|knn:10|kd_tree ball_tree nn|1" "dbscan|radius:0.3|kd_tree ball_tree|$REPS")
[ "${CUMULO_BENCH_SLOW:-0}" = 1 ] && JOBS[1]="nn-200000-8|knn:10|kd_tree ball_tree nn|1"

answers() { echo "$DATA/$1.${2/:/}.sklearn.i32"; }

run_one() {
  local c="$1" w="$2" task="$3" r="$4" skreps="$5" lines
  if [[ "$c" == sklearn:* ]]; then
    local extra=()
    [ "$c" = sklearn:kd_tree ] && [ ! -f "$(answers "$w" "$task")" ] && extra=("$(answers "$w" "$task")")
    lines="$("$PY" "$RUNNER" time "$DATA" "$w" "$task" "${c#sklearn:}" "$skreps" "${extra[@]}")" \
      || die "scikit-learn ${c#sklearn:} failed on $w"
  else
    local extra=()
    [ -f "$(answers "$w" "$task")" ] && extra=("--answers=$(answers "$w" "$task")")
    lines="$("${JDKS[0]}/bin/java" "${JVM_OPTS[@]}" -cp "$JAR" io.cumulo.bench.NeighborsBench "$DATA" "$w" "$task" \
             "${c#cumulo:}" "$REPS" "$THREADS" "${extra[@]}")" || die "Cumulo (${c#cumulo:}) failed on $w"
  fi
  grep -q '^{' <<<"$lines" || die "$c printed no result on $w"
  grep '^{' <<<"$lines" | sed "s/^{/{\"round\": $r, /" >>"$OUT"
  say "  $c: $(grep '^{' <<<"$lines" | sed -n 's/.*"seconds": \([0-9.eE-]*\).*/\1/p' | cut -c1-6 | tr '\n' ' ')s"
}

say "$ROUNDS rounds; Cumulo on $THREADS threads ($INDEXES); results: ${OUT#"$ROOT"/}"
for ((r = 1; r <= ROUNDS; r++)); do
  for job in "${JOBS[@]}"; do
    IFS='|' read -r w task sk skreps <<<"$job"
    contenders=()
    # scikit-learn's KDTree first in round 1: its answers are what Cumulo's are checked against
    for s in $sk; do contenders+=("sklearn:$s"); done
    for i in $INDEXES; do contenders+=("cumulo:$i"); done
    nc=${#contenders[@]}
    say "round $r/$ROUNDS, $w $task"
    for ((j = 0; j < nc; j++)); do
      if [ "$r" = 1 ]; then run_one "${contenders[$j]}" "$w" "$task" "$r" "$skreps"
      else run_one "${contenders[$(((j + r - 1) % nc))]}" "$w" "$task" "$r" "$skreps"; fi
    done
  done
done

# --- 3. summary --------------------------------------------------------------------------------------
{
  echo
  echo "Nearest neighbours: Cumulo on $THREADS threads, scikit-learn KDTree/BallTree single-threaded and NearestNeighbors with n_jobs=-1; median of $ROUNDS round(s) x $REPS runs; $(date +%F); results in ${OUT#"$ROOT"/}"
  echo "machine: $(getconf _NPROCESSORS_ONLN) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "JDK: $("${JDKS[0]}/bin/java" -version 2>&1 | sed -n 2p)"
  echo
  "$(command -v python3 || echo "$PY")" - "$OUT" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
groups = {}
for r in rows:
    groups.setdefault((r["workload"], r["task"]), {}).setdefault(r["contender"] + " (" + r["structure"] + ")", []).append(r)
print("| workload | task | contender | build s | query s | total s | ratio to fastest scikit-learn | CPU s | answers |")
print("|---|---|---|---:|---:|---:|---:|---:|---|")
bad = False
for (w, task), cs in groups.items():
    med = {c: {k: statistics.median(x[k] for x in rs) for k in ("build_seconds", "query_seconds", "seconds",
                                                                 "cpu_seconds")}
           for c, rs in cs.items()}
    sk = [m["seconds"] for c, m in med.items() if c.startswith("sklearn")]
    best = min(sk) if sk else None
    for c, m in sorted(med.items(), key=lambda e: e[1]["seconds"]):
        r0 = cs[c][0]
        if "ids_same" in r0:
            agree = "ids: %d same, %d tied, %d differ" % (r0["ids_same"], r0["ids_tied"], r0["ids_differ"])
            bad |= any(x["ids_differ"] for x in cs[c])
        elif "counts_same" in r0:
            agree = "counts: %d same, %d differ" % (r0["counts_same"], r0["counts_differ"])
            bad |= any(x["counts_differ"] for x in cs[c])
        else:
            agree = "reference" if c.startswith("sklearn-") and c.split(" ")[0].endswith("kd_tree") else ""
        ratio = "%.2f" % (m["seconds"] / best) if best else "–"
        print("| %s | %s | %s | %.3f | %.3f | %.3f | %s | %.3f | %s |" % (w, task, c, m["build_seconds"],
              m["query_seconds"], m["seconds"], ratio, m["cpu_seconds"], agree))
if bad:
    print("\nFAIL: a Cumulo answer differs from scikit-learn's beyond equal distances")
    sys.exit(1)
EOF
} | tee "${OUT%.jsonl}.md"
