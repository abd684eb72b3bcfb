// Random, type-correct SELECT statements over the corpus schema (schema.sql): nested outer
// joins of tables, views, subqueries and LATERAL subqueries, WHERE/ON predicates that do and
// do not filter NULLs, COALESCE/CASE/NULLIF/functions, scalar subqueries, aggregates with and
// without GROUP BY / ROLLUP, window functions and UNION ALL. Used as a differential check of
// inference against the adversarial data: a column inferred `not_null` must never be NULL.
#pragma once

#include <fmt/format.h>

#include <array>
#include <random>
#include <string>
#include <vector>

namespace sqlx::test {

class query_generator {
 public:
  explicit query_generator(unsigned seed) : rng_(seed) {}

  // One SELECT; every output column is aliased c0, c1, ...
  std::string next() {
    alias_ = 0;
    std::vector<char> kinds;
    const int n = 1 + pick(4);
    for (int i = 0; i < n; ++i) kinds.push_back(any_kind());
    if (chance(15)) {
      const std::string left = select(kinds, 0);
      return fmt::format("{} UNION ALL {}", left, select(kinds, 0));
    }
    return select(kinds, 0);
  }

 private:
  // Column kinds: i integer, n numeric, t text, d timestamptz, b boolean, j jsonb.
  struct column {
    std::string sql;  // qualified reference
    char kind;
  };
  struct relation {
    std::string name;
    std::vector<std::pair<std::string, char>> columns;
  };

  static const std::vector<relation>& relations() {
    static const std::vector<relation> all = {
        {"users",
         {{"id", 'i'},
          {"name", 't'},
          {"email", 't'},
          {"nickname", 't'},
          {"created_at", 'd'},
          {"deleted_at", 'd'},
          {"profile", 'j'},
          {"settings", 'j'},
          {"active", 'b'}}},
        {"accounts", {{"id", 'i'}, {"user_id", 'i'}, {"balance", 'n'}, {"label", 't'}}},
        {"orders",
         {{"id", 'i'},
          {"user_id", 'i'},
          {"total", 'n'},
          {"note", 't'},
          {"created_at", 'd'},
          {"shipped_at", 'd'}}},
        {"order_items",
         {{"order_id", 'i'},
          {"product_id", 'i'},
          {"quantity", 'i'},
          {"unit_price", 'n'},
          {"gift_message", 't'}}},
        {"products",
         {{"id", 'i'},
          {"title", 't'},
          {"description", 't'},
          {"price", 'n'},
          {"discount", 'n'},
          {"attrs", 'j'}}},
        {"tags", {{"id", 'i'}, {"name", 't'}, {"parent_id", 'i'}, {"color", 't'}}},
        {"audit.events", {{"id", 'i'}, {"user_id", 'i'}, {"action", 't'}, {"detail", 'j'}}},
        {"user_orders",
         {{"user_id", 'i'}, {"name", 't'}, {"email", 't'}, {"order_id", 'i'}, {"total", 'n'}}},
        {"user_totals", {{"user_id", 'i'}, {"name", 't'}, {"order_count", 'i'}, {"spent", 'n'}}},
        {"live_users", {{"id", 'i'}, {"name", 't'}, {"email", 't'}, {"display_name", 't'}}},
        {"product_sales", {{"id", 'i'}, {"title", 't'}, {"sold", 'i'}, {"top_price", 'n'}}},
    };
    return all;
  }

  // Generated pieces in the order written (braced initialisers are evaluated left to right,
  // function arguments are not), so a seed gives the same queries with every compiler.
  template <std::size_t n>
  using parts = std::array<std::string, n>;

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }
  char any_kind() { return "iintdb"[pick(6)]; }

  static std::string literal(char kind) {
    switch (kind) {
      case 'i':
        return "1";
      case 'n':
        return "2.5";
      case 't':
        return "'x'";
      case 'd':
        return "'2024-04-02 00:00+00'::timestamptz";
      case 'b':
        return "true";
      default:
        return "'{}'::jsonb";
    }
  }

