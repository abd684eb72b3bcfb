// `sqlcheck migrate ...` and `sqlcheck database ...` on a SQLite URL (docs/sqlite.md,
// "Migrations"): the database is a file.
#pragma once

#include <string>
#include <string_view>

#include "sqlx/sqlite/connection.hpp"

namespace sqlx::cli {

// Opens the database the URL names (as given: a missing file is an error unless mode=rwc).
[[nodiscard]] sqlite::connection open_sqlite(const std::string& url);

// Creates the file (and nothing when it exists); prints what it did.
void create_sqlite_database(const std::string& url);

// Removes the file and its -wal, -shm, -journal and -migrate-lock companions, after asking
// unless `yes`. False when the user declined.
[[nodiscard]] bool drop_sqlite_database(const std::string& url, bool yes);

}  // namespace sqlx::cli
