#!/usr/bin/env bash
# Fuzzing (docs/fuzzing.md): builds the libFuzzer targets of fuzz/ with clang-19 in build-fuzz
# (every library instrumented: libFuzzer, ASan, UBSan) and runs each for SECONDS (default 60)
# on a copy of its committed corpus, so fuzz/corpus/ is never modified.
#   scripts/fuzz.sh [SECONDS]
# Exits 1 on any crash, leak, timeout or sanitizer report; the input that failed is kept in
# build-fuzz/artifacts/<target>/ and printed (base64) in the output.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-60}
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: scripts/fuzz.sh [SECONDS]  (each target's run time, default 60)" >&2
  exit 2
fi
targets=(scanner database_url metadata migration_name sqlite_describe)
build=build-fuzz  # the binaryDir of the fuzz preset

SQLX_CPP_DEPS=ci scripts/install-deps.sh
launcher=()
if command -v ccache >/dev/null; then launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache); fi
cmake --preset fuzz "${launcher[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for target in "${targets[@]}"; do
  artifacts="$build/artifacts/$target"
  rm -rf "$artifacts"
  mkdir -p "$artifacts"
  cp -r "fuzz/corpus/$target" "$work/$target"
  log="$work/$target.log"
  # -timeout: an input that takes this long is a hang; -rss_limit_mb: a blow-up.
  result=0
  ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/fuzz/fuzz_$target" -max_total_time="$seconds" -detect_leaks=1 -print_final_stats=1 \
    -timeout=25 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" "$work/$target" \
    >"$log" 2>&1 || result=$?
  executions=$(awk '/stat::number_of_executed_units/ {print $2}' "$log")
  # Belt and braces: a report libFuzzer did not turn into an exit status still fails the run.
  if ((result != 0)) || grep -qE '^==[0-9]+==ERROR|runtime error:|^SUMMARY: ' "$log"; then
    status=1
    echo "fuzz: $target FAILED (exit $result) after ${executions:-?} executions:"
    grep -vE '^#[0-9]+\s' "$log" | tail -80
    for input in "$artifacts"/*; do
      [[ -f "$input" ]] || continue
      echo "fuzz: $target: failing input $input ($(stat -c %s "$input") bytes), base64:"
      head -c 4096 "$input" | base64
    done
  else
    echo "fuzz: $target: ${executions:-?} executions in ${seconds} s, no crash, leak or report" \
      "(corpus $(find "fuzz/corpus/$target" -type f | wc -l) -> $(find "$work/$target" -type f | wc -l) inputs)"
  fi
done
exit "$status"
