#!/usr/bin/env bash
# Checks the internal indices (silhouette and per-row silhouettes, Calinski-Harabasz, Davies-Bouldin, inertia, BIC)
# against scikit-learn 1.2.1 on Franti's sets s1, a1, unbalance and dim032, to 1e-9 relative. Those sets are not in
# the repository (their licence does not allow it), so the unit tests cannot do it; the reference numbers are in
# cumulo-core/src/test/resources/reference/internal_indices.json (tools/reference/make_internal_indices_reference.py).
#
# Usage: tools/reference/check_franti_indices.sh [FRANTI_DIR [SHARED_RESULTS_JSON]]
#        defaults: ../shared/datasets/franti and ../shared/reference/reference-results.json next to the repository
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
DIR="${1:-$(readlink -m "$ROOT/../shared/datasets/franti")}"
SHARED="${2:-$(readlink -m "$ROOT/../shared/reference/reference-results.json")}"
[ -f "$DIR/s1.csv" ] || { echo "check_franti_indices.sh: no $DIR/s1.csv; give the directory of Franti's sets" >&2; exit 2; }
(cd "$ROOT" && ./mvnw -q -B -pl cumulo-bench -am package -DskipTests) >&2
args=("$DIR" "$ROOT/cumulo-core/src/test/resources/reference/internal_indices.json")
[ -f "$SHARED" ] && args+=("$SHARED")
java --add-modules jdk.incubator.vector -cp "$ROOT/cumulo-bench/target/cumulo-bench.jar" \
  io.cumulo.bench.IndicesReferenceCheck "${args[@]}" 2> >(grep -v 'incubator modules' >&2)
