#!/usr/bin/env bash
# Manual benchmark of the streaming CSV reader (not run by the test suite).
#   tools/bench/csv_read_bench.sh [ROWS] [COLS] [MODE] [XMX]
# Writes /tmp/cumulo-bench-ROWSxCOLS-MODE.csv once (MODE mixed: 1-17 significant digits, mostly short,
# ~1 GB for the defaults; MODE full: every value with 16-17 digits), then reads it with -XmxXMX and prints
# seconds, MB/s and the highest heap use. The default heap is a bit above the 1.0 GB matrix, to show
# that the text is streamed rather than held.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-8000000}
COLS=${2:-16}
MODE=${3:-mixed}
XMX=${4:-2500m}
FILE=/tmp/cumulo-bench-${ROWS}x${COLS}-${MODE}.csv
./mvnw -q -B -o -pl cumulo-core test-compile
java -Xmx"$XMX" -XX:+UseG1GC -cp cumulo-core/target/classes:cumulo-core/target/test-classes \
    io.cumulo.data.CsvReadBenchmark "$FILE" "$ROWS" "$COLS" "$MODE"
