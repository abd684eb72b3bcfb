#!/usr/bin/env bash
# What a dynamic query costs `sqlcheck prepare` (docs/dynamic-queries.md, docs/performance.md).
#
#   bench/dynamic_prepare.sh [BUILD_DIR] [ROUNDS]
#
# Side by side, each prepared from scratch on a throwaway server (--temp-db, the repository's
# migrations), ROUNDS times (default 5), medians:
#   one:     one plain query;
#   dynamic: one query with 6 optional parts, 64 combinations, each described on its own;
#   plain64: 64 distinct plain queries of the same shape (the same number of describes).
# It prints the describe phase (SQLX_CPP_PREPARE_TIMING's "describe total": the pipelined
# describes, the catalog and the nullability analysis) and the whole run's wall time, which
# includes starting the throwaway server. No assertion: a measurement.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
rounds=${2:-5}
sqlcheck=$build/prepare/sqlcheck
[[ -x $sqlcheck ]] || { echo "dynamic_prepare.sh: no $sqlcheck" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/one" "$work/dynamic" "$work/plain64"
filters=("AND display_name <> \$1" "AND id > \$2" "AND email LIKE \$3" "AND created_at < \$4"
         "AND discord_user_id <> \$5" "AND id < \$6")
echo 'SQLX_QUERY("SELECT id, display_name FROM users WHERE true");' > "$work/one/a.cpp"
sql="SELECT id, display_name FROM users WHERE true"
for f in "${filters[@]}"; do sql+=" [[ $f ]]"; done
echo "SQLX_QUERY(\"$sql\");" > "$work/dynamic/a.cpp"
: > "$work/plain64/a.cpp"
for ((k = 0; k < 64; ++k)); do
  q="SELECT id, display_name FROM users WHERE true"
  n=0
  for ((i = 0; i < 6; ++i)); do
    if (((k >> i) & 1)); then
      n=$((n + 1))
      q+=" ${filters[$i]/\$$((i + 1))/\$$n}"
    fi
  done
  echo "SQLX_QUERY(\"$q /* $k */\");" >> "$work/plain64/a.cpp"
done

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for case in one dynamic plain64; do
  describe=()
  wall=()
  for ((r = 0; r < rounds; ++r)); do
    rm -rf "$work/$case/.sqlx-cpp"
    start=$(date +%s.%N)
    out=$(cd "$work/$case" && SQLX_CPP_PREPARE_TIMING=1 XDG_CACHE_HOME="$work/cache-$case-$r" \
          "$sqlcheck" prepare --temp-db --migrations "$root/migrations" --source a.cpp 2>&1)
    end=$(date +%s.%N)
    describe+=("$(grep -F 'timing: cache (describe total)' <<<"$out" | awk '{print $(NF-1)}')")
    wall+=("$(echo "($end - $start) * 1000" | bc)")
  done
  files=$(ls "$work/$case/.sqlx-cpp" | wc -l)
  printf '%-8s files %3d  describe %8.1f ms  run %8.1f ms (medians of %d)\n' "$case" "$files" \
    "$(printf '%s\n' "${describe[@]}" | median)" "$(printf '%s\n' "${wall[@]}" | median)" "$rounds"
done
