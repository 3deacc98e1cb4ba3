#!/usr/bin/env bash
# k-means as a command-line user meets it: each fit in a fresh process, no warm-up. Cumulo through the ./cumulo
# launcher (`./cumulo cluster NAME.npy --param init=NAME_init.csv --param max-iter=20 --param tol=0 --json`,
# fit_seconds and inertia read from the JSON) against scikit-learn's first fit in a fresh Python process
# (bench/kmeans_cold_sklearn.py: KMeans(k, init=centres, n_init=1, max_iter=20, tol=0, algorithm="lloyd"), the
# fit alone), interleaved round by round, the order alternating. Prints per workload the medians, their ratio and
# whether the inertias agree (relative 1e-9). The warm figures are bench/kmeans.sh's (fits after warm-up fits).
#
# Usage: bench/kmeans-cold.sh [ROUNDS [WORKLOADS]]        (default: 3 kma,kmb,kmc)
#
# Environment (defaults in brackets):
#   CUMULO_COLD_ALGORITHM  Cumulo's --param algorithm (auto, lloyd, hamerly, ...) [not given: auto, as a user runs it]
#   CUMULO_COLD_OPTS       extra ./cumulo options, e.g. "--threads 2" [none]
#   CUMULO_JAVA_HOME, CUMULO_JAVA_OPTS  passed to ./cumulo (see the launcher)
#   CUMULO_BENCH_PYTHON    python with numpy and scikit-learn [/usr/bin/python3]
#   CUMULO_BENCH_THREADS   OpenMP / OpenBLAS threads of scikit-learn [nproc]
#   CUMULO_BENCH_DATA      workloads directory [bench-data/]; NAME.npy and NAME_init.csv are written there from the
#                          raw workloads when missing (../shared/bench/gen_data.py and to_npy.py)
#   CUMULO_BENCH_SHARED    the shared benchmark scripts [../shared/bench next to the repository]
#
# Writes every run to bench-results/kmeans-cold-DATE.jsonl and the table to kmeans-cold-DATE.md; exits 1 if the
# inertias disagree or a fit did not make max-iter iterations.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
ROUNDS="${1:-3}"
WORKLOADS="${2:-kma,kmb,kmc}"
DATA="${CUMULO_BENCH_DATA:-$ROOT/bench-data}"
SHARED="${CUMULO_BENCH_SHARED:-$(readlink -m "$ROOT/../shared/bench")}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
THREADS="${CUMULO_BENCH_THREADS:-$(nproc)}"
BENCH_NAME=kmeans-cold.sh
# shellcheck source=bench/common.sh
source "$ROOT/bench/common.sh"

[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS must be a positive integer, got '$ROUNDS'"
IFS=, read -r -a NAMES <<<"$WORKLOADS"
"$PY" -c 'import sklearn' 2>/dev/null || die "$PY cannot import sklearn (set CUMULO_BENCH_PYTHON)"

for w in "${NAMES[@]}"; do
  if [ ! -f "$DATA/$w.meta" ]; then
    [ -f "$SHARED/gen_data.py" ] || die "no $DATA/$w.meta and no generator $SHARED/gen_data.py (set CUMULO_BENCH_SHARED)"
    say "generating $w into $DATA"
    "$PY" "$SHARED/gen_data.py" "$DATA" "$w" >&2 || die "gen_data.py failed"
  fi
  if [ ! -f "$DATA/$w.npy" ] || [ ! -f "$DATA/${w}_init.csv" ]; then
    "$PY" "$SHARED/to_npy.py" "$DATA" "$w" >&2 || die "to_npy.py failed"
  fi
done

# build once before the clock matters (the launcher rebuilds when sources changed)
"$ROOT/cumulo" --version >/dev/null || die "./cumulo does not run"

OUT="$(bench_results kmeans-cold)"
JSON_FILE="$(mktemp)"
trap 'rm -f "$JSON_FILE"' EXIT
ALG_ARGS=()
[ -n "${CUMULO_COLD_ALGORITHM:-}" ] && ALG_ARGS=(--param "algorithm=$CUMULO_COLD_ALGORITHM")
read -r -a EXTRA <<<"${CUMULO_COLD_OPTS:-}"

meta() { sed -n "s/^$2=//p" "$DATA/$1.meta"; }

run_cumulo() {
  local w="$1" r="$2" wall t0
  t0="$(date +%s.%N)"
  # the JSON goes through a file: on wide data (KM-B, 784 features) it is larger than one argument may be
  "$ROOT/cumulo" cluster "$DATA/$w.npy" --param "init=$DATA/${w}_init.csv" --param "max-iter=$(meta "$w" iters)" \
    --param tol=0 "${ALG_ARGS[@]}" "${EXTRA[@]}" --json 2>/dev/null >"$JSON_FILE" || die "cumulo failed on $w"
  wall="$(echo "$(date +%s.%N) - $t0" | bc)"
  "$PY" - "$w" "$r" "$wall" "$JSON_FILE" >>"$OUT" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[4]))
