#!/usr/bin/env bash
# Rebuilds the plotly.js that Cumulo's HTML reports inline: a partial bundle of plotly.js (core + the trace types
# in entry.js), minified by esbuild into one script that defines window.Plotly, gzipped and vendored in
# cumulo-report as a resource, so the Maven build and CI need no npm. Run it after changing entry.js, build.mjs or
# a version in package.json (then `npm install` here once to update package-lock.json); commit what it writes:
#
#   cumulo-report/src/main/resources/io/cumulo/report/plotly/plotly.min.js.gz   the bundle (gzip -9 -n)
#   cumulo-report/src/main/resources/io/cumulo/report/plotly/LICENCES.txt       the licence of every bundled package
#   PlotlyBundle.SCRIPT_SHA256 in cumulo-report                                  the bundle's SHA-256 (PlotlyBundleTest)
#
# Needs node (18 or newer) and npm; installs the exact versions of package-lock.json (npm ci) into
# tools/plotly/node_modules, which git ignores. The output depends only on those versions: running it twice gives
# the same bytes. See docs/report.md ("plotly.js, a partial bundle").
set -euo pipefail
HERE="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$ROOT/cumulo-report/src/main/resources/io/cumulo/report/plotly"
JAVA="$ROOT/cumulo-report/src/main/java/io/cumulo/report/PlotlyBundle.java"
die() { echo "build-bundle.sh: $*" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || die "needs node and npm (apt-get install -y nodejs npm)"
[ "$(node -p 'process.versions.node.split(".")[0]')" -ge 18 ] || die "needs node 18 or newer, found $(node --version)"

cd "$HERE"
npm ci --ignore-scripts --no-audit --no-fund >&2
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
node build.mjs "$TMP/plotly.min.js" "$TMP/LICENCES.txt"
mkdir -p "$OUT"
gzip -9 -n -c "$TMP/plotly.min.js" >"$OUT/plotly.min.js.gz"
cp "$TMP/LICENCES.txt" "$OUT/LICENCES.txt"
SUM="$(sha256sum "$TMP/plotly.min.js" | cut -d' ' -f1)"
sed -i "s/\(SCRIPT_SHA256 = \"\)[0-9a-f]*\"/\1$SUM\"/" "$JAVA"
grep -q "$SUM" "$JAVA" || die "could not record the checksum in $JAVA (SCRIPT_SHA256 = \"...\")"
echo "plotly.js bundle: $(stat -c %s "$TMP/plotly.min.js") bytes, gzipped $(stat -c %s "$OUT/plotly.min.js.gz"), sha256 $SUM" >&2
