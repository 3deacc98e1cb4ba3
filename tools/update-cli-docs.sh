#!/usr/bin/env bash
# Regenerates the parameter tables in docs/cli.md (between <!-- params:begin --> and <!-- params:end -->)
# from the parameter descriptions in the code. Run after changing any algorithm's parameters; DocsTest
# fails until the docs match.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
./mvnw -q -B -DskipTests package -pl cumulo-cli -am
tables="$(java -jar cumulo-cli/target/cumulo.jar params --markdown)"
python3 - "$tables" <<'PY'
import sys
tables = sys.argv[1]
path = "docs/cli.md"
s = open(path).read()
begin, end = "<!-- params:begin -->\n", "<!-- params:end -->"
i, j = s.index(begin) + len(begin), s.index(end)
open(path, "w").write(s[:i] + tables + "\n\n" + s[j:])
PY
echo "docs/cli.md parameter tables updated"
