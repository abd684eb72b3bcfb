// Every type sqlx-cpp maps between C++ and PostgreSQL (see docs/types.md), except json/jsonb:
// <nlohmann/json.hpp> alone costs a translation unit as much compile time as everything else
// here, so "sqlx/pg/types/json.hpp" is included where it is used - by the generated
// checked-query header when a query has a json/jsonb parameter or column, or by hand.
#pragma once

#include "sqlx/pg/named_type.hpp"
#include "sqlx/pg/type_traits.hpp"
#include "sqlx/pg/types/array.hpp"
#include "sqlx/pg/types/boolean.hpp"
#include "sqlx/pg/types/bytea.hpp"
#include "sqlx/pg/types/chrono.hpp"
#include "sqlx/pg/types/common.hpp"
#include "sqlx/pg/types/enum.hpp"
#include "sqlx/pg/types/floats.hpp"
#include "sqlx/pg/types/inet.hpp"
#include "sqlx/pg/types/integers.hpp"
#include "sqlx/pg/types/interval.hpp"
#include "sqlx/pg/types/numeric.hpp"
#include "sqlx/pg/types/text.hpp"
#include "sqlx/pg/types/uuid.hpp"
#include "sqlx/pg/wire.hpp"
