// Every built-in SQLite codec (docs/sqlite.md, "Types"); the table of types is
// builtin_types.hpp.
#pragma once

#include "sqlx/sqlite/builtin_types.hpp"
#include "sqlx/sqlite/types/chrono.hpp"
#include "sqlx/sqlite/types/json.hpp"
#include "sqlx/sqlite/types/scalars.hpp"
#include "sqlx/sqlite/types/uuid.hpp"
#include "sqlx/sqlite/types/vector.hpp"
