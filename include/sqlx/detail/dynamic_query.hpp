// Dynamic queries (docs/dynamic-queries.md): a checked literal with optional parts
// `[[ AND name = $2 ]]` and choices `{{ name | created_at DESC }}`. prepare described every
// combination; here the compiler checks every combination's arguments and columns, and at run
// time the combination the arguments select runs as its own prepared statement.
//
// Included at the end of sqlx/query.hpp: it builds on the plain queries' pieces.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <tuple>
#include <type_traits>
#include <utility>

#include "sqlx/detail/checks.hpp"
#include "sqlx/detail/dynamic_metadata.hpp"

namespace sqlx {

// Which alternative of a choice `{{ a | b | c }}` runs: 0 for the first. A dynamic query takes
// one per choice, in the literal's order, anywhere among its arguments.
class choice {
 public:
  constexpr explicit choice(std::size_t index) noexcept : index_(index) {}
  [[nodiscard]] constexpr std::size_t index() const noexcept { return index_; }

 private:
  std::size_t index_;
};

}  // namespace sqlx

namespace sqlx::compile_error {
template <fixed_string Query, std::size_t Expected, std::size_t Given>
void dynamic_query_needs_one_sqlx_choice_per_choice_part();
template <fixed_string Query, std::size_t Combination>
void dynamic_query_combination_has_no_metadata_run_sqlcheck_prepare();
}  // namespace sqlx::compile_error

namespace sqlx::detail {

// Picks the combination the arguments select; throws sqlx::error for a choice out of range.
// (Not a template: compiled once, in the library.)
[[nodiscard]] std::size_t select_combination(std::span<const dynamic_part_info> parts,
                                             std::span<const bool> engaged,
                                             std::span<const std::size_t> chosen,
                                             std::string_view text);

template <typename T>
inline constexpr bool is_choice = std::is_same_v<T, choice>;

// The arguments of a dynamic query: the bound ones ($1, $2, ... in order) and the choices.
template <typename... Args>
struct dynamic_arguments {
  static constexpr std::array<bool, sizeof...(Args)> choice_flags{is_choice<Args>...};
  static constexpr std::size_t choices = (std::size_t{0} + ... + (is_choice<Args> ? 1 : 0));
  static constexpr std::size_t bound = sizeof...(Args) - choices;
  // The argument positions of the bound arguments, then of the choices.
  static constexpr std::array<std::size_t, bound> bound_positions = [] {
    std::array<std::size_t, bound> out{};
    for (std::size_t i = 0, n = 0; i < sizeof...(Args); ++i) {
      if (!choice_flags[i]) out[n++] = i;
    }
    return out;
  }();
  static constexpr std::array<std::size_t, choices> choice_positions = [] {
    std::array<std::size_t, choices> out{};
    for (std::size_t i = 0, n = 0; i < sizeof...(Args); ++i) {
      if (choice_flags[i]) out[n++] = i;
    }
    return out;
  }();
};

// The type of the I-th bound argument.
template <std::size_t I, typename... Args>
using bound_type = typename nth_type<dynamic_arguments<Args...>::bound_positions[I], Args...>::type;

template <typename Meta>
constexpr std::size_t choice_parts() {
  std::size_t n = 0;
  for (const auto& part : Meta::parts) n += part.optional ? 0 : 1;
  return n;
}

// The index (0-based) of the literal's parameter that is a combination's `dense`-th one.
constexpr std::size_t user_parameter(std::uint64_t mask, std::size_t dense) {
  for (std::size_t p = 0; p < 64; ++p) {
    if ((mask >> p & 1U) != 0 && dense-- == 0) return p;
  }
  return 64;
}

// The checks of every combination, computed once per query.
template <typename Meta, query_kind Kind, typename Row, typename... Args>
struct dynamic_check {
  using arguments = dynamic_arguments<Args...>;
  static constexpr std::size_t combination_count = Meta::combinations.size();
  static constexpr bool counts_match =
      arguments::bound == Meta::parameter_count && arguments::choices == choice_parts<Meta>();

