#!/usr/bin/env bash
# The main job on a throwaway database, no configuration needed: build sqlcheck, start a
# temporary PostgreSQL, apply ./migrations, describe every query of the example sources and
# write .sqlx-cpp/.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build --target sqlcheck

echo "+ sqlcheck prepare --temp-db (examples and the compile-time check tests)"
build/prepare/sqlcheck prepare --temp-db --source examples --source tests/compile/ok --source tests/compile/fail
echo "+ sqlcheck prepare --check"
build/prepare/sqlcheck prepare --temp-db --source examples --source tests/compile/ok --source tests/compile/fail --check
ls .sqlx-cpp
