#!/usr/bin/env bash
# Density clustering benchmark: Cumulo's DBSCAN and OPTICS against scikit-learn 1.2.1 (Debian's python3-sklearn),
# measured in the same run, contenders interleaved round by round.
#
#   1. The shared "dbscan" workload (100,000 x 2, 20 blobs + 5% noise; ../shared/bench/gen_data.py): DBSCAN with
#      eps 0.3, min-samples 10. Cumulo (DensityBench: the fit alone, REPS timed fits after 1 untimed, in one JVM)
#      against DBSCAN(eps=0.3, min_samples=10, n_jobs=THREADS) (the same protocol); then the labels of both are
#      compared (equal, numbering included).
#   2. OPTICS on the same data (its first OPTICS_ROWS rows) with a finite max-eps (min-samples 10, max-eps
#      OPTICS_MAX_EPS, xi extraction): one timed fit each (scikit-learn with n_jobs=None: it makes one radius query per row,
#      and n_jobs=2 starts joblib's threads for each, 15 times slower; its main loop is O(n^2)); the orderings compared, and the labels against scikit-learn's
#      xi labels with the predecessor correction as 1.3 fixed it (density.md; 1.2.1's own labels are compared too).
#   3. Peak memory: DBSCAN on BIG rows (default 2,000,000 x 2, the workload's recipe at the same density: BIG/5,000
#      blobs in a square scaled with BIG; bench/density_sklearn.py gen), one cold fit each in a fresh process, with
#      the peak resident set (/usr/bin/time) and the heap limit Cumulo ran under; scikit-learn under a 16 GB address
#      space limit (ulimit -v), so that a fit that would need more fails instead of swapping the machine.
#
# Usage: bench/density.sh [REPS] [BIG]       e.g. bench/density.sh 3 2000000      (BIG "" skips part 3)
#
# Environment: CUMULO_BENCH_DATA [bench-data/], CUMULO_BENCH_PYTHON [/usr/bin/python3], CUMULO_BENCH_GEN
# [../shared/bench/gen_data.py], CUMULO_BENCH_THREADS [processors], CUMULO_BENCH_JDKS (first one found is used),
# CUMULO_BENCH_NO_BUILD=1, OPTICS_MAX_EPS [1.0], OPTICS_ROWS [100000], CUMULO_BIG_HEAP [-Xmx700m: Cumulo's heap
# for part 3].
# Writes bench-results/density-DATE.jsonl and prints the medians.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
REPS="${1:-3}"
BIG="${2-2000000}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
GEN="${CUMULO_BENCH_GEN:-$(readlink -m "$ROOT/../shared/bench/gen_data.py")}"
THREADS="${CUMULO_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}"
MAX_EPS="${OPTICS_MAX_EPS:-1.0}"
OPTICS_ROWS="${OPTICS_ROWS:-100000}"
BIG_HEAP="${CUMULO_BIG_HEAP:--Xmx700m}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
PEER="$ROOT/bench/density_sklearn.py"
JVM_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Djava.awt.headless=true --add-modules jdk.incubator.vector)
BENCH_NAME=density.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

[[ "$REPS" =~ ^[1-9][0-9]*$ ]] || die "REPS must be a positive integer, got '$REPS'"
"$PY" -c 'import sklearn' 2>/dev/null || die "$PY cannot import sklearn (apt-get install python3-sklearn)"
export OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS"
mkdir -p "$DATA"
if [ ! -f "$DATA/dbscan.npy" ]; then
  [ -f "$GEN" ] || die "no $GEN (set CUMULO_BENCH_GEN)"
  say "writing the dbscan workload into $DATA"
  "$PY" "$GEN" "$DATA" dbscan >/dev/null && "$PY" "$(dirname "$GEN")/to_npy.py" "$DATA" dbscan
fi
bench_jdks first
JAVA="${JDKS[0]}/bin/java"
bench_build
OUT="$(bench_results density)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cumulo() { "$JAVA" "${JVM_OPTS[@]}" "$@"; }
tag() { sed "s/^{/{\"round\": $1, \"workload\": \"$2\", /" >>"$OUT"; }

# --- 1. DBSCAN on the dbscan workload ------------------------------------------------------------------------
for r in $(seq 1 "$REPS"); do
  say "dbscan round $r of $REPS"
  cumulo -cp "$JAR" io.cumulo.bench.DensityBench "$DATA/dbscan.npy" dbscan 1 "$THREADS" eps=0.3 min-samples=10 \
    "labels=$TMP/cumulo-dbscan.txt" 2>/dev/null | tag "$r" dbscan
  "$PY" "$PEER" dbscan "$DATA/dbscan.npy" 0.3 10 1 "$THREADS" "$TMP/sklearn-dbscan.txt" | tag "$r" dbscan
done
"$PY" "$PEER" compare "$TMP/cumulo-dbscan.txt" "$TMP/sklearn-dbscan.txt" | tag 0 dbscan

