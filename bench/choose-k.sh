#!/usr/bin/env bash
# choose-k on KM-A: wall time of `cumulo choose-k` over k = 2..15 on the kma workload (500,000 x 16), all six
# criteria, k-means with its defaults, through the launcher (newest JDK), JVM start and reading included.
# See docs/benchmarks.md, "choose-k on KM-A: time".
#
# Usage: bench/choose-k.sh [RUNS]     (default 2; needs bench-data/kma.{f64,meta}, written by bench/kmeans.sh)
# Prints one line per run: wall seconds, the sum of the fits' seconds, and the recommendations.
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
RUNS="${1:-2}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
DATA="$ROOT/bench-data"
[ -f "$DATA/kma.meta" ] || { echo "choose-k.sh: missing $DATA/kma.meta (run bench/kmeans.sh once)" >&2; exit 1; }
if [ ! -f "$DATA/kma.npy" ]; then
  "$PY" - "$DATA" <<'PYEOF'
import sys, numpy as np
d = sys.argv[1]
m = dict(l.strip().split("=") for l in open(d + "/kma.meta") if "=" in l)
np.save(d + "/kma.npy", np.fromfile(d + "/kma.f64", dtype="<f8").reshape(int(m["n"]), int(m["d"])))
PYEOF
fi
for r in $(seq "$RUNS"); do
  t0=$(date +%s.%N)
  "$ROOT/cumulo" choose-k "$DATA/kma.npy" --k-range 2..15 --json > /tmp/choose-k-$$.json 2>/dev/null
  t1=$(date +%s.%N)
  "$PY" - "$t0" "$t1" /tmp/choose-k-$$.json <<'PYEOF'
import sys, json
t0, t1, f = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
j = json.load(open(f))
fits = sum(r["fit_seconds"] for r in j["table"])
print(f"wall {t1 - t0:.1f} s, fits {fits:.1f} s, recommendations {j['recommendations']}, recommended k {j['recommended_k']}")
PYEOF
done
rm -f /tmp/choose-k-$$.json