print(json.dumps({"round": int(sys.argv[2]), "workload": sys.argv[1], "contender": "cumulo", "seconds": j["fit_seconds"],
                  "inertia": j["inertia"], "n_iter": j["n_iter"], "algorithm": j["params"]["algorithm"],
                  "threads": j.get("threads"), "wall_seconds": float(sys.argv[3])}))
PYEOF
  say "  cumulo $w: $(tail -n 1 "$OUT" | sed -n 's/.*"seconds": \([0-9.eE-]*\).*/\1/p') s"
}

run_sklearn() {
  local w="$1" r="$2" line
  line="$(OMP_NUM_THREADS="$THREADS" OPENBLAS_NUM_THREADS="$THREADS" "$PY" "$ROOT/bench/kmeans_cold_sklearn.py" "$DATA" "$w")" \
    || die "scikit-learn failed on $w"
  echo "{\"round\": $r, \"workload\": \"$w\", \"contender\": \"sklearn\", ${line#\{}" >>"$OUT"
  say "  sklearn $w: $(sed -n 's/.*"seconds": \([0-9.eE-]*\).*/\1/p' <<<"$line") s"
}

say "$ROUNDS rounds of ${NAMES[*]}; results: ${OUT#"$ROOT"/}"
for ((r = 1; r <= ROUNDS; r++)); do
  for w in "${NAMES[@]}"; do
    say "round $r/$ROUNDS, $w"
    if (( r % 2 )); then run_cumulo "$w" "$r"; run_sklearn "$w" "$r"; else run_sklearn "$w" "$r"; run_cumulo "$w" "$r"; fi
  done
done

{
  echo
  echo "k-means, cold (one fit per fresh process), median of $ROUNDS rounds; $(date +%F); ${OUT#"$ROOT"/}"
  echo "Cumulo: ./cumulo ($("$ROOT/cumulo" --version 2>/dev/null | sed -n 2p || true)) algorithm=${CUMULO_COLD_ALGORITHM:-auto} ${CUMULO_COLD_OPTS:-}${CUMULO_JAVA_OPTS:+ CUMULO_JAVA_OPTS=$CUMULO_JAVA_OPTS}"
  echo
  "$PY" - "$OUT" "$(meta "${NAMES[0]}" iters)" <<'PYEOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
iters = int(sys.argv[2])
ok = True
print("| workload | Cumulo fit s (min–max) | Cumulo process s | scikit-learn fit s (min–max) | ratio | inertia (rel. diff) | check |")
print("|---|---:|---:|---:|---:|---|---|")
for w in dict.fromkeys(r["workload"] for r in rows):
    c = [r for r in rows if r["workload"] == w and r["contender"] == "cumulo"]
    s = [r for r in rows if r["workload"] == w and r["contender"] == "sklearn"]
    mc = statistics.median(r["seconds"] for r in c)
    ms = statistics.median(r["seconds"] for r in s)
    ref = s[0]["inertia"]
    rel = max(abs(r["inertia"] - ref) / abs(ref) for r in c + s)
    good = rel <= 1e-9 and all(r["n_iter"] == iters for r in c + s)
    ok &= good
    print(f"| {w} | {mc:.3f} ({min(r['seconds'] for r in c):.3f}–{max(r['seconds'] for r in c):.3f}) "
          f"| {statistics.median(r['wall_seconds'] for r in c):.2f} "
          f"| {ms:.3f} ({min(r['seconds'] for r in s):.3f}–{max(r['seconds'] for r in s):.3f}) | {mc / ms:.2f} "
          f"| {c[0]['inertia']:.10e} ({rel:.1e}) | {'PASS' if good else 'FAIL'} |")
sys.exit(0 if ok else 1)
PYEOF
} | tee "${OUT%.jsonl}.md"
