// Type OIDs -> sqlx's type_info and column origins -> names, loaded from the catalog in a few
// batched queries for all the described queries at once.
#include "describe/pg/type_resolver.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "describe/pg/type_names.hpp"
#include "runtime/internal/admin.hpp"

namespace sqlx::core {

using pg::detail::exec_params;

namespace {

std::string oid_array(const std::set<Oid>& oids) {
  return fmt::format("{{{}}}", fmt::join(oids, ","));
}

}  // namespace

struct type_resolver::state {
  explicit state(pg::connection& conn) : conn_(conn) {}

  void load(std::set<Oid> wanted) {
    while (!wanted.empty()) {
      fetch_types(oid_array(wanted));
      // Labels and fields only for the enums and composites among them: most runs have few
      // or none, and each look-up is a round trip and a plan on a fresh backend.
      std::set<Oid> enums;
      std::set<Oid> composites;
      for (const Oid oid : wanted) {
        const auto it = types_.find(oid);
        if (it == types_.end()) continue;
        if (it->second.typtype == 'e') enums.insert(oid);
        if (it->second.typtype == 'c') composites.insert(oid);
      }
      if (!enums.empty()) fetch_enum_labels(oid_array(enums));
      if (!composites.empty()) fetch_composite_fields(oid_array(composites));
      wanted = referenced_but_unknown();
    }
  }

  [[nodiscard]] const type_description& describe(Oid oid) const {
    auto it = described_.find(oid);
    if (it == described_.end()) it = described_.emplace(oid, build(oid, 0)).first;
    return it->second;
  }

 private:
  [[nodiscard]] type_description build(Oid oid, int depth) const {
    if (auto builtin = find_builtin_type(oid)) {
      return {builtin->sqlx_name, std::string(builtin->pg_name)};
    }
    const auto it = types_.find(oid);
    if (it == types_.end() || depth > 32) {
      return {{{"Custom", {{"name", fmt::format("oid {}", oid)}, {"kind", "Simple"}}}}, ""};
    }
    const catalog_type& type = it->second;
    const std::string pg_name =
        type.schema == "pg_catalog" ? type.name : fmt::format("{}.{}", type.schema, type.name);
    ordered_json custom = {{"name", type.spelled}, {"kind", kind(type, depth)}};
    return {{{"Custom", std::move(custom)}}, pg_name};
  }

  struct catalog_type {
    std::string name;
    std::string schema;
    // As the `regtype` output spells it, which is sqlx's name for a user type: `feature[]` for
    // an array, schema-qualified outside the search path, quoted where SQL needs quotes.
    std::string spelled;
    char typtype = 'b';
    char category = 'U';
    Oid element = 0;
    Oid base = 0;
    Oid range_subtype = 0;
    std::vector<std::string> labels;
    std::vector<std::pair<std::string, Oid>> fields;
    std::vector<bool> field_not_null;  // NOT NULL columns of a table's row type
  };

 public:
  [[nodiscard]] std::vector<composite_field_description> composite_fields(Oid oid) const {
    std::vector<composite_field_description> out;
    const auto it = types_.find(oid);
    if (it == types_.end() || it->second.typtype != 'c') return out;
    const catalog_type& type = it->second;
    for (std::size_t i = 0; i < type.fields.size(); ++i) {
      out.push_back({type.fields[i].first, describe(type.fields[i].second).type_name,
                     !(i < type.field_not_null.size() && type.field_not_null[i])});
    }
    return out;
  }

 private:
  [[nodiscard]] ordered_json kind(const catalog_type& type, int depth) const {
    switch (type.typtype) {
      case 'e':
        return {{"Enum", type.labels}};
      case 'd':
        return {{"Domain", build(type.base, depth + 1).type_info}};
      case 'c': {
        ordered_json fields = ordered_json::array();
        for (const auto& [name, oid] : type.fields) {
          fields.push_back({name, build(oid, depth + 1).type_info});
        }
        return {{"Composite", std::move(fields)}};
      }
      case 'r':
        return {{"Range", build(type.range_subtype, depth + 1).type_info}};
      case 'p':
        return "Pseudo";
      default:
        if (type.category == 'A' && type.element != 0) {
          return {{"Array", build(type.element, depth + 1).type_info}};
        }
        return "Simple";
    }
  }

