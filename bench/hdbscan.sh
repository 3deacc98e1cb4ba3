#!/usr/bin/env bash
# HDBSCAN benchmark: Cumulo's hdbscan against R's dbscan::hdbscan (Debian r-cran-dbscan 1.1-11, C++), timed in the
# same run, interleaved.
#
#   1. The shared "hdbscan" workload (50,000 x 2, 20 blobs + 5% noise; ../shared/bench/gen_data.py): Cumulo with
#      min-cluster-size 25, min-samples 10 (HDBSCANBench: the fit alone, REPS fits after one untimed, one JVM per
#      round). R's hdbscan builds two dense n(n-1)/2 matrices of doubles (distances, then mutual reachability): 20 GB
#      at 50,000 rows, more than this shared machine can give, so R is timed on the workload's first R_SIZES rows
#      (minPts 10: the same core distances) with Cumulo on the same rows in the same round, and R's time at 50,000 is
#      extrapolated from its measured n^p growth (CUMULO_BENCH_R_FULL=1 also runs R on all 50,000 rows).
#   2. 1,000,000 x 2 (same recipe, bench/hdbscan_data.py): one cold fit, -Xmx2g, peak resident set (/usr/bin/time).
#   3. 100,000 x 10 (same recipe): one cold fit, peak resident set.
#
# Usage: bench/hdbscan.sh [ROUNDS] [R_SIZES]      e.g. bench/hdbscan.sh 2 "5000 10000 20000"
#
# Environment: CUMULO_BENCH_DATA [bench-data/], CUMULO_BENCH_PYTHON [/usr/bin/python3], CUMULO_BENCH_GEN
# [../shared/bench/gen_data.py], CUMULO_BENCH_THREADS [processors], CUMULO_BENCH_JDKS (first one found is used),
# CUMULO_BENCH_NO_BUILD=1, CUMULO_BENCH_R_FULL=1, CUMULO_BENCH_LARGE=0 (skip parts 2 and 3).
# Writes bench-results/hdbscan-DATE.jsonl (every timed fit) and prints the medians and ratios.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS="${1:-2}"
R_SIZES="${2-5000 10000 20000}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
GEN="${CUMULO_BENCH_GEN:-$(readlink -m "$ROOT/../shared/bench/gen_data.py")}"
THREADS="${CUMULO_BENCH_THREADS:-$(getconf _NPROCESSORS_ONLN)}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
JVM_OPTS=(-XX:+UseParallelGC -Djava.awt.headless=true --add-modules jdk.incubator.vector)
BENCH_NAME=hdbscan.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
command -v Rscript >/dev/null || die "no Rscript (apt-get install r-cran-dbscan)"
Rscript -e 'suppressMessages(library(dbscan))' 2>/dev/null || die "R cannot load dbscan (apt-get install r-cran-dbscan)"
mkdir -p "$DATA"
if [ ! -f "$DATA/hdbscan.f64" ]; then
  [ -f "$GEN" ] || die "no $GEN (set CUMULO_BENCH_GEN)"
  say "writing the hdbscan workload into $DATA"
  "$PY" "$GEN" "$DATA" hdbscan >/dev/null
fi
if [ "${CUMULO_BENCH_LARGE:-1}" = 1 ] && { [ ! -f "$DATA/hdbscan-1m.f64" ] || [ ! -f "$DATA/hdbscan-10d.f64" ]; }; then
  say "writing the 1,000,000 x 2 and 100,000 x 10 inputs into $DATA"
  "$PY" "$ROOT/bench/hdbscan_data.py" "$DATA" >/dev/null
fi
bench_jdks first
JAVA="${JDKS[0]}/bin/java"
bench_build
OUT="$(bench_results hdbscan)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

cumulo() { "$JAVA" "${JVM_OPTS[@]}" "$@"; }
tag() { sed "s/^{/{\"round\": $1, /" >>"$OUT"; }
N="$(grep '^n=' "$DATA/hdbscan.meta" | cut -d= -f2)"

for r in $(seq 1 "$ROUNDS"); do
  say "round $r of $ROUNDS"
  cumulo -cp "$JAR" io.cumulo.bench.HDBSCANBench "$DATA" hdbscan 3 "$THREADS" 25 10 auto 2>/dev/null | tag "$r"
  for n in $R_SIZES; do
    cumulo -cp "$JAR" io.cumulo.bench.HDBSCANBench "$DATA" hdbscan 3 "$THREADS" 25 10 auto "$n" 2>/dev/null | tag "$r"
    Rscript "$ROOT/bench/hdbscan_r.R" "$DATA/hdbscan.f64" "$N" 2 "$n" 10 1 | tag "$r"
  done
  if [ "${CUMULO_BENCH_R_FULL:-0}" = 1 ]; then
    Rscript "$ROOT/bench/hdbscan_r.R" "$DATA/hdbscan.f64" "$N" 2 "$N" 10 1 | tag "$r"
  fi
done

if [ "${CUMULO_BENCH_LARGE:-1}" = 1 ]; then
  for w in hdbscan-1m hdbscan-10d; do
    say "$w: one cold fit"
    /usr/bin/time -f '%M' -o "$TMP/rss" "$JAVA" "${JVM_OPTS[@]}" -Xmx2g -cp "$JAR" io.cumulo.bench.HDBSCANBench \
      "$DATA" "$w" -1 "$THREADS" 25 10 auto 2>/dev/null >"$TMP/line"
    sed "s/^{/{\"peak_rss_mb\": $(( $(cat "$TMP/rss") / 1024 )), /" "$TMP/line" | tag 1
  done
fi

# --- summary -------------------------------------------------------------------------------------------------
"$PY" - "$OUT" "$N" <<'PYEOF'
import json, math, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
full = int(sys.argv[2])
def med(tool, workload, n):
    v = [r["seconds"] for r in rows if r["tool"] == tool and r.get("workload", "hdbscan") == workload and r["rows"] == n]
    return statistics.median(v) if v else None
print("hdbscan workload (first n rows), median seconds (fit only):")
print(f"  {'rows':>7s} {'cumulo':>8s} {'R dbscan':>9s} {'ratio':>7s}")
rn, rt = [], []
for n in sorted({r["rows"] for r in rows if r["tool"] == "r-dbscan"} | {full}):
    c, r = med("cumulo", "hdbscan", n), med("r-dbscan", "hdbscan", n)
    if c is None:
        continue
    print(f"  {n:7d} {c:8.3f} " + (f"{r:9.2f} {c / r:7.4f}" if r else f"{'-':>9s} {'-':>7s}"))
    if r and n != full:
        rn.append(math.log(n)); rt.append(math.log(r))
c = med("cumulo", "hdbscan", full)
if len(rn) >= 2 and c:
    p = (rt[-1] - rt[0]) / (rn[-1] - rn[0])
    est = math.exp(rt[-1] + p * (math.log(full) - rn[-1]))
    print(f"R grows as n^{p:.2f}; extrapolated to {full} rows: {est:.0f} s; Cumulo {c:.3f} s: ratio {c / est:.4f}")
for w in ("hdbscan-1m", "hdbscan-10d"):
    for r in rows:
        if r.get("workload") == w:
            print(f"{w}: {r['rows']} rows, {r['seconds']:.2f} s, peak RSS {r['peak_rss_mb']} MB, "
                  f"{r['n_clusters']} clusters, {r['n_noise']} noise, {r['mst']}; stages: "
                  + ", ".join(f"{k} {v:.2f} s" for k, v in r.items()
                              if k in ("core_distances", "spanning_tree", "condensed_tree")))
PYEOF
say "results in $OUT"
