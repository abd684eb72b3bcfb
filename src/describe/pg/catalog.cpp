// Loads the catalog slice nullability inference needs, for all queries at once: each round
// resolves a batch of names (one query) and fetches the columns of the relations it found
// (one query); the view definitions found name further relations for the next round. A
// handful of round trips in total, whatever the number of queries.
#include "describe/pg/catalog.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <set>
#include <string_view>

#include "describe/pg/nullability.hpp"
#include "runtime/internal/admin.hpp"

namespace sqlx::core {

const catalog_relation* relation_catalog::find(const relation_name& name) const {
  const auto it = by_name_.find(name);
  return it != by_name_.end() ? find(it->second) : nullptr;
}

const catalog_relation* relation_catalog::find(std::uint32_t oid) const {
  const auto it = by_oid_.find(oid);
  return it != by_oid_.end() ? &it->second : nullptr;
}

void relation_catalog::add(const relation_name& name, catalog_relation relation) {
  by_name_[name] = relation.oid;
  const std::uint32_t oid = relation.oid;
  by_oid_.insert_or_assign(oid, std::move(relation));
}

std::string relation_catalog::fingerprint() const {
  std::string out;
  const auto text = [&](std::string_view value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
  };
  const auto number = [&](long long value) {
    out += std::to_string(value);
    out += ' ';
  };
  for (const auto& [name, oid] : by_name_) {
    text(name.schema);
    text(name.name);
    number(oid);
  }
  out += '\n';
  for (const auto& [oid, r] : by_oid_) {
    number(oid);
    out += r.kind;
    number(r.row_security);
    number(r.rewrites_rows);
    number(r.has_children);
    text(r.view_definition);
    number(static_cast<long long>(r.columns.size()));
    for (const auto& c : r.columns) {
      text(c.name);
      number(c.not_null);
      number(c.attnum);
      text(c.default_expression);
      number(c.generated);
    }
    number(static_cast<long long>(r.foreign_keys.size()));
    for (const auto& k : r.foreign_keys) {
      number(k.referenced);
      number(static_cast<long long>(k.columns.size()));
      for (const auto& [here, there] : k.columns) {
        number(here);
        number(there);
      }
    }
    out += '\n';
  }
  return out;
}

namespace {

// A PostgreSQL array literal of text values: {"a","b \"c\""}.
std::string text_array(const std::vector<std::string_view>& values) {
  std::string out = "{";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return out;
}

std::string oid_array(const std::vector<std::uint32_t>& oids) {
  std::string out = "{";
  for (std::size_t i = 0; i < oids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(oids[i]);
  }
  out += '}';
  return out;
}

template <typename T>
T number(const PGresult* r, int row, int column) {
  const char* s = PQgetvalue(r, row, column);
  T value{};
  std::from_chars(s, s + std::char_traits<char>::length(s), value);
  return value;
}

// to_regclass resolves unqualified names through search_path, as the query itself will, and
// gives NULL instead of an error for names that do not exist (or are CTEs). The foreign keys
// come along as text, "referenced:attnum,attnum:attnum,attnum;..." (no extra round trip).
constexpr const char* resolve_sql =
    "SELECT u.i, c.oid, c.relkind, "
    "CASE WHEN c.relkind IN ('v', 'm') THEN pg_catalog.pg_get_viewdef(c.oid) END, "
    "c.relrowsecurity, "
    "(SELECT pg_catalog.string_agg(k.confrelid::text || ':' || "
    "pg_catalog.array_to_string(k.conkey, ',') || ':' || "
    "pg_catalog.array_to_string(k.confkey, ','), ';') "
    "FROM pg_catalog.pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f' "
    "AND k.convalidated AND NOT k.condeferrable), "
    // A rule or a BEFORE ROW trigger (TRIGGER_TYPE_ROW | TRIGGER_TYPE_BEFORE) on the table or
    // on any partition or inheritance child: a row routed to a partition, or an UPDATE reaching
    // a child's rows, goes through the child's own triggers.
    "EXISTS (WITH RECURSIVE tree(oid) AS (SELECT c.oid UNION SELECT i.inhrelid "
    "FROM pg_catalog.pg_inherits i JOIN tree ON i.inhparent = tree.oid) "
    "SELECT FROM tree JOIN pg_catalog.pg_class k ON k.oid = tree.oid WHERE k.relhasrules "
    "OR EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = tree.oid "
    "AND NOT t.tgisinternal AND (t.tgtype & 3) = 3)), c.relhassubclass "
    "FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS u(s, n, i) "
    "JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(CASE WHEN u.s = '' "
    "THEN pg_catalog.quote_ident(u.n) "
    "ELSE pg_catalog.quote_ident(u.s) || '.' || pg_catalog.quote_ident(u.n) END)";

constexpr const char* columns_sql =
    "SELECT a.attrelid, a.attnum, a.attname, a.attnotnull, a.attgenerated <> '', "
    "pg_catalog.pg_get_expr(d.adbin, d.adrelid) "
    "FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d "
    "ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped "
    "ORDER BY a.attrelid, a.attnum";

// The attnums of "1,2,3".
std::vector<int> attnums(std::string_view text) {
  std::vector<int> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    int n = 0;
    std::from_chars(text.data(), text.data() + std::min(comma, text.size()), n);
    out.push_back(n);
    text.remove_prefix(comma == std::string_view::npos ? text.size() : comma + 1);
  }
  return out;
}

// resolve_sql's foreign keys: "referenced:conkey:confkey" joined by ';'.
std::vector<catalog_foreign_key> parse_foreign_keys(std::string_view text) {
  std::vector<catalog_foreign_key> keys;
  while (!text.empty()) {
    const auto end = std::min(text.find(';'), text.size());
    const std::string_view one = text.substr(0, end);
    text.remove_prefix(end == text.size() ? end : end + 1);
    const auto first = one.find(':');
    const auto second = one.find(':', first + 1);
    if (first == std::string_view::npos || second == std::string_view::npos) continue;
    catalog_foreign_key key;
    std::from_chars(one.data(), one.data() + first, key.referenced);
    const std::vector<int> here = attnums(one.substr(first + 1, second - first - 1));
    const std::vector<int> there = attnums(one.substr(second + 1));
    if (here.size() != there.size() || here.empty()) continue;
    for (std::size_t i = 0; i < here.size(); ++i) key.columns.emplace_back(here[i], there[i]);
    std::sort(key.columns.begin(), key.columns.end());
    keys.push_back(std::move(key));
  }
  return keys;
}

struct resolved {
  relation_name name;
  catalog_relation relation;  // without columns
};

std::vector<resolved> resolve_names(pg::connection& conn, const std::vector<relation_name>& names) {
  std::vector<std::string_view> schemas;
  std::vector<std::string_view> relnames;
  for (const auto& n : names) {
    schemas.push_back(n.schema);
    relnames.push_back(n.name);
  }
  const pg::detail::pq_result r =
      pg::detail::exec_params(conn, resolve_sql, {text_array(schemas), text_array(relnames)});
  std::vector<resolved> out;
  for (int row = 0; row < PQntuples(r.get()); ++row) {
    const auto index = number<std::size_t>(r.get(), row, 0);
    if (index == 0 || index > names.size()) continue;
    resolved x;
    x.name = names[index - 1];
    x.relation.oid = number<std::uint32_t>(r.get(), row, 1);
    x.relation.kind = PQgetvalue(r.get(), row, 2)[0];
    if (PQgetisnull(r.get(), row, 3) == 0) x.relation.view_definition = PQgetvalue(r.get(), row, 3);
    x.relation.row_security = PQgetvalue(r.get(), row, 4)[0] == 't';
    x.relation.rewrites_rows = PQgetvalue(r.get(), row, 6)[0] == 't';
    x.relation.has_children = PQgetvalue(r.get(), row, 7)[0] == 't';
    if (PQgetisnull(r.get(), row, 5) == 0) {
      x.relation.foreign_keys = parse_foreign_keys(PQgetvalue(r.get(), row, 5));
    }
    out.push_back(std::move(x));
  }
  return out;
}

void load_columns(pg::connection& conn, std::vector<resolved>& relations,
                  const std::vector<std::uint32_t>& oids) {
  if (oids.empty()) return;
  const pg::detail::pq_result r = pg::detail::exec_params(conn, columns_sql, {oid_array(oids)});
  std::map<std::uint32_t, std::vector<catalog_column>> columns;
  for (int row = 0; row < PQntuples(r.get()); ++row) {
    catalog_column c;
    c.attnum = number<int>(r.get(), row, 1);
    c.name = PQgetvalue(r.get(), row, 2);
    c.not_null = PQgetvalue(r.get(), row, 3)[0] == 't';
    c.generated = PQgetvalue(r.get(), row, 4)[0] == 't';
    if (!c.generated && PQgetisnull(r.get(), row, 5) == 0) {
      c.default_expression = PQgetvalue(r.get(), row, 5);
    }
    columns[number<std::uint32_t>(r.get(), row, 0)].push_back(std::move(c));
  }
  for (auto& x : relations) {
    if (auto it = columns.find(x.relation.oid); it != columns.end()) {
      x.relation.columns = it->second;
    }
  }
}

}  // namespace