  static std::string null_of(char kind) {
    switch (kind) {
      case 'i':
        return "NULL::bigint";
      case 'n':
        return "NULL::numeric";
      case 't':
        return "NULL::text";
      case 'd':
        return "NULL::timestamptz";
      case 'b':
        return "NULL::boolean";
      default:
        return "NULL::jsonb";
    }
  }

  // max() of a kind that has one (boolean and jsonb have none).
  static std::string most(char kind, const std::string& arg) {
    if (kind == 'b') return fmt::format("bool_or({})", arg);
    if (kind == 'j') return fmt::format("jsonb_agg({})", arg);
    return fmt::format("max({})", arg);
  }

  std::vector<column> of_kind(const std::vector<column>& cols, char kind) {
    std::vector<column> out;
    for (const auto& c : cols) {
      if (c.kind == kind) out.push_back(c);
    }
    return out;
  }

  std::string column_of(const std::vector<column>& cols, char kind) {
    const auto found = of_kind(cols, kind);
    if (found.empty()) return chance(70) ? literal(kind) : null_of(kind);
    return found[static_cast<std::size_t>(pick(static_cast<int>(found.size())))].sql;
  }

  // A boolean condition over `cols`; some filter NULLs (comparisons, IS NOT NULL), some not.
  std::string predicate(const std::vector<column>& cols, int depth) {
    if (cols.empty()) return "true";
    const column& c = cols[static_cast<std::size_t>(pick(static_cast<int>(cols.size())))];
    switch (depth < 2 ? pick(9) : pick(5)) {
      case 0:
        return c.sql + " IS NOT NULL";
      case 1:
        return c.sql + " IS NULL";
      case 2:
        if (c.kind == 'j') return c.sql + " ? 'city'";
        if (c.kind == 'b') return c.sql;
        return fmt::format("{} = {}", c.sql, column_of(cols, c.kind));
      case 3:
        if (c.kind == 'i' || c.kind == 'n') return fmt::format("{} > {}", c.sql, literal(c.kind));
        return c.sql + " IS NOT NULL";
      case 4:
        return fmt::format("coalesce({}, {}) IS NOT NULL", c.sql, literal(c.kind));
      case 5: {
        const parts<2> p{predicate(cols, depth + 1), predicate(cols, depth + 1)};
        return fmt::format("({} OR {})", p[0], p[1]);
      }
      case 6: {
        const parts<2> p{predicate(cols, depth + 1), predicate(cols, depth + 1)};
        return fmt::format("({} AND {})", p[0], p[1]);
      }
      case 7:
        return fmt::format("NOT ({})", predicate(cols, depth + 1));
      default:
        return fmt::format("EXISTS (SELECT 1 FROM orders x WHERE x.user_id = {})",
                           column_of(cols, 'i'));
    }
  }

