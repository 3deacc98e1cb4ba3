# Sourced by the bench scripts (not run on its own): their messages, the JDKs Cumulo runs on, the build of
# cumulo-bench, and a results file that never replaces an earlier one. The caller sets ROOT (the repository) and
# BENCH_NAME (its own name, for messages) before sourcing it.

die() { echo "$BENCH_NAME: $*" >&2; exit 1; }
say() { echo "$BENCH_NAME: $*" >&2; }

# JDKS: the JAVA_HOMEs of CUMULO_BENCH_JDKS (space-separated), else the Temurin 25 and OpenJDK 17 installed here;
# with "first", only the first of those found.
bench_jdks() {
  if [ -n "${CUMULO_BENCH_JDKS:-}" ]; then
    read -r -a JDKS <<<"$CUMULO_BENCH_JDKS"
  else
    JDKS=()
    for h in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-17-openjdk-amd64; do
      if [ -x "$h/bin/java" ]; then
        JDKS+=("$h")
        [ "${1:-}" = first ] && break
      fi
    done
  fi
  [ "${#JDKS[@]}" -gt 0 ] || die "no JDK to run Cumulo on; set CUMULO_BENCH_JDKS"
  for h in "${JDKS[@]}"; do [ -x "$h/bin/java" ] || die "CUMULO_BENCH_JDKS: $h/bin/java does not exist"; done
}

# Builds cumulo-bench (unless CUMULO_BENCH_NO_BUILD=1) and checks that $JAR is there.
bench_build() {
  if [ "${CUMULO_BENCH_NO_BUILD:-0}" != 1 ]; then
    say "building cumulo-bench"
    (cd "$ROOT" && ./mvnw -q -B -pl cumulo-bench -am package -DskipTests) >&2 || die "the build failed"
  fi
  [ -f "$JAR" ] || die "$JAR is missing (build with: ./mvnw -q -B -pl cumulo-bench -am package -DskipTests)"
}

# Prints a new results file bench-results/STEM-DATE.jsonl (STEM-DATE-2.jsonl, ... when that exists).
bench_results() {
  mkdir -p "$ROOT/bench-results"
  local out="$ROOT/bench-results/$1-$(date +%F).jsonl" i=2
  while [ -e "$out" ]; do out="$ROOT/bench-results/$1-$(date +%F)-$i.jsonl"; i=$((i + 1)); done
  echo "$out"
}
