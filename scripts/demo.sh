#!/usr/bin/env bash
# The whole user journey on a throwaway database, no configuration needed:
#   1. `sqlcheck prepare --temp-db`: start a temporary PostgreSQL, apply ./migrations, describe
#      every tagged query of the example (and of the compile-time check tests) into .sqlx-cpp/;
#   2. build the example service offline (no database) against .sqlx-cpp/;
#   3. run it (on its own throwaway database);
#   4. the same for the SQLite example, examples/feed_bot (its queries are the second group of
#      the prepare command: a throwaway SQLite file with examples/feed_bot/migrations);
#   5. show the compiler rejecting a wrong query.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake --preset dev >/dev/null
cmake --build build --target sqlcheck

sources=(--source examples --source tests/compile/ok --source tests/compile/fail
  --temp-db=sqlite --migrations examples/feed_bot/migrations --source examples/feed_bot)
echo "+ sqlcheck prepare --temp-db ${sources[*]}"
build/prepare/sqlcheck prepare --temp-db "${sources[@]}"
echo "+ sqlcheck prepare --temp-db ${sources[*]} --check"
build/prepare/sqlcheck prepare --temp-db "${sources[@]}" --check

echo "+ offline build of the example (SQLX_OFFLINE=true, no database)"
SQLX_OFFLINE=true cmake --build build --target account_linker
echo "+ build/examples/account_linker"
build/examples/account_linker

echo "+ offline build of the SQLite example (SQLX_OFFLINE=true)"
SQLX_OFFLINE=true cmake --build build --target feed_bot
echo "+ build/examples/feed_bot (a database file in a temporary directory)"
build/examples/feed_bot

echo "+ a wrong query: std::int32_t bound to an int8 parameter (tests/compile/fail/int32_for_int8.cpp)"
sed -n '2,$p' tests/compile/fail/int32_for_int8.cpp
# The header a build would generate for it (here one with every query of .sqlx-cpp/).
build/prepare/sqlcheck generate --out build/demo_queries.hpp
if c++ -std=c++20 -fsyntax-only -Iinclude -isystem "$(pg_config --includedir)" \
  -DSQLX_CPP_QUERIES_HEADER="\"$PWD/build/demo_queries.hpp\"" \
  tests/compile/fail/int32_for_int8.cpp 2>build/rejected.txt; then
  echo "demo: the wrong query compiled" >&2
  exit 1
fi
grep -m1 "expansion of" build/rejected.txt | cut -c1-160
grep -m1 "error: call to non" build/rejected.txt | sed 's/.*error: call to non[^ ]* function .void //' |
  cut -c1-400
echo "demo: the compiler rejected it, naming \$1, int8 and std::int32_t (full output: build/rejected.txt)"