  // An expression of `kind` over `cols`.
  std::string expr(const std::vector<column>& cols, char kind, int depth) {
    if (depth > 2) return column_of(cols, kind);
    switch (pick(14)) {
      case 0:
      case 1:
      case 2:
        return column_of(cols, kind);
      case 3: {
        const parts<2> p{expr(cols, kind, depth + 1),
                         chance(50) ? literal(kind) : expr(cols, kind, depth + 1)};
        return fmt::format("coalesce({}, {})", p[0], p[1]);
      }
      case 4: {
        const parts<3> p{predicate(cols, 1), expr(cols, kind, depth + 1),
                         expr(cols, kind, depth + 1)};
        return fmt::format("CASE WHEN {} THEN {} ELSE {} END", p[0], p[1], p[2]);
      }
      case 5: {
        const parts<2> p{predicate(cols, 1), expr(cols, kind, depth + 1)};
        return fmt::format("CASE WHEN {} THEN {} END", p[0], p[1]);
      }
      case 6:
        return kind == 'j'
                   ? fmt::format("({} -> 'city')", column_of(cols, 'j'))
                   : fmt::format("nullif({}, {})", expr(cols, kind, depth + 1), literal(kind));
      case 7: {
        const parts<2> p{expr(cols, kind, depth + 1), expr(cols, kind, depth + 1)};
        return fmt::format("greatest({}, {})", p[0], p[1]);
      }
      case 8:
        switch (kind) {
          case 'i':
            return fmt::format("({} + 1)", expr(cols, kind, depth + 1));
          case 'n':
            return fmt::format("round({})", expr(cols, kind, depth + 1));
          case 't':
            return fmt::format("lower({})", expr(cols, kind, depth + 1));
          case 'd':
            return fmt::format("date_trunc('day', {})", expr(cols, kind, depth + 1));
          case 'b':
            return fmt::format("({} IS NULL)", column_of(cols, any_kind()));
          default:
            return fmt::format("jsonb_strip_nulls({})", expr(cols, kind, depth + 1));
        }
      case 9:
        switch (kind) {
          case 'i':
            return fmt::format("(SELECT count(*) FROM orders x WHERE x.user_id = {})",
                               column_of(cols, 'i'));
          case 'n':
            return fmt::format("(SELECT max(x.total) FROM orders x WHERE x.user_id = {})",
                               column_of(cols, 'i'));
          case 't': {
            const parts<2> p{expr(cols, 't', depth + 1), column_of(cols, 't')};
            return fmt::format("concat({}, {})", p[0], p[1]);
          }
          case 'b':
            return fmt::format("EXISTS (SELECT 1 FROM accounts x WHERE x.user_id = {})",
                               column_of(cols, 'i'));
          default:
            return column_of(cols, kind);
        }
      case 10:
        return literal(kind);
      case 11:
        return null_of(kind);
      case 12:
        if (kind == 't') return fmt::format("({} || '!')", expr(cols, 't', depth + 1));
        if (kind == 'b') {
          const parts<2> p{predicate(cols, 1), predicate(cols, 1)};
          return fmt::format("({} AND {})", p[0], p[1]);
        }
        return column_of(cols, kind);
      default:  // a scalar subquery that always returns one row
        return fmt::format("(SELECT {})", expr(cols, kind, depth + 1));
    }
  }

  // A FROM item: a table or view, a subquery, or a LATERAL subquery over `left`.
  std::string item(int depth, const std::vector<column>& left, std::vector<column>& cols,
                   bool may_be_lateral) {
    const std::string alias = fmt::format("t{}", ++alias_);
    if (depth < 2 && chance(20)) {
      std::vector<char> kinds;
      for (int i = 0, n = 1 + pick(3); i < n; ++i) kinds.push_back(any_kind());
      for (std::size_t i = 0; i < kinds.size(); ++i) {
        cols.push_back({fmt::format("{}.c{}", alias, i), kinds[i]});
      }
      return fmt::format("({}) {}", select(kinds, depth + 1), alias);
    }
    if (may_be_lateral && !left.empty() && chance(15)) {
      const char kind = left[static_cast<std::size_t>(pick(static_cast<int>(left.size())))].kind;
      cols.push_back({alias + ".c0", kind});
      return fmt::format("LATERAL (SELECT {} AS c0) {}", expr(left, kind, 1), alias);
    }
    const relation& r =
        relations()[static_cast<std::size_t>(pick(static_cast<int>(relations().size())))];
    for (const auto& [name, kind] : r.columns) cols.push_back({alias + "." + name, kind});
    return r.name + " " + alias;
  }

  // A join tree; `cols` receives the columns it makes visible.
  std::string from(int depth, int budget, std::vector<column>& cols, bool* joined = nullptr) {
    std::string sql = item(depth, {}, cols, false);
    const int count = pick(budget + 1);
    if (joined != nullptr) *joined = count > 0;
    for (int joins = count; joins > 0; --joins) {
      static constexpr const char* types[] = {"JOIN",      "LEFT JOIN", "RIGHT JOIN",
                                              "FULL JOIN", "LEFT JOIN", "JOIN"};
      const std::string type = types[pick(6)];
      std::vector<column> right;
      std::string right_sql;
      if (depth < 2 && chance(20)) {
        bool nested = false;
        right_sql = from(depth + 1, 1, right, &nested);
        if (nested) right_sql = "(" + right_sql + ")";  // a lone item must not have them
      } else {
        // LATERAL may refer to the left side only under INNER and LEFT joins.
        right_sql = item(depth, cols, right, type == "JOIN" || type == "LEFT JOIN");
      }
      std::vector<column> both = cols;
      both.insert(both.end(), right.begin(), right.end());
      std::string on = predicate(both, 0);
      if (type == "FULL JOIN" || chance(50)) {  // FULL JOIN needs a hashable equality
        const parts<2> p{column_of(cols, 'i'), column_of(right, 'i')};
        on = fmt::format("{} = {}", p[0], p[1]);
        if (type == "FULL JOIN" && (of_kind(cols, 'i').empty() || of_kind(right, 'i').empty())) {
          on = "true";
        }
      }
      sql += fmt::format(" {} {} ON {}", type, right_sql, on);
      cols = both;
    }
    return sql;
  }

