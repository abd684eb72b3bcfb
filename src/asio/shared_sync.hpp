// Which statements may share a Sync segment of the pipeline with other operations' statements
// (shared_sync.cpp; docs/async.md, "Pipelining").
#pragma once

#include <string_view>

namespace sqlx::pg::detail {

// Whether `sql` is a plain read that may share a Sync segment with other operations' commands;
// false whenever unsure.
[[nodiscard]] bool may_share_sync(std::string_view sql) noexcept;

}  // namespace sqlx::pg::detail
