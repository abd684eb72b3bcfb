#!/usr/bin/env bash
# What query-check costs.
#
#   bench/query_check.sh [BUILD_DIR] [ROUNDS]
#
# BUILD_DIR: a build with query-check (default build/; its compile_commands.json is used, so
# configure it with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON); ROUNDS: default 5.
#
# 1. The plugin's added compile time: bench/compile_time.sh's translation unit of 100 checked
#    queries (QUERIES to change), compiled by clang++-19 with FLAGS (default -std=c++20 -O2)
#    to an object file with and without -fplugin, alternately, ROUNDS times each; medians of
#    the compiler's CPU time (user + system) and the ratio.
# 2. The query-check program over the example service and the tests' sources with checked
#    queries (offline, from the committed .sqlx-cpp/), against clang++-19 -fsyntax-only of
#    the same files with the same flags: the program's cost beyond parsing.
# 3. The program over the whole compile database (every source of the build).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
rounds=${2:-5}
flags=${FLAGS:-"-std=c++20 -O2"}
cxx=clang++-19
plugin=$build/query-check/sqlx-query-check.so
tool=$build/query-check/query-check
pg_include=$(pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)
for f in "$plugin" "$tool" "$build/prepare/sqlcheck" "$build/compile_commands.json"; do
  if [[ ! -e $f ]]; then
    echo "query_check.sh: no $f (build with query-check and -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)" >&2
    exit 2
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/sqlx-query-check-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- 1. the plugin --------------------------------------------------------------------------
COMPILERS=$cxx WORK=$work/gen "$root/bench/compile_time.sh" "$build/prepare/sqlcheck" 1 >/dev/null
gen=$work/gen

# Prints the CPU seconds of one compile; fails when it does not compile.
compile() {
  # shellcheck disable=SC2086 # FLAGS is a list of flags
  if ! /usr/bin/time -f '%U %S' -o "$work/time.txt" $cxx $flags -I"$root/include" \
    -isystem "$pg_include" "-DSQLX_CPP_QUERIES_HEADER=\"$gen/sqlx_cpp_queries.hpp\"" "$@" \
    -c "$gen/src/checked.cpp" -o "$work/out.o" 2>"$work/errors.txt"; then
    echo "query_check.sh: $cxx $* failed:" >&2
    head -40 "$work/errors.txt" >&2
    exit 1
  fi
  awk '{ printf "%.3f\n", $1 + $2 }' "$work/time.txt"
}
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

queries=$(grep -c 'SQLX_QUERY' "$gen/src/checked.cpp")
: >"$work/without.t"
: >"$work/with.t"
for ((round = 0; round < rounds; round++)); do
  compile >>"$work/without.t"
  compile "-fplugin=$plugin" "-fplugin-arg-sqlx_query_check-metadata=$gen/.sqlx-cpp" \
    -fplugin-arg-sqlx_query_check-offline >>"$work/with.t"
done
without=$(median <"$work/without.t")
with=$(median <"$work/with.t")
echo "query_check.sh: plugin on a TU of $queries checked queries ($cxx $flags -c), $rounds rounds, CPU seconds (medians)"
awk -v a="$without" -v b="$with" 'BEGIN {
  printf "  without plugin %6.2f s\n  with plugin    %6.2f s\n  added          %+6.2f s (%+.1f%%)\n",
         a, b, b - a, (b - a) * 100 / a }'

# --- 2. the program -------------------------------------------------------------------------
mapfile -t sources < <(cd "$root" && grep -rlE 'SQLX_QUERY(_AS|_SCALAR)?\(' examples tests/compile/ok \
  --include='*.cpp' | sed "s|^|$root/|")
start=$(date +%s.%N)
status=0
SQLX_OFFLINE=true "$tool" -p "$build" --offline "${sources[@]}" >"$work/tool.txt" 2>"$work/tool.err" || status=$?
end=$(date +%s.%N)
if [[ $status -ne 0 ]]; then
  echo "query_check.sh: query-check reported problems in the project's own sources:" >&2
  cat "$work/tool.txt" >&2
  exit 1
fi
# The same files parsed by clang with their compile commands: what LibTooling cannot avoid.
parse_start=$(date +%s.%N)
for source in "${sources[@]}"; do
  command=$(python3 -c 'import json,sys,shlex
for e in json.load(open(sys.argv[1])):
    if e["file"] == sys.argv[2]:
        args = e.get("arguments") or shlex.split(e["command"])
        out = []
        skip = False
        for a in args[1:]:
            if skip: skip = False; continue
            if a == "-o": skip = True; continue
            if a == "-c" or a.startswith("-fplugin"): continue
            out.append(a)
        print(e["directory"]); print(shlex.join(out)); break' "$build/compile_commands.json" "$source")
  dir=$(head -1 <<<"$command")
  args=$(tail -1 <<<"$command")
  (cd "$dir" && eval "$cxx -fsyntax-only -w $args")
done
parse_end=$(date +%s.%N)
awk -v n="${#sources[@]}" -v t="$(echo "$end - $start" | bc)" -v p="$(echo "$parse_end - $parse_start" | bc)" 'BEGIN {
  printf "query_check.sh: query-check -p build --offline over %d sources (example + tests), wall seconds\n", n
  printf "  query-check        %6.2f s\n  clang -fsyntax-only %5.2f s\n  ratio              %6.2fx\n", t, p, t / p }'

# --- 3. the whole project --------------------------------------------------------------------
files=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$build/compile_commands.json")
start=$(date +%s.%N)
status=0
SQLX_OFFLINE=true "$tool" -p "$build" --offline >"$work/all.txt" 2>"$work/all.err" || status=$?
end=$(date +%s.%N)
awk -v n="$files" -v t="$(echo "$end - $start" | bc)" -v s="$status" \
  -v e="$(grep -c ': error: ' "$work/all.txt" || true)" -v w="$(grep -c ': warning: ' "$work/all.txt" || true)" 'BEGIN {
  printf "query_check.sh: query-check -p build --offline, whole compile database (%d entries)\n", n
  printf "  query-check        %6.2f s (exit %d, %d errors, %d warnings)\n", t, s, e, w }'
