// Nested structs in SQLX_QUERY_AS (docs/nested-structs.md). A field whose type, or the type
// inside its std::optional, is a plain aggregate that no codec reads is an embedded struct:
// its fields are filled from the columns labelled with their path ("author.name"), to any
// depth. The checks see a struct as its leaves (the fields that hold one column each) named
// by their paths, so a flat struct's leaves are its fields and nothing changes for it.
//
// An embedded std::optional<Inner> is an optional group: present when its key column - the
// first of its columns in the select list - is not NULL. Inside it, a nullable column may fill
// a plain field when it is the key, or when `sqlcheck prepare` recorded that it is NULL only
// when the key's outer-joined row is missing (column_info::outer_row, the same row as the
// key's). Any other nullable column still needs std::optional.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "sqlx/detail/fixed_string.hpp"
#include "sqlx/detail/query_metadata.hpp"
#include "sqlx/detail/reflect.hpp"
#include "sqlx/pg/types/common.hpp"

namespace sqlx::detail {

using pg::detail::is_optional;

template <typename T>
inline constexpr bool is_std_array = false;
template <typename T, std::size_t N>
inline constexpr bool is_std_array<std::array<T, N>> = true;

// A class aggregate that no codec reads (std::array and registered composite types are
// values): its fields are columns of their own.
template <typename T>
inline constexpr bool is_embedded_struct = [] {
  if constexpr (std::is_class_v<T> && std::is_aggregate_v<T>) {
    return !is_std_array<T> && !pg::encodable<T>;
  } else {
    return false;
  }
}();

template <typename T>
using without_optional = typename pg::detail::strip_optional<T>::type;

template <typename Row>
inline constexpr bool has_embedded_struct = []<std::size_t... F>(std::index_sequence<F...>) {
  return (is_embedded_struct<without_optional<field_type<Row, F>>> || ...);
}
(std::make_index_sequence<field_count<Row>()>{});

// The leaves of Row, as a std::tuple of their types.
template <typename Row, typename Fields = std::make_index_sequence<field_count<Row>()>>
struct leaves_of;

template <typename Field>
struct field_leaves {
  using types = std::tuple<Field>;
};
template <typename Field>
requires is_embedded_struct<without_optional<Field>>
struct field_leaves<Field> {
  using types = typename leaves_of<without_optional<Field>>::types;
};

template <typename Row, std::size_t... F>
struct leaves_of<Row, std::index_sequence<F...>> {
  using types =
      decltype(std::tuple_cat(std::declval<typename field_leaves<field_type<Row, F>>::types>()...));
};

// An optional group: the leaves [begin, end) of one embedded std::optional<Inner>.
struct optional_group {
  std::size_t begin = 0;
  std::size_t end = 0;
};

inline constexpr std::size_t max_nesting_depth = 16;

// Walks Row's fields depth-first, writing each leaf's path and each optional group's leaves
// (or, with null pointers, only counting them).
struct layout_writer {
  char* chars = nullptr;
  std::size_t* lengths = nullptr;
  optional_group* groups = nullptr;
  std::size_t char_count = 0;
  std::size_t leaf_count = 0;
  std::size_t group_count = 0;
  std::array<std::string_view, max_nesting_depth> parts{};
  std::size_t depth = 0;

  constexpr void put(char c) {
    if (chars != nullptr) chars[char_count] = c;
    ++char_count;
  }
  constexpr void leaf(std::string_view name) {
    const std::size_t start = char_count;
    for (std::size_t i = 0; i < depth; ++i) {
      for (const char c : parts[i]) put(c);
      put('.');
    }
    for (const char c : name) put(c);
    if (lengths != nullptr) lengths[leaf_count] = char_count - start;
    ++leaf_count;
  }
};

template <typename Row>
constexpr void write_layout(layout_writer& w);

template <typename Row, std::size_t F>
constexpr void write_field_layout(layout_writer& w) {
  using field = field_type<Row, F>;
  using inner = without_optional<field>;
  const std::string_view name = field_name_table<Row>::names[F];
  if constexpr (is_embedded_struct<inner>) {
    const std::size_t group = w.group_count;
    const std::size_t begin = w.leaf_count;
    if constexpr (is_optional<field>) ++w.group_count;
    if (w.depth == max_nesting_depth) throw "sqlx: structs nested deeper than 16 levels";
    w.parts[w.depth++] = name;
    write_layout<inner>(w);
    --w.depth;
    if constexpr (is_optional<field>) {
      if (w.groups != nullptr) w.groups[group] = {begin, w.leaf_count};
    }
  } else {
    w.leaf(name);
  }
}

template <typename Row>
constexpr void write_layout(layout_writer& w) {
  [&]<std::size_t... F>(std::index_sequence<F...>) {
    (write_field_layout<Row, F>(w), ...);
  }
  (std::make_index_sequence<field_count<Row>()>{});
}

// Row's leaves: their paths and its optional groups, computed once per struct.
template <typename Row>
struct nested_layout {
  static constexpr layout_writer sizes = [] {
    layout_writer w;
    write_layout<Row>(w);
    w.parts = {};  // only the counts are kept
    return w;
  }();
  static constexpr std::size_t count = sizes.leaf_count;

