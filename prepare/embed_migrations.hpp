// `sqlcheck migrate embed`: a C++ source file holding a migrations directory, for
// sqlx_cpp_embed_migrations() (docs/migrations.md).
#pragma once

#include <sqlx/migrate.hpp>
#include <string>
#include <string_view>

namespace sqlx::cli {

// The source of a function `sqlx::migrator <function>()` returning `migrations` with their
// exact bytes, versions, descriptions and origins. `function` is a qualified C++ name
// (`sqlx::embedded_migrations`, `app::tenant_migrations`); throws sqlx::error
// when it is not one.
[[nodiscard]] std::string embedded_migrations_source(const migrator& migrations,
                                                     std::string_view function);

}  // namespace sqlx::cli
