// Printing findings: gcc-style lines (`file:line:col: warning: message [sqlx-vet-rule]`, as
// the compiler and query-check print) and SARIF 2.1.0 for code-scanning tools.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "scan/scanner.hpp"
#include "vet/config.hpp"
#include "vet/finding.hpp"

namespace sqlx::core::vet {

// A finding at its place in a source file.
struct reported_finding {
  std::filesystem::path file;
  source_position position;        // 1-based line, byte column (gcc's)
  std::uint32_t utf16_column = 0;  // the same column in UTF-16 code units (SARIF's default)
  finding what;
};

// `file:line:col: warning: message [sqlx-vet-rule]`, no newline.
[[nodiscard]] std::string gcc_line(const reported_finding& f);

// A SARIF 2.1.0 log of one run: the driver's rules (every rule with its configured level, and
// query-error), one result per finding.
[[nodiscard]] std::string sarif_log(std::span<const reported_finding> findings,
                                    const vet_config& config);

// A path as a SARIF artifact URI: relative paths stay relative (percent-encoded, `/`
// separators), absolute ones become file:// URIs.
[[nodiscard]] std::string artifact_uri(const std::filesystem::path& file);

// The 1-based UTF-16 column of the byte column `byte_column` of a UTF-8 line.
[[nodiscard]] std::uint32_t utf16_column(std::string_view line, std::uint32_t byte_column);

}  // namespace sqlx::core::vet