  struct tables {
    std::array<char, sizes.char_count + 1> chars{};
    std::array<std::size_t, count> lengths{};
    std::array<optional_group, sizes.group_count> groups{};
  };
  static constexpr tables data = [] {
    tables out;
    layout_writer w;
    w.chars = out.chars.data();
    w.lengths = out.lengths.data();
    w.groups = out.groups.data();
    write_layout<Row>(w);
    return out;
  }();
  static constexpr std::array<std::string_view, count> names = [] {
    std::array<std::string_view, count> out{};
    std::size_t at = 0;
    for (std::size_t i = 0; i < count; ++i) {
      out[i] = std::string_view(data.chars.data() + at, data.lengths[i]);
      at += data.lengths[i];
    }
    return out;
  }();
  static constexpr const auto& groups = data.groups;
};

// What the checks and readers use: a flat struct keeps its own tables (no change, no cost).
template <typename Row>
constexpr std::size_t leaf_count() {
  if constexpr (has_embedded_struct<Row>) {
    return nested_layout<Row>::count;
  } else {
    return field_count<Row>();
  }
}

template <typename Row>
constexpr const auto& leaf_names() {
  if constexpr (has_embedded_struct<Row>) {
    return nested_layout<Row>::names;
  } else {
    return field_name_table<Row>::names;
  }
}

inline constexpr std::array<optional_group, 0> no_optional_groups{};

template <typename Row>
constexpr const auto& optional_groups() {
  if constexpr (has_embedded_struct<Row>) {
    return nested_layout<Row>::groups;
  } else {
    return no_optional_groups;
  }
}

template <typename Row, std::size_t L>
struct leaf_type_of {
  using type = std::tuple_element_t<L, typename leaves_of<Row>::types>;
};
template <typename Row, std::size_t L>
requires(!has_embedded_struct<Row>) struct leaf_type_of<Row, L> {
  using type = field_type<Row, L>;
};

// The type of Row's leaf L (its field L when Row is flat).
template <typename Row, std::size_t L>
using leaf_type = typename leaf_type_of<Row, L>::type;

// A whole-row column ("author.*", column_info::fields): its field `part` fills the leaf
// "author.<field>". `no_part` stands for the column itself.
inline constexpr std::size_t no_part = static_cast<std::size_t>(-1);

// Whether `path` is the path of whole-row column `row`'s field `field`.
constexpr bool is_part_path(std::string_view path, const column_info& row, std::string_view field) {
  const std::string_view prefix = row.name.substr(0, row.name.size() - 1);  // "author."
  return path.size() == prefix.size() + field.size() &&
         pg::same_text(path.substr(0, prefix.size()), prefix) &&
         pg::same_text(path.substr(prefix.size()), field);
}

// The leaf that column `column` (or its field `part`) fills, or names.size().
template <typename Names>
constexpr std::size_t leaf_of(const Names& names, const column_info& column,
                              std::size_t part = no_part) {
  std::size_t leaf = 0;
  if (part == no_part) {
    while (leaf < names.size() && !pg::same_text(names[leaf], column.name)) ++leaf;
  } else {
    while (leaf < names.size() && !is_part_path(names[leaf], column, column.fields[part].name)) {
      ++leaf;
    }
  }
  return leaf;
}

// Whether column `column` (any field of it, for a whole row) fills a leaf in [begin, end).
template <typename Names>
constexpr bool fills_group(const Names& names, const column_info& column, optional_group group) {
  const auto in = [&](std::size_t leaf) { return leaf >= group.begin && leaf < group.end; };
  if (column.field_count == 0) return in(leaf_of(names, column));
  for (std::size_t k = 0; k < column.field_count; ++k) {
    if (in(leaf_of(names, column, k))) return true;
  }
  return false;
}

// The label a diagnostic shows for a column or a whole row's field: "author.name".
consteval label column_path_label(const column_info& column, std::size_t part) {
  if (part == no_part) return label(column.name);
  label out;
  std::size_t at = 0;
  const auto add = [&](std::string_view text) {
    for (const char c : text) {
      if (at + 1 < sizeof(out.value)) out.value[at++] = c;
    }
  };
  add(column.name.substr(0, column.name.size() - 1));
  add(column.fields[part].name);
  return out;
}

consteval std::string_view column_pg_type(const column_info& column, std::size_t part) {
  return part == no_part ? column.pg_type : column.fields[part].pg_type;
}

// The key of an optional group: its first column in the select list (matched to a leaf by
// its name; a whole row by its fields), or columns.size() when it has none.
template <typename Columns, typename Names>
constexpr std::size_t group_key_column(const Columns& columns, const Names& names,
                                       optional_group group) {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (fills_group(names, columns[c], group)) return c;
  }
  return columns.size();
}

