// `sqlcheck vet`'s driver: lints query texts against a live PostgreSQL database. Per text:
// the generic plan (which also validates the text on the server), the parse tree, then every
// rule that is not off; findings silenced by a directive in the text's SQL comments are
// dropped here (a C++ comment's directive belongs to one occurrence: the command drops those).
#pragma once

#include <span>
#include <string>
#include <vector>

#include "sqlx/pg/connection.hpp"
#include "vet/config.hpp"
#include "vet/finding.hpp"

namespace sqlx::core::vet {

// One list of findings per text, in order, each with its configured level. A text the server
// rejects gets one `query-error` finding (an error) at the server's position. Throws the
// runtime's connection_error when the connection fails.
[[nodiscard]] std::vector<std::vector<finding>> vet_queries(pg::connection& conn,
                                                            std::span<const std::string> texts,
                                                            const vet_config& config);

}  // namespace sqlx::core::vet