# --- 2. OPTICS with a finite max-eps -------------------------------------------------------------------------
OPTICS_DATA="$DATA/dbscan.npy"
if [ "$OPTICS_ROWS" != 100000 ]; then
  OPTICS_DATA="$DATA/dbscan-head-$OPTICS_ROWS.npy"
  [ -f "$OPTICS_DATA" ] || "$PY" "$PEER" head "$DATA/dbscan.npy" "$OPTICS_ROWS" "$OPTICS_DATA"
fi
say "optics ($OPTICS_ROWS rows, max-eps $MAX_EPS)"
cumulo -cp "$JAR" io.cumulo.bench.DensityBench "$OPTICS_DATA" optics 1 "$THREADS" min-samples=10 \
  "max-eps=$MAX_EPS" "labels=$TMP/cumulo-optics.txt" "ordering=$TMP/cumulo-optics.ordering" 2>/dev/null | tag 1 optics
"$PY" "$PEER" optics "$OPTICS_DATA" 10 "$MAX_EPS" -1 "$THREADS" "$TMP/sklearn-optics.txt" | tag 1 optics
"$PY" "$PEER" compare "$TMP/cumulo-optics.ordering" "$TMP/sklearn-optics.txt.ordering" | sed 's/^{/{"what": "ordering", /' \
  | tag 0 optics
"$PY" "$PEER" compare "$TMP/cumulo-optics.txt" "$TMP/sklearn-optics.txt.fixed" | sed 's/^{/{"what": "labels (1.3 fix)", /' \
  | tag 0 optics
"$PY" "$PEER" compare "$TMP/cumulo-optics.txt" "$TMP/sklearn-optics.txt" | sed 's/^{/{"what": "labels (1.2.1 as released)", /' \
  | tag 0 optics

# --- 3. peak memory at BIG rows ------------------------------------------------------------------------------
if [ -n "$BIG" ]; then
  f="$DATA/dbscan-$BIG.npy"
  [ -f "$f" ] || "$PY" "$PEER" gen "$f" "$BIG"
  say "dbscan at $BIG rows: cumulo ($BIG_HEAP)"
  /usr/bin/time -f '%M' -o "$TMP/rss" "$JAVA" "${JVM_OPTS[@]}" "$BIG_HEAP" -cp "$JAR" io.cumulo.bench.DensityBench \
    "$f" dbscan -1 "$THREADS" eps=0.3 min-samples=10 "labels=$TMP/cumulo-big.txt" 2>/dev/null >"$TMP/line" \
    || echo '{"contender": "cumulo", "failed": true}' >"$TMP/line"
  sed "s/^{/{\"peak_rss_mb\": $(( $(cat "$TMP/rss" | tail -1) / 1024 )), \"heap\": \"$BIG_HEAP\", /" "$TMP/line" \
    | tag 1 big
  say "dbscan at $BIG rows: scikit-learn (address space limit 16 GB)"
  if (ulimit -v 16777216; /usr/bin/time -f '%M' -o "$TMP/rss" "$PY" "$PEER" dbscan "$f" 0.3 10 -1 "$THREADS" \
      "$TMP/sklearn-big.txt" >"$TMP/line" 2>"$TMP/err"); then
    sed "s/^{/{\"peak_rss_mb_time\": $(( $(tail -1 "$TMP/rss") / 1024 )), /" "$TMP/line" | tag 1 big
    "$PY" "$PEER" compare "$TMP/cumulo-big.txt" "$TMP/sklearn-big.txt" | tag 0 big
  else
    echo "{\"contender\": \"sklearn\", \"algorithm\": \"dbscan\", \"rows\": $BIG, \"failed\": true, \"error\": \"$(tail -1 "$TMP/err" | tr -d '"\\' | cut -c1-200)\", \"peak_rss_mb_time\": $(( $(tail -1 "$TMP/rss" 2>/dev/null || echo 0) / 1024 ))}" \
      | tag 1 big
  fi
fi

# --- summary -------------------------------------------------------------------------------------------------
"$PY" - "$OUT" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
def med(c, w):
    v = [r["seconds"] for r in rows if r.get("contender") == c and r["workload"] == w and "seconds" in r]
    return statistics.median(v) if v else None
for w in ("dbscan", "optics"):
    c, s = med("cumulo", w), med("sklearn", w)
    if c is not None and s is not None:
        print(f"{w:7s} median seconds: cumulo {c:.3f}, scikit-learn {s:.3f}, ratio {c / s:.3f}")
for r in rows:
    if "compare" in r:
        print(f"{r['workload']:7s} {r.get('what', 'labels')}: equal {r['equal']}, up to renaming "
              f"{r['equal_up_to_renaming']}, {r['differing_rows']} rows differ")
for r in rows:
    if r["workload"] == "big" and "contender" in r:
        print("big", json.dumps(r))
PYEOF
say "results in $OUT"
