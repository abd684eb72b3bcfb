// Running one migration's SQL and explaining its failure (docs/migrations.md).
#pragma once

#include "sqlx/migrate.hpp"

namespace sqlx::pg::detail {

// Runs `m`'s SQL on `conn`: a transactional migration as one simple query (inside the BEGIN the
// caller sent), a `-- no-transaction` one statement by statement as psql runs a file (a
// multi-statement simple query would be an implicit transaction, where CREATE INDEX
// CONCURRENTLY and the like cannot run). On a server error, rolls back an open transaction and
// throws migration_failed_error naming the file, the line and column, what took effect and,
// when the name of an INVALID index was taken, how to drop it. `down`: a revert.
void run_migration_sql(connection& conn, const migration& m, bool down);

}  // namespace sqlx::pg::detail
