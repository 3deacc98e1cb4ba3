#!/usr/bin/env bash
# Hierarchical clustering benchmark: Cumulo's agglomerative tree against fastcluster 1.2.3 (Debian's
# python3-fastcluster, C++) and scikit-learn 1.2.1's AgglomerativeClustering, measured in the same run.
#
#   1. The shared "ward" workload (10,000 x 10, 10 blobs; ../shared/bench/gen_data.py): every linkage, Cumulo
#      (HierarchicalBench: the tree alone, median of 3 fits after 1 untimed, a fresh JVM per linkage and round)
#      against fastcluster.linkage (the same protocol) and, for ward/single/average/complete, scikit-learn
#      (1 timed fit after 1 untimed). Before timing, each Cumulo tree (./cumulo cluster --linkage-out) is compared
#      with fastcluster's: heights to 1e-9 relative, the same merges.
#   2. The scaling curve: 10-D blobs (10 blobs, seeded) at n = CURVE sizes, Ward and single linkage, one cold fit
#      each in a fresh process: Cumulo's matrix-free routes against fastcluster.linkage_vector (also matrix-free),
#      with the peak resident set of each process (/usr/bin/time).
#
# Usage: bench/hierarchical.sh [ROUNDS] [CURVE]     e.g. bench/hierarchical.sh 3 "10000 20000 50000 100000 200000"
#   CURVE "" skips part 2.
#
# Environment: CUMULO_BENCH_DATA [bench-data/], CUMULO_BENCH_PYTHON [/usr/bin/python3], CUMULO_BENCH_GEN
# [../shared/bench/gen_data.py], CUMULO_BENCH_THREADS [processors], CUMULO_BENCH_JDKS (first one found is used),
# CUMULO_BENCH_NO_BUILD=1.
# Writes bench-results/hierarchical-DATE.jsonl (every timed fit) and prints the medians.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS="${1:-3}"
CURVE="${2-10000 20000 50000 100000 200000}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
GEN="${CUMULO_BENCH_GEN:-$(readlink -m "$ROOT/../shared/bench/gen_data.py")}"
THREADS="${CUMULO_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
PEERS="$ROOT/bench/hierarchical_peers.py"
JVM_OPTS=(-XX:+UseParallelGC -XX:MaxRAMPercentage=75 -Djava.awt.headless=true --add-modules jdk.incubator.vector)
BENCH_NAME=hierarchical.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
"$PY" -c 'import fastcluster, sklearn' 2>/dev/null \
  || die "$PY cannot import fastcluster and sklearn (apt-get install python3-fastcluster python3-sklearn)"
export OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS"
mkdir -p "$DATA"
if [ ! -f "$DATA/ward.npy" ]; then
  [ -f "$GEN" ] || die "no $GEN (set CUMULO_BENCH_GEN)"
  say "writing the ward workload into $DATA"
  "$PY" "$GEN" "$DATA" ward >/dev/null && "$PY" "$(dirname "$GEN")/to_npy.py" "$DATA" ward
fi
bench_jdks first
JAVA="${JDKS[0]}/bin/java"
bench_build
(cd "$ROOT" && ./mvnw -q -B -o -pl cumulo-cli -am package -DskipTests) >&2 || die "the CLI build failed"
OUT="$(bench_results hierarchical)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cumulo() { "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.cumulo.bench.HierarchicalBench "$@"; }
tag() { sed "s/^{/{\"round\": $1, \"workload\": \"$2\", /" >>"$OUT"; }

# --- 1. the ward workload ------------------------------------------------------------------------------------
LINKAGES="ward single average complete weighted centroid median"
for l in $LINKAGES; do
  CUMULO_JAVA_HOME="${JDKS[0]}" "$ROOT/cumulo" cluster "$DATA/ward.npy" --algorithm agglomerative --param "linkage=$l" \
    --k 10 --no-profile --linkage-out "$TMP/z-$l.npy" >/dev/null || die "cumulo cluster failed ($l)"
  check="$("$PY" "$PEERS" compare "$DATA/ward.npy" "$l" "$TMP/z-$l.npy")"
  echo "$check" | tag 0 ward
  say "check $l: $check"