  std::string select(const std::vector<char>& kinds, int depth) {
    std::vector<column> cols;
    const std::string from_sql = from(depth, depth == 0 ? 3 : 1, cols);
    std::vector<std::string> targets;
    std::string tail;
    const int mode = pick(10);
    if (mode < 6) {  // plain rows
      for (std::size_t i = 0; i < kinds.size(); ++i) {
        targets.push_back(fmt::format("{} AS c{}", expr(cols, kinds[i], 0), i));
      }
    } else if (mode < 9) {  // aggregates, with GROUP BY on plain columns
      std::vector<std::string> groups;
      for (std::size_t i = 0; i < kinds.size(); ++i) {
        const char k = kinds[i];
        std::string e;
        switch (pick(5)) {
          case 0: {
            e = column_of(cols, k);
            if (e.starts_with('t') && e.find('.') != std::string::npos) groups.push_back(e);
            break;
          }
          case 1:
            e = k == 'i' ? "count(*)" : most(k, column_of(cols, k));
            break;
          case 2:
            e = k == 'i'   ? fmt::format("count({})", column_of(cols, any_kind()))
                : k == 'n' ? fmt::format("sum({})", column_of(cols, 'n'))
                : k == 'b' ? fmt::format("bool_and({})", column_of(cols, 'b'))
                : k == 't' ? fmt::format("string_agg({}, ',')", column_of(cols, 't'))
                           : fmt::format("min({})", column_of(cols, k));
            break;
          case 3:
            e = fmt::format("coalesce({}, {})", most(k, column_of(cols, k)), literal(k));
            break;
          default: {
            const parts<2> p{most(k, column_of(cols, k)), predicate(cols, 1)};
            e = fmt::format("{} FILTER (WHERE {})", p[0], p[1]);
          } break;
        }
        targets.push_back(fmt::format("{} AS c{}", e, i));
      }
      if (!groups.empty()) {
        tail = chance(25) ? fmt::format(" GROUP BY ROLLUP ({})", fmt::join(groups, ", "))
                          : fmt::format(" GROUP BY {}", fmt::join(groups, ", "));
      } else if (chance(30)) {
        tail = " GROUP BY ()";
      }
    } else {  // window functions
      for (std::size_t i = 0; i < kinds.size(); ++i) {
        const char k = kinds[i];
        const std::string part = column_of(cols, any_kind());
        std::string e;
        switch (pick(4)) {
          case 0:
            e = k == 'i' ? "row_number() OVER ()" : column_of(cols, k);
            break;
          case 1:
            e = most(k, column_of(cols, k)) + fmt::format(" OVER (PARTITION BY {})", part);
            break;
          case 2:
            e = fmt::format("lag({}) OVER (ORDER BY {})", column_of(cols, k), part);
            break;
          default: {
            const parts<2> p{column_of(cols, k), column_of(cols, k)};
            e = fmt::format("first_value({}) OVER (PARTITION BY {} ORDER BY {})", p[0], part, p[1]);
          } break;
        }
        targets.push_back(fmt::format("{} AS c{}", e, i));
      }
    }
    std::string where;
    if (chance(50)) where = " WHERE " + predicate(cols, 0);
    return fmt::format("SELECT {} FROM {}{}{}", fmt::join(targets, ", "), from_sql, where, tail);
  }

  std::mt19937 rng_;
  int alias_ = 0;
};

}  // namespace sqlx::test
