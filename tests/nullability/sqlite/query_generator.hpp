// Random SELECT statements over the SQLite corpus schema (schema.sql): nested inner, LEFT,
// RIGHT, FULL and CROSS joins of tables, views and subqueries, WHERE/ON predicates that do and
// do not filter NULLs, COALESCE/IFNULL/CASE/NULLIF/IIF, arithmetic including division,
// functions, scalar subqueries, aggregates with and without GROUP BY, window functions and
// UNION ALL. A differential check of inference against the adversarial data (data.sql): a
// column inferred not null must never be NULL.
#pragma once

#include <fmt/format.h>

#include <random>
#include <string>
#include <vector>

namespace sqlx::test {

class sqlite_query_generator {
 public:
  explicit sqlite_query_generator(unsigned seed) : rng_(seed) {}

  // One SELECT; every output column is aliased c0, c1, ...
  std::string next() {
    alias_ = 0;
    const int n = 1 + pick(4);
    std::string sql = select(n, 0);
    if (chance(15)) sql += " UNION ALL " + select(n, 0);
    return sql;
  }

 private:
  struct relation {
    std::string name;
    std::vector<std::string> columns;
  };
  struct source {
    std::string alias;
    std::vector<std::string> columns;
  };

  static const std::vector<relation>& relations() {
    static const std::vector<relation> all = {
        {"feeds", {"id", "platform", "source_id", "name", "last_checked", "created_at"}},
        {"feed_items", {"id", "feed_id", "item_id", "title", "url", "published_at"}},
        {"subscribers", {"id", "kind", "user_id", "guild_id", "channel_id", "joined_at"}},
        {"subscriptions", {"subscriber_id", "feed_id", "filter"}},
        {"voice_sessions",
         {"id", "guild_id", "user_id", "channel_id", "join_time", "leave_time", "is_active"}},
        {"guild_settings", {"guild_id", "prefix", "log_channel", "timezone", "score"}},
        {"meta", {"key", "value"}},
        {"loose", {"a", "b", "c"}},
        {"active_sessions", {"id", "guild_id", "user_id", "join_time", "leave_time"}},
        {"feed_stats", {"feed_id", "platform", "items", "last_item"}},
        {"channel_subscribers", {"id", "guild_id", "channel_id", "prefix"}},
    };
    return all;
  }

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }
  std::string fresh() { return fmt::format("t{}", alias_++); }

  // A FROM item (a table, view or subquery) or a join of them.
  std::string from_item(std::vector<source>& sources, int depth) {
    if (depth < 2 && chance(15)) {
      const std::string alias = fresh();
      const int n = 1 + pick(3);
      std::string sub = select(n, depth + 1);
      source s{alias, {}};
      for (int i = 0; i < n; ++i) s.columns.push_back(fmt::format("c{}", i));
      sources.push_back(s);
      return fmt::format("({}) AS {}", sub, alias);
    }
    const auto& r =
        relations()[static_cast<std::size_t>(pick(static_cast<int>(relations().size())))];
    const std::string alias = fresh();
    sources.push_back({alias, r.columns});
    return fmt::format("{} AS {}", r.name, alias);
  }

  std::string column(const std::vector<source>& sources) {
    const auto& s = sources[static_cast<std::size_t>(pick(static_cast<int>(sources.size())))];
    return s.alias + "." +
           s.columns[static_cast<std::size_t>(pick(static_cast<int>(s.columns.size())))];
  }

  std::string predicate(const std::vector<source>& sources) {
    const std::string c = column(sources);
    switch (pick(9)) {
      case 0:
        return c + " IS NOT NULL";
      case 1:
        return c + " IS NULL";
      case 2:
        return fmt::format("{} = {}", c, column(sources));
      case 3:
        return fmt::format("{} > 0", c);
      case 4:
        return fmt::format("({} > 1 OR {} IS NULL)", c, column(sources));
      case 5:
        return fmt::format("{} IN (1, 2, 500)", c);
      case 6:
        return fmt::format("{} NOT IN (1, 2)", c);
      case 7:
        return fmt::format("coalesce({}, 0) <> 3", c);
      default:
        return c;
    }
  }

  std::string expression(const std::vector<source>& sources, bool aggregate, int depth) {
    const std::string c = column(sources);
    if (aggregate && chance(40)) {
      switch (pick(8)) {
        case 0:
          return "count(*)";
        case 1:
          return fmt::format("count({})", c);
        case 2:
          return fmt::format("sum({})", c);
        case 3:
          return fmt::format("max({})", c);
        case 4:
          return fmt::format("min({})", c);
        case 5:
          return fmt::format("total({})", c);
        case 6:
          return fmt::format("group_concat({})", c);
        default:
          return fmt::format("avg({})", c);
      }
    }
    if (depth > 1) return c;
    switch (pick(16)) {
      case 0:
        return fmt::format("coalesce({}, {})", c, expression(sources, false, depth + 1));
      case 1:
        return fmt::format("ifnull({}, 0)", c);
      case 2:
        return fmt::format("CASE WHEN {} THEN {} ELSE {} END", predicate(sources),
                           expression(sources, false, depth + 1), column(sources));
      case 3:
        return fmt::format("CASE WHEN {} THEN {} END", predicate(sources), c);
      case 4:
        return fmt::format("nullif({}, 1)", c);
      case 5:
        return fmt::format("{} + {}", c, column(sources));
      case 6:
        return fmt::format("{} / {}", c, column(sources));
      case 7:
        return fmt::format("{} || 'x'", c);
      case 8:
        return fmt::format("length({})", c);
      case 9:
        return fmt::format("upper({})", c);
      case 10:
        return fmt::format("iif({}, {}, 0)", predicate(sources), c);
      case 11:
        return fmt::format("typeof({})", c);
      case 12:
        return fmt::format("(SELECT max(x.id) FROM feeds x WHERE x.id = {})", c);
      case 13:
        return fmt::format("(SELECT count(*) FROM feed_items x WHERE x.feed_id = {})", c);
      case 14:
        return fmt::format("row_number() OVER (ORDER BY {})", c);
      default:
        return c;
    }
  }

  std::string select(int columns, int depth) {
    std::vector<source> sources;
    std::string from = from_item(sources, depth);
    const int joins = pick(3);
    for (int j = 0; j < joins; ++j) {
      static constexpr const char* kinds[] = {"JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN",
                                              "CROSS JOIN"};
      const std::string kind = kinds[pick(5)];
      std::vector<source> right;
      const std::string item = from_item(right, depth);
      std::vector<source> both = sources;
      both.insert(both.end(), right.begin(), right.end());
      from += fmt::format(" {} {}", kind, item);
      if (kind != "CROSS JOIN") from += " ON " + predicate(both);
      sources = both;
    }
    const bool aggregate = chance(30);
    const bool grouped = aggregate && chance(50);
    std::string group_column = column(sources);
    std::string list;
    for (int i = 0; i < columns; ++i) {
      std::string e = grouped && chance(50) ? group_column : expression(sources, aggregate, 0);
      list += fmt::format("{}{} AS c{}", i == 0 ? "" : ", ", e, i);
    }
    std::string sql = fmt::format("SELECT {} FROM {}", list, from);
    if (chance(50)) sql += " WHERE " + predicate(sources);
    if (grouped) sql += " GROUP BY " + group_column;
    return sql;
  }

  std::mt19937 rng_;
  int alias_ = 0;
};

}  // namespace sqlx::test
