// Thrown inside the analyzer when a statement's shape is not understood (a `*` over a source
// whose columns are unknown, a name SQLite resolved and we could not); caught once, in
// analyze_statement, where every answer becomes `unknown`.
#pragma once

namespace sqlx::core::sqlite {

struct analysis_failed {};

}  // namespace sqlx::core::sqlite