  static constexpr std::array<value_type_info, arguments::bound> bound_infos =
      []<std::size_t... I>(std::index_sequence<I...>) {
    return std::array<value_type_info, arguments::bound>{
        value_type_info_of<bound_type<I, Args...>>...};
  }
  (std::make_index_sequence<arguments::bound>{});

  template <std::size_t K>
  static constexpr check_result check_combination() {
    using combination = query_metadata<Meta::combinations[K].hash>;
    if constexpr (!counts_match) {
      return {problem::argument_count};
    } else if constexpr (!combination::known) {
      return {problem::unknown_query};
    } else {
      constexpr std::uint64_t mask = Meta::combinations[K].parameters;
      std::array<value_type_info, static_cast<std::size_t>(std::popcount(mask))> dense{};
      for (std::size_t p = 0, d = 0; p < arguments::bound; ++p) {
        if ((mask >> p & 1U) != 0) dense[d++] = bound_infos[p];
      }
      return check_query(Kind, combination::parameters, dense, combination::columns,
                         struct_fields<Row>::names, struct_fields<Row>::types,
                         struct_fields<Row>::groups);
    }
  }

  static constexpr std::array<check_result, combination_count> results =
      []<std::size_t... K>(std::index_sequence<K...>) {
    return std::array<check_result, combination_count>{check_combination<K>()...};
  }
  (std::make_index_sequence<combination_count>{});

  static constexpr std::size_t failed = [] {
    std::size_t k = 0;
    while (k < combination_count && results[k].what == problem::none) ++k;
    return k;
  }();
  static constexpr bool passed = counts_match && failed == combination_count;
  // Under query-check, what it reports itself (docs/query-check.md) is left to it, as for a
  // plain query; the choices' count is the header's alone.
  static constexpr problem first_problem = arguments::bound != Meta::parameter_count
                                               ? problem::argument_count
                                           : failed < combination_count ? results[failed].what
                                                                        : problem::none;
  static constexpr bool left_to_query_check = !passed &&
                                              arguments::choices == choice_parts<Meta>() &&
                                              reported_by_query_check(first_problem);

  // The first problem, in the words of the plain queries' checks: a bind argument is named by
  // the literal's own parameter number, whatever its number in the combination.
  static consteval void report_failure() {
    constexpr auto Query = fixed_string<Meta::text.size() + 1>(Meta::text);
    namespace error = compile_error;
    if constexpr (arguments::bound != Meta::parameter_count) {
      error::wrong_number_of_bind_arguments<Query, Meta::parameter_count, arguments::bound>();
    } else if constexpr (arguments::choices != choice_parts<Meta>()) {
      error::dynamic_query_needs_one_sqlx_choice_per_choice_part<Query, choice_parts<Meta>(),
                                                                 arguments::choices>();
    } else if constexpr (failed < combination_count) {
      constexpr check_result result = results[failed];
      using combination = query_metadata<Meta::combinations[failed].hash>;
      if constexpr (result.what == problem::unknown_query) {
        error::dynamic_query_combination_has_no_metadata_run_sqlcheck_prepare<Query, failed>();
      } else if constexpr (result.what == problem::argument_type) {
        constexpr std::size_t p =
            user_parameter(Meta::combinations[failed].parameters, result.index);
        report_argument_mismatch<Query, combination, result.index, p, bound_type<p, Args...>>();
      } else {
        ::sqlx::detail::report<combination, result, Row>();
      }
    }
  }
};

// Converted from the literal at the call site, where the checks run (as checked_sql).
template <std::uint64_t Hash, query_kind Kind, typename Row, typename... Args>
struct checked_dynamic_sql {
  using meta = query_metadata<Hash>;
  using check = dynamic_check<meta, Kind, Row, Args...>;
  static constexpr bool passed = check::passed;

