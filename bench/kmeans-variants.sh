#!/usr/bin/env bash
# Which k-means variant is fastest on which shape: CPU seconds of one thread for 20 iterations of each variant
# (lloyd, hamerly, elkan, yinyang) from the same initial centres, on KM-A/B/C and on synthetic blobs of other
# shapes (written once to bench-data/shapes/ by an inline numpy generator, fixed seeds). Best of REPS fits after
# 2 warm-up fits, one JVM per variant and shape. The table behind algorithm=auto (docs/benchmarks.md,
# "Choosing the variant").
#
# Usage: bench/kmeans-variants.sh [REPS]      (default 3; needs bench-data/kma..kmc from bench/kmeans.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
REPS="${1:-3}"
PY="${CUMULO_BENCH_PYTHON:-/usr/bin/python3}"
JAVA="${CUMULO_BENCH_JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
JAR="$ROOT/cumulo-bench/target/cumulo-bench.jar"
SHAPES="$ROOT/bench-data/shapes"
[ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -q -B -pl cumulo-bench -am package -DskipTests)
mkdir -p "$SHAPES"
"$PY" - "$SHAPES" <<'PYEOF'
import os, sys
import numpy as np
out = sys.argv[1]
# overlapping Gaussian blobs: centres uniform in [-10, 10]^d, spread 4
for n, d, k in [(200000, 8, 16), (200000, 32, 16), (100000, 64, 16), (200000, 16, 64), (100000, 128, 16), (200000, 3, 20)]:
    name = f"s{d}k{k}"
    if os.path.exists(os.path.join(out, name + ".meta")):
        continue
    rng = np.random.default_rng(d * 1000 + k)
    c = rng.uniform(-10, 10, size=(k, d))
    x = c[rng.integers(0, k, size=n)] + rng.normal(0, 4.0, size=(n, d))
    x.astype("<f8").tofile(os.path.join(out, name + ".f64"))
    x[rng.choice(n, k, replace=False)].astype("<f8").tofile(os.path.join(out, name + ".init.f64"))
    with open(os.path.join(out, name + ".meta"), "w") as f:
        f.write(f"k={k}\niters=20\nn={n}\nd={d}\n")
PYEOF
printf '| data | n × d, k | lloyd | hamerly | elkan | yinyang |\n|---|---|---:|---:|---:|---:|\n'
for spec in kma:bench-data kmb:bench-data kmc:bench-data s8k16:shapes s32k16:shapes s64k16:shapes s16k64:shapes \
            s128k16:shapes s3k20:shapes; do
  w="${spec%%:*}"; dir="$ROOT/bench-data"; [ "${spec#*:}" = shapes ] && dir="$SHAPES"
  [ -f "$dir/$w.meta" ] || { echo "missing $dir/$w.meta (run bench/kmeans.sh once)" >&2; exit 1; }
  meta="$(tr '\n' ' ' <"$dir/$w.meta")"
  n="$(sed -n 's/.*n=\([0-9]*\).*/\1/p' <<<"$meta")"; d="$(sed -n 's/.*d=\([0-9]*\).*/\1/p' <<<"$meta")"
  k="$(sed -n 's/.*k=\([0-9]*\).*/\1/p' <<<"$meta")"
  row="| $w | $n × $d, $k |"
  for a in lloyd hamerly elkan yinyang; do
    s="$("$JAVA" -XX:+UseParallelGC --add-modules jdk.incubator.vector -jar "$JAR" "$dir" "$w" "$REPS" 1 --warmup=2 \
         --algorithm="$a" 2>/dev/null | sed -n 's/.*"caller_cpu_seconds": \([0-9.]*\).*/\1/p' | sort -n | head -1)"
    row="$row $(printf '%.3f' "$s") |"
  done
  echo "$row"
done
