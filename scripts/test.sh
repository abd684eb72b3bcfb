#!/usr/bin/env bash
# All the tests: a warnings-as-errors build with g++ and one with clang++-19, each run
# through CTest against throwaway PostgreSQL clusters, then the same under ASan+UBSan.
# query-check (the clang plugin and program) is built in the g++ and clang builds and its tests
# run in the g++ build; the clang build compiles every sqlx_cpp_check() target with the plugin
# loaded. The sanitizer build leaves out query-check and the benchmarks (run-time code only).
set -euo pipefail
cd "$(dirname "$0")/.."

SQLX_CPP_DEPS=ci scripts/install-deps.sh
jobs=$(nproc)

run_suite() {
  local dir=$1
  shift
  echo "=== $dir: $*"
  cmake -S . -B "$dir" -G Ninja -DSQLX_CPP_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
}

run_suite build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSQLX_CPP_QUERY_CHECK=ON

# The committed metadata must be what prepare writes today.
echo "=== .sqlx-cpp/ is up to date"
build-test/prepare/sqlcheck prepare --temp-db --check \
  --source examples --source tests/compile/ok --source tests/compile/fail
build-test/prepare/sqlcheck prepare --temp-db --check --migrations bench/schema \
  --source bench --out bench/.sqlx-cpp

run_suite build-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSQLX_CPP_COMPILE_FAIL_TESTS=OFF \
  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 -DSQLX_CPP_CLANG_PLUGIN=ON \
  -DSQLX_CPP_QUERY_CHECK_TESTS=OFF
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DSQLX_CPP_SANITIZE=ON -DSQLX_CPP_COMPILE_FAIL_TESTS=OFF \
  -DSQLX_CPP_QUERY_CHECK=OFF -DSQLX_CPP_BUILD_BENCH=OFF