// Whether nullable column `c`, read into leaf `leaf`, may fill a plain field: some optional
// group around the leaf is absent whenever the column is NULL - the column is the group's key,
// or NULL only when the key's outer-joined row is missing.
template <typename Columns, typename Names, typename Groups>
constexpr bool non_null_in_its_group(const Columns& columns, const Names& names,
                                     const Groups& groups, std::size_t c, std::size_t leaf) {
  for (const optional_group& group : groups) {
    if (leaf < group.begin || leaf >= group.end) continue;
    const std::size_t key = group_key_column(columns, names, group);
    if (key == c) return true;
    if (key < columns.size() && !columns[c].outer_row.empty() &&
        columns[key].outer_row == columns[c].outer_row) {
      return true;
    }
  }
  return false;
}

template <typename Field>
constexpr std::size_t leaf_count_of_field() {
  if constexpr (is_embedded_struct<without_optional<Field>>) {
    return leaf_count<without_optional<Field>>();
  } else {
    return 1;
  }
}

// Whether a query fills a nested struct: a row with an embedded struct, or a column labelled
// with a path ("author.name"). query-check leaves such a query's struct checks to the header.
template <bool As, typename Row, typename Columns>
constexpr bool nested_row_query(const Columns& columns) {
  if constexpr (As) {
    if (has_embedded_struct<Row>) return true;
  }
  for (const column_info& column : columns) {
    if (column.name.find('.') != std::string_view::npos) return true;
  }
  return false;
}

// Number of leaves of the fields of T before field F.
template <typename T, std::size_t F>
constexpr std::size_t leaves_before() {
  return []<std::size_t... G>(std::index_sequence<G...>) {
    return (std::size_t{0} + ... + leaf_count_of_field<field_type<T, G>>());
  }
  (std::make_index_sequence<F>{});
}

// Where each leaf of Row is read from: a column, and for a whole row ("author.*") the field
// of it (no_part otherwise). Computed once per query and struct.
struct leaf_source {
  int column = 0;
  std::size_t part = no_part;
};

template <typename Row, typename Columns>
constexpr auto leaf_sources(const Columns& columns) {
  const auto& names = leaf_names<Row>();
  std::array<leaf_source, leaf_count<Row>()> out{};
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const std::size_t leaf = leaf_of(names, columns[c]);
    if (leaf < out.size()) out[leaf] = {static_cast<int>(c), no_part};
    for (std::size_t k = 0; k < columns[c].field_count; ++k) {
      const std::size_t part_leaf = leaf_of(names, columns[c], k);
      if (part_leaf < out.size()) out[part_leaf] = {static_cast<int>(c), k};
    }
  }
  return out;
}

// Builds T, whose first leaf is Row's leaf `First`, from a row: `Sources[leaf]` says where
// each leaf is read from; `Source` reads it (`value<V>(leaf_source)`) and says whether a
// column is NULL (`null(column)`).
template <auto Sources, typename T, std::size_t First, typename Source>
T build_nested(const Source& source);

template <auto Sources, typename T, std::size_t F, std::size_t Leaf, typename Source>
field_type<T, F> build_nested_field(const Source& source) {
  using field = field_type<T, F>;
  using inner = without_optional<field>;
  if constexpr (!is_embedded_struct<inner>) {
    return source.template value<field>(Sources[Leaf]);
  } else if constexpr (is_optional<field>) {
    // The key: the group's first column in the select list.
    constexpr int key = [] {
      int first = Sources[Leaf].column;
      for (std::size_t l = Leaf; l < Leaf + leaf_count<inner>(); ++l) {
        if (Sources[l].column < first) first = Sources[l].column;
      }
      return first;
    }();
    if (source.null(key)) return std::nullopt;
    return field(std::in_place, build_nested<Sources, inner, Leaf>(source));
  } else {
    return build_nested<Sources, inner, Leaf>(source);
  }
}

template <auto Sources, typename T, std::size_t First, typename Source>
T build_nested(const Source& source) {
  return [&]<std::size_t... F>(std::index_sequence<F...>) {
    return T{build_nested_field<Sources, T, F, First + leaves_before<T, F>()>(source)...};
  }
  (std::make_index_sequence<field_count<T>()>{});
}

}  // namespace sqlx::detail
