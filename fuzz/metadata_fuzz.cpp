// The metadata reader (the one `sqlcheck generate` and query-check use) on arbitrary bytes:
// a metadata_error naming the file, or a description that writes back to a file read as the
// same description and from which a header is generated. No crash, no other exception.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "codegen/codegen.hpp"
#include "metadata/digest.hpp"
#include "metadata/metadata.hpp"

namespace {

using sqlx::core::ordered_json;
using sqlx::core::query_description;

bool same(const query_description& a, const query_description& b) {
  if (a.query != b.query || a.columns.size() != b.columns.size() ||
      a.parameters.size() != b.parameters.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.columns.size(); ++i) {
    const auto& x = a.columns[i];
    const auto& y = b.columns[i];
    if (x.name != y.name || x.type.type_info != y.type.type_info ||
        x.type.type_name != y.type.type_name || x.nullable != y.nullable || x.origin != y.origin) {
      return false;
    }
  }
  for (std::size_t i = 0; i < a.parameters.size(); ++i) {
    if (a.parameters[i].type_info != b.parameters[i].type_info ||
        a.parameters[i].type_name != b.parameters[i].type_name) {
      return false;
    }
  }
  return true;
}

void read(std::string_view content) {
  constexpr std::string_view file = "fuzz/query-x.json";
  query_description description;
  try {
    description = sqlx::core::from_file_content(content, file);
  } catch (const sqlx::core::metadata_error& e) {
    if (e.file() != file || !std::string_view(e.what()).starts_with(file)) __builtin_trap();
    return;
  }
  const query_description again =
      sqlx::core::from_file_content(sqlx::core::to_file_content(description), "again");
  if (!same(description, again)) __builtin_trap();
  (void)sqlx::core::generate_header({description});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  read(content);
  // A mutated query no longer matches its hash, which would stop every input at that check:
  // read it once more with the hash made right, to reach the rest of the reader.
  auto json = ordered_json::parse(content, nullptr, /*allow_exceptions=*/false);
  if (json.is_object() && json.contains("query") && json["query"].is_string()) {
    json["hash"] = sqlx::core::sha256_hex(json["query"].get_ref<const std::string&>());
    read(json.dump(2, ' ', false, ordered_json::error_handler_t::replace));
  }
  return 0;
}
