#include "core/metadata.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "core/digest.hpp"

namespace sqlx::core {

std::string metadata_file_name(std::string_view query) {
  return fmt::format("query-{}.json", sha256_hex(query));
}

std::string to_file_content(const query_description& description) {
  ordered_json columns = ordered_json::array();
  ordered_json nullable = ordered_json::array();
  ordered_json cpp_columns = ordered_json::array();
  for (std::size_t i = 0; i < description.columns.size(); ++i) {
    const auto& column = description.columns[i];
    columns.push_back(
        {{"ordinal", i}, {"name", column.name}, {"type_info", column.type.type_info}});
    nullable.push_back(column.nullable ? ordered_json(*column.nullable) : ordered_json(nullptr));
    ordered_json extra = {{"pg_type", column.type.pg_name}};
    if (!column.origin.empty()) extra["origin"] = column.origin;
    cpp_columns.push_back(std::move(extra));
  }
  ordered_json parameters = ordered_json::array();
  ordered_json cpp_parameters = ordered_json::array();
  for (const auto& parameter : description.parameters) {
    parameters.push_back(parameter.type_info);
    cpp_parameters.push_back({{"pg_type", parameter.pg_name}});
  }
  // Key order as sqlx writes it, then our own extras.
  ordered_json file = {
      {"db_name", "PostgreSQL"},
      {"query", description.query},
      {"describe",
       {{"columns", std::move(columns)},
        {"parameters", {{"Left", std::move(parameters)}}},
        {"nullable", std::move(nullable)}}},
      {"hash", sha256_hex(description.query)},
      {"sqlx_cpp",
       {{"columns", std::move(cpp_columns)}, {"parameters", std::move(cpp_parameters)}}},
  };
  return file.dump(2) + "\n";
}

query_description from_file_content(std::string_view content) {
  const auto file = ordered_json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (file.is_discarded()) throw std::runtime_error("not valid JSON");
  try {
    query_description description;
    description.query = file.at("query").get<std::string>();
    const auto& describe = file.at("describe");
    const ordered_json* cpp = file.contains("sqlx_cpp") ? &file["sqlx_cpp"] : nullptr;
    const auto& columns = describe.at("columns");
    const auto& nullable = describe.at("nullable");
    if (nullable.size() != columns.size()) {
      throw std::runtime_error("describe.nullable and describe.columns differ in length");
    }
    for (std::size_t i = 0; i < columns.size(); ++i) {
      column_description column;
      column.name = columns[i].at("name").get<std::string>();
      column.type.type_info = columns[i].at("type_info");
      if (!nullable[i].is_null()) column.nullable = nullable[i].get<bool>();
      if (cpp != nullptr) {
        const auto& extra = cpp->at("columns").at(i);
        column.type.pg_name = extra.at("pg_type").get<std::string>();
        column.origin = extra.value("origin", "");
      }
      description.columns.push_back(std::move(column));
    }
    const auto& parameters = describe.at("parameters").at("Left");
    for (std::size_t i = 0; i < parameters.size(); ++i) {
      type_description type{parameters[i], {}};
      if (cpp != nullptr) {
        type.pg_name = cpp->at("parameters").at(i).at("pg_type").get<std::string>();
      }
      description.parameters.push_back(std::move(type));
    }
    return description;
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(fmt::format("unexpected shape: {}", e.what()));
  }
}

}  // namespace sqlx::core