  template <typename Char, std::size_t N>
  consteval checked_dynamic_sql(const Char (&literal)[N]) {
    if (!literal_is(meta::text, literal)) {
      compile_error::query_has_no_metadata_in_sqlx_cpp_dir_run_sqlcheck_prepare();
    }
    if constexpr (!passed && !check::left_to_query_check) check::report_failure();
  }
};

// Each combination's statement, in combination order.
template <typename Meta>
inline constexpr auto dynamic_statements = []<std::size_t... K>(std::index_sequence<K...>) {
  return std::array<statement_info, sizeof...(K)>{statement_info{
      query_metadata<Meta::combinations[K].hash>::text,
      std::span<const column_info>(query_metadata<Meta::combinations[K].hash>::columns.data(),
                                   query_metadata<Meta::combinations[K].hash>::columns.size())}...};
}
(std::make_index_sequence<Meta::combinations.size()>{});

template <typename T>
constexpr bool is_engaged(const T& value) noexcept {
  if constexpr (std::is_same_v<T, std::nullopt_t>) {
    return false;
  } else if constexpr (is_optional<T>) {
    return value.has_value();
  } else {
    return true;
  }
}

// The arguments a dynamic query's combination binds: all of the literal's arguments encoded
// (N of them), and which of them the combination's statement takes ($n renumbered densely, as
// the combination's SQL is).
template <std::size_t N>
class selected_arguments {
 public:
  selected_arguments(encoded_arguments<N> all, std::uint64_t bound)
      : all_(std::move(all)), bound_(bound) {}

  struct parameters_type {
    std::array<pg::parameter, N> values{};
    std::size_t count = 0;
    operator std::span<const pg::parameter>() const noexcept { return {values.data(), count}; }
  };
  // Pointing into this object: valid while it is.
  [[nodiscard]] parameters_type parameters() const {
    const std::array<pg::parameter, N> all = all_.parameters();
    parameters_type out;
    for (std::size_t p = 0; p < N; ++p) {
      if ((bound_ >> p & 1U) != 0) out.values[out.count++] = all[p];
    }
    return out;
  }

 private:
  encoded_arguments<N> all_;
  std::uint64_t bound_;
};

// The macros' call for a dynamic query (query_metadata says so): the checks run in the
// conversion to checked_dynamic_sql; the arguments select the combination.
template <std::uint64_t Hash, query_kind Kind, typename Row, typename... Args>
requires dynamic_metadata<query_metadata<Hash>>
auto bind(checked_dynamic_sql<Hash, Kind, Row, std::remove_cvref_t<Args>...>, const Args&... args) {
  using checked = checked_dynamic_sql<Hash, Kind, Row, std::remove_cvref_t<Args>...>;
#if defined(SQLX_CPP_QUERY_CHECK)
  // The probes of the bound arguments' types and the row's fields (not of sqlx::choice).
  ::sqlx::query_check::use_probes<Kind, Row>();
  []<std::size_t... B>(std::index_sequence<B...>) {
    (::sqlx::query_check::use_probe<bound_type<B, std::remove_cvref_t<Args>...>>(), ...);
  }
  (std::make_index_sequence<dynamic_arguments<std::remove_cvref_t<Args>...>::bound>{});
#endif
  if constexpr (checked::passed) {
    using meta = typename checked::meta;
    using arguments = dynamic_arguments<std::remove_cvref_t<Args>...>;
    // The index's columns: each nullable when it is in any combination (generated header).
    using reader = row_reader<meta, Kind, Row>;
    const auto all = std::forward_as_tuple(args...);
    return [&]<std::size_t... B, std::size_t... C>(std::index_sequence<B...>,
                                                   std::index_sequence<C...>) {
      const std::array<bool, arguments::bound> engaged{
          is_engaged(std::get<arguments::bound_positions[B]>(all))...};
      const std::array<std::size_t, arguments::choices> chosen{
          std::get<arguments::choice_positions[C]>(all).index()...};
      const std::size_t k = select_combination(meta::parts, engaged, chosen, meta::text);
      // A plain query's class, with the chosen combination's statement and arguments.
      return query<typename reader::type, arguments::bound, selected_arguments<arguments::bound>>(
          dynamic_statements<meta>[k], reader::read,
          encoded_arguments<arguments::bound>(std::get<arguments::bound_positions[B]>(all)...),
          meta::combinations[k].parameters);
    }
    (std::make_index_sequence<arguments::bound>{}, std::make_index_sequence<arguments::choices>{});
#if defined(SQLX_CPP_QUERY_CHECK)
  } else if constexpr (checked::check::left_to_query_check) {
    return query_check_rejected{};
#endif
  } else {
    return unchecked_query{};
  }
}

}  // namespace sqlx::detail
