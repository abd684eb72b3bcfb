#include "metadata/metadata.hpp"

#include <fmt/format.h>

#include "metadata/digest.hpp"

namespace sqlx::core {

std::string metadata_file_name(std::string_view query) {
  return fmt::format("query-{}.json", sha256_hex(query));
}

bool is_metadata_file_name(std::string_view file_name) {
  return (file_name.starts_with("query-") || file_name.starts_with("dynamic-")) &&
         file_name.ends_with(".json");
}

namespace {

// Writes JSON exactly as nlohmann's dump(2) does (the format sqlx's files use too), straight
// into a string: prepare renders thousands of files and building a JSON tree per file costs
// more than the server's describe.
class pretty_writer {
 public:
  explicit pretty_writer(std::string& out) : out_(out) {}

  void string(std::string_view text) {
    out_ += '"';
    // Runs of characters that need no escape are appended at once.
    std::size_t run = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char c = text[i];
      if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
      out_.append(text.substr(run, i - run));
      run = i + 1;
      escape(c);
    }
    out_.append(text.substr(run));
    out_ += '"';
  }

  void value(const ordered_json& json) {
    if (json.is_object()) {
      if (json.empty()) {
        out_ += "{}";
        return;
      }
      object([&] {
        for (auto it = json.begin(); it != json.end(); ++it) {
          key(it.key());
          value(it.value());
        }
      });
    } else if (json.is_array()) {
      array(json, [&](const ordered_json& element) { value(element); });
    } else if (json.is_string()) {
      string(json.get_ref<const std::string&>());
    } else {
      out_ += json.dump();
    }
  }

  // An object whose members `body` writes, each starting with key().
  template <typename Body>
  void object(Body body) {
    open('{');
    body();
    close('}');
  }

  // An array with one element per item of `items`, written by `each`.
  template <typename Range, typename Each>
  void array(const Range& items, Each each) {
    if (std::empty(items)) {
      out_ += "[]";
      return;
    }
    open('[');
    for (const auto& element : items) {
      item();
      each(element);
    }
    close(']');
  }

  void key(std::string_view name) {
    item();
    string(name);
    out_ += ": ";
  }

  void raw(std::string_view text) { out_ += text; }

 private:
  void escape(char c) {
    switch (c) {
      case '"':
        out_ += "\\\"";
        break;
      case '\\':
        out_ += "\\\\";
        break;
      case '\b':
        out_ += "\\b";
        break;
      case '\f':
        out_ += "\\f";
        break;
      case '\n':
        out_ += "\\n";
        break;
      case '\r':
        out_ += "\\r";
        break;
      case '\t':
        out_ += "\\t";
        break;
      default:
        out_ += fmt::format("\\u{:04x}", static_cast<unsigned char>(c));
    }
  }
  void open(char bracket) {
    out_ += bracket;
    ++depth_;
    first_ = true;
  }
  void close(char bracket) {
    --depth_;
    newline();
    out_ += bracket;
    first_ = false;
  }
  void item() {
    if (!first_) out_ += ',';
    first_ = false;
    newline();
  }
  void newline() {
    out_ += '\n';
    out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
  }

  std::string& out_;
  int depth_ = 0;
  bool first_ = true;
};

}  // namespace

std::string_view db_name(database db) noexcept {
  return db == database::sqlite ? "SQLite" : "PostgreSQL";
}

std::string to_file_content(const query_description& description) {
  std::string out;
  out.reserve(1024 + description.query.size() + description.columns.size() * 256);
  pretty_writer w(out);
  const auto& columns = description.columns;
  const auto& parameters = description.parameters;
  const bool sqlite = description.db == database::sqlite;
  // The key holding the database's own type name in `sqlx_cpp`; a SQLite parameter's is null
  // when the SQL does not say its type.
  const std::string_view type_key = sqlite ? "sqlite_type" : "pg_type";
  const auto type_name = [&](const type_description& type) {
    if (sqlite && type.type_name.empty()) {
      w.raw("null");
    } else {
      w.string(type.type_name);
    }
  };
  // Key order as sqlx writes it, then our own extras.
  w.object([&] {
    w.key("db_name");
    w.string(db_name(description.db));
    w.key("query");
    w.string(description.query);
    w.key("describe");
    w.object([&] {
      w.key("columns");
      w.array(columns, [&](const column_description& column) {
        w.object([&] {
          // sqlx's SQLite columns list the name first.
          if (sqlite) {
            w.key("name");
            w.string(column.name);
          }
          w.key("ordinal");
          w.raw(std::to_string(&column - columns.data()));
          if (!sqlite) {
            w.key("name");
            w.string(column.name);
          }
          w.key("type_info");
          w.value(column.type.type_info);
        });
      });
      w.key("parameters");
      w.object([&] {
        if (sqlite) {
          w.key("Right");
          w.raw(std::to_string(parameters.size()));
        } else {
          w.key("Left");
          w.array(parameters, [&](const type_description& type) { w.value(type.type_info); });
        }
      });
      w.key("nullable");
      w.array(columns, [&](const column_description& column) {
        w.raw(column.nullable ? (*column.nullable ? "true" : "false") : "null");
      });
    });
    w.key("hash");
    w.string(sha256_hex(description.query));
    w.key("sqlx_cpp");
    w.object([&] {
      w.key("columns");
      w.array(columns, [&](const column_description& column) {
        w.object([&] {
          w.key(type_key);
          type_name(column.type);
          if (!column.origin.empty()) {
            w.key("origin");
            w.string(column.origin);
          }
          if (!column.outer_row.empty()) {
            w.key("outer_row");
            w.string(column.outer_row);
          }
          if (!column.fields.empty()) {
            w.key("fields");
            w.array(column.fields, [&](const composite_field_description& field) {
              w.object([&] {
                w.key("name");
                w.string(field.name);
                w.key(type_key);
                w.string(field.type_name);
                w.key("nullable");
                w.value(ordered_json(field.nullable));
              });
            });
          }
        });
      });
      w.key("parameters");
      w.array(parameters, [&](const type_description& type) {
        w.object([&] {
          w.key(type_key);
          type_name(type);
        });
      });
    });
  });
  out += '\n';
  return out;
}

}  // namespace sqlx::core
