#include "vet/foreign_keys.hpp"

#include <map>

#include "runtime/internal/admin.hpp"

namespace sqlx::core::vet {
namespace {

// One row per column of each foreign key, in key order. The index test slices the first
// n key columns of each index (indkey is an int2vector; through text it becomes a 1-based
// array) and compares them with the key's columns as sets.
constexpr const char* foreign_keys_sql = R"sql(
SELECT con.oid, con.conname, con.conrelid, con.confrelid,
       con.conrelid::regclass::text, con.confrelid::regclass::text,
       k.attnum, k.fattnum, a.attname, fa.attname,
       EXISTS (
         SELECT 1 FROM pg_index i
          WHERE i.indrelid = con.conrelid AND i.indisvalid AND i.indpred IS NULL
            AND i.indnkeyatts >= cardinality(con.conkey)
            AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(con.conkey)]
                @> con.conkey
            AND (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(con.conkey)]
                <@ con.conkey)
  FROM pg_constraint con
 CROSS JOIN LATERAL unnest(con.conkey, con.confkey) WITH ORDINALITY AS k(attnum, fattnum, n)
  JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
  JOIN pg_attribute fa ON fa.attrelid = con.confrelid AND fa.attnum = k.fattnum
 WHERE con.contype = 'f'
 ORDER BY con.oid, k.n
)sql";

}  // namespace

std::vector<foreign_key> load_foreign_keys(pg::connection& conn) {
  const auto r = sqlx::pg::detail::exec_params(conn, foreign_keys_sql);
  std::vector<foreign_key> keys;
  std::map<std::string, std::size_t> by_oid;
  for (int row = 0; row < PQntuples(r.get()); ++row) {
    auto value = [&](int column) { return std::string(PQgetvalue(r.get(), row, column)); };
    const auto [it, inserted] = by_oid.try_emplace(value(0), keys.size());
    if (inserted) {
      foreign_key key;
      key.name = value(1);
      key.referencing = static_cast<std::uint32_t>(std::stoul(value(2)));
      key.referenced = static_cast<std::uint32_t>(std::stoul(value(3)));
      key.referencing_name = value(4);
      key.referenced_name = value(5);
      key.indexed = value(10) == "t";
      keys.push_back(std::move(key));
    }
    foreign_key& key = keys[it->second];
    key.columns.push_back(std::stoi(value(6)));
    key.referenced_columns.push_back(std::stoi(value(7)));
    key.column_names.push_back(value(8));
    key.referenced_column_names.push_back(value(9));
  }
  return keys;
}

}  // namespace sqlx::core::vet
