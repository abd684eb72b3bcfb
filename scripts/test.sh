#!/usr/bin/env bash
# All the tests: the CI configurations of CMakePresets.json, each built and run through CTest
# against throwaway PostgreSQL clusters:
#   ci-gcc    g++, warnings as errors, query-check (the clang plugin and program) and its tests;
#   ci-clang  clang++-19, every sqlx_cpp_check() target compiled with the plugin loaded;
#   ci-asan   ASan+UBSan, run-time code only (no query-check, no benchmarks).
# One of them is enough while working: `cmake --preset ci-gcc && cmake --build --preset ci-gcc
# && ctest --preset ci-gcc -L unit` (labels: unit, integration, compile, query-check, build).
set -euo pipefail
cd "$(dirname "$0")/.."

SQLX_CPP_DEPS=ci scripts/install-deps.sh
jobs=$(nproc)

for preset in ci-gcc ci-clang ci-asan; do
  echo "=== $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done