  void fetch_types(const std::string& oids) {
    auto result =
        exec_params(conn_,
                    "SELECT t.oid, t.typname, n.nspname, t.typtype, t.typcategory, t.typelem, "
                    "t.typbasetype, coalesce(r.rngsubtype, 0), t.oid::regtype::text "
                    "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                    "LEFT JOIN pg_range r ON r.rngtypid = t.oid WHERE t.oid = ANY($1::oid[])",
                    {oids});
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      auto field = [&](int column) { return PQgetvalue(result.get(), row, column); };
      catalog_type& type = types_[static_cast<Oid>(std::stoul(field(0)))];
      type.name = field(1);
      type.schema = field(2);
      type.typtype = field(3)[0];
      type.category = field(4)[0];
      type.element = static_cast<Oid>(std::stoul(field(5)));
      type.base = static_cast<Oid>(std::stoul(field(6)));
      type.range_subtype = static_cast<Oid>(std::stoul(field(7)));
      type.spelled = field(8);
    }
  }

  void fetch_enum_labels(const std::string& oids) {
    auto result =
        exec_params(conn_,
                    "SELECT enumtypid, enumlabel FROM pg_enum WHERE enumtypid = ANY($1::oid[]) "
                    "ORDER BY enumtypid, enumsortorder",
                    {oids});
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      types_[static_cast<Oid>(std::stoul(PQgetvalue(result.get(), row, 0)))].labels.emplace_back(
          PQgetvalue(result.get(), row, 1));
    }
  }

  void fetch_composite_fields(const std::string& oids) {
    auto result = exec_params(
        conn_,
        "SELECT t.oid, a.attname, a.atttypid, "
        "a.attnotnull AND c.relkind IN ('r', 'p') FROM pg_type t "
        "JOIN pg_class c ON c.oid = t.typrelid "
        "JOIN pg_attribute a ON a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped "
        "WHERE t.oid = ANY($1::oid[]) AND t.typtype = 'c' ORDER BY t.oid, a.attnum",
        {oids});
    for (int row = 0; row < PQntuples(result.get()); ++row) {
      catalog_type& type = types_[static_cast<Oid>(std::stoul(PQgetvalue(result.get(), row, 0)))];
      type.fields.emplace_back(PQgetvalue(result.get(), row, 1),
                               static_cast<Oid>(std::stoul(PQgetvalue(result.get(), row, 2))));
      type.field_not_null.push_back(PQgetvalue(result.get(), row, 3)[0] == 't');
    }
  }

  [[nodiscard]] std::set<Oid> referenced_but_unknown() const {
    std::set<Oid> missing;
    auto want = [&](Oid oid) {
      if (oid != 0 && !find_builtin_type(oid) && !types_.contains(oid)) missing.insert(oid);
    };
    for (const auto& [oid, type] : types_) {
      want(type.element);
      want(type.base);
      want(type.range_subtype);
      for (const auto& field : type.fields) want(field.second);
    }
    return missing;
  }

  pg::connection& conn_;
  std::map<Oid, catalog_type> types_;
  mutable std::map<Oid, type_description> described_;
};

type_resolver::type_resolver(pg::connection& conn) : state_(std::make_unique<state>(conn)) {}
type_resolver::~type_resolver() = default;

void type_resolver::load(std::set<Oid> wanted) {
  state_->load(std::move(wanted));
}

std::vector<composite_field_description> type_resolver::composite_fields(Oid oid) const {
  return state_->composite_fields(oid);
}

const type_description& type_resolver::describe(Oid oid) const {
  return state_->describe(oid);
}

// "schema.table.column" for every (table, column) the server named as a column's origin.
std::map<std::pair<Oid, int>, std::string> load_origins(
    pg::connection& conn, const std::set<std::pair<Oid, int>>& origins) {
  std::map<std::pair<Oid, int>, std::string> names;
  if (origins.empty()) return names;
  std::vector<std::string> tables;
  std::vector<std::string> columns;
  for (const auto& [table, column] : origins) {
    tables.push_back(std::to_string(table));
    columns.push_back(std::to_string(column));
  }
  auto result =
      exec_params(conn,
                  "SELECT c.oid, a.attnum, n.nspname, c.relname, a.attname "
                  "FROM unnest($1::oid[], $2::int2[]) AS o(rel, num) "
                  "JOIN pg_class c ON c.oid = o.rel JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "JOIN pg_attribute a ON a.attrelid = o.rel AND a.attnum = o.num",
                  {fmt::format("{{{}}}", fmt::join(tables, ",")),
                   fmt::format("{{{}}}", fmt::join(columns, ","))});
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    auto field = [&](int column) { return PQgetvalue(result.get(), row, column); };
    names[{static_cast<Oid>(std::stoul(field(0))), std::stoi(field(1))}] =
        fmt::format("{}.{}.{}", field(2), field(3), field(4));
  }
  return names;
}

}  // namespace sqlx::core