relation_catalog load_relation_catalog(pg::connection& conn, std::vector<relation_name> names) {
  relation_catalog catalog;
  std::set<relation_name> asked;
  std::vector<relation_name> pending;
  auto enqueue = [&](relation_name n) {
    if (asked.insert(n).second) pending.push_back(std::move(n));
  };
  for (auto& n : names) enqueue(std::move(n));

  // Each round follows view definitions one level deeper; views nest only so far.
  for (int round = 0; !pending.empty() && round < 64; ++round) {
    std::vector<resolved> found = resolve_names(conn, pending);
    pending.clear();
    std::vector<std::uint32_t> fresh;
    for (const auto& x : found) {
      if (catalog.find(x.relation.oid) == nullptr &&
          std::find(fresh.begin(), fresh.end(), x.relation.oid) == fresh.end()) {
        fresh.push_back(x.relation.oid);
      }
    }
    load_columns(conn, found, fresh);
    for (auto& x : found) {
      if (const catalog_relation* known = catalog.find(x.relation.oid)) {
        catalog.add(x.name, *known);  // another spelling of a relation loaded before
        continue;
      }
      if (!x.relation.view_definition.empty()) {
        const parsed_query view(x.relation.view_definition);
        for (auto& n : view.referenced_relations()) enqueue(std::move(n));
      }
      catalog.add(x.name, std::move(x.relation));
    }
  }
  return catalog;
}

}  // namespace sqlx::core