done
for r in $(seq 1 "$ROUNDS"); do
  say "round $r of $ROUNDS"
  for l in $LINKAGES; do
    cumulo "$DATA/ward.npy" "$l" 3 "$THREADS" 2>/dev/null | sed 's/^{/{"contender": "cumulo", /' | tag "$r" ward
    "$PY" "$PEERS" fastcluster "$DATA/ward.npy" "$l" 3 | tag "$r" ward
    case "$l" in ward|single|average|complete) "$PY" "$PEERS" sklearn "$DATA/ward.npy" "$l" 10 1 | tag "$r" ward ;; esac
  done
done

# --- 2. the scaling curve ------------------------------------------------------------------------------------
for n in $CURVE; do
  f="$DATA/hier-$n-10.npy"
  [ -f "$f" ] || "$PY" "$PEERS" gen "$f" "$n" 10 10 "$n"
  for l in ward single; do
    say "curve n=$n $l"
    /usr/bin/time -f '%M' -o "$TMP/rss" "$JAVA" "${JVM_OPTS[@]}" -cp "$JAR" io.cumulo.bench.HierarchicalBench \
      "$f" "$l" -1 "$THREADS" 2>/dev/null >"$TMP/line"
    sed "s/^{/{\"contender\": \"cumulo\", \"peak_rss_mb\": $(( $(cat "$TMP/rss") / 1024 )), /" "$TMP/line" | tag 1 curve
    /usr/bin/time -f '%M' -o "$TMP/rss" "$PY" "$PEERS" fastcluster "$f" "$l" -1 vector >"$TMP/line"
    sed "s/^{/{\"peak_rss_mb\": $(( $(cat "$TMP/rss") / 1024 )), /" "$TMP/line" | tag 1 curve
  done
done

# --- summary -------------------------------------------------------------------------------------------------
"$PY" - "$OUT" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
print("checks (Cumulo's tree against fastcluster's):")
for r in rows:
    if "max_rel_height_diff" in r:
        print(f"  {r['linkage']:9s} max rel height diff {r['max_rel_height_diff']:.2e}, same merges: {r['same_merges']}")
def med(c, l, w):
    v = [r["seconds"] for r in rows if r.get("contender") == c and r.get("linkage") == l and r["workload"] == w]
    return statistics.median(v) if v else None
print("\nward workload (10,000 x 10), median seconds:")
print(f"  {'linkage':9s} {'cumulo':>8s} {'fastcluster':>12s} {'ratio':>6s} {'sklearn':>8s}")
for l in "ward single average complete weighted centroid median".split():
    c, f, s = med("cumulo", l, "ward"), med("fastcluster", l, "ward"), med("sklearn", l, "ward")
    if c is None:
        continue
    print(f"  {l:9s} {c:8.3f} {f:12.3f} {c / f:6.2f} " + (f"{s:8.3f}" if s else "       -"))
curve = [r for r in rows if r["workload"] == "curve"]
if curve:
    print("\nscaling (10-D blobs, one cold fit each): seconds / peak RSS MB")
    for l in ("ward", "single"):
        for n in sorted({r["rows"] for r in curve}):
            c = [r for r in curve if r["linkage"] == l and r["rows"] == n and r["contender"] == "cumulo"]
            f = [r for r in curve if r["linkage"] == l and r["rows"] == n and r["contender"] == "fastcluster-vector"]
            if c and f:
                print(f"  {l:6s} n={n:>7d}  cumulo {c[0]['seconds']:8.2f} s {c[0]['peak_rss_mb']:6d} MB   "
                      f"fastcluster linkage_vector {f[0]['seconds']:8.2f} s {f[0]['peak_rss_mb']:6d} MB")
PYEOF
say "results in $OUT"
