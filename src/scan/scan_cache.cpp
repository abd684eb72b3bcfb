#include "scan/scan_cache.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sqlx::core {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view magic = "sqlx-cpp scan cache 1";

// Each byte's source position, as text_positions keeps them: its runs.
void put_positions(std::string& out, const text_positions& positions) {
  put_number(out, static_cast<long long>(positions.size()));
  put_number(out, static_cast<long long>(positions.runs().size()));
  for (const auto& run : positions.runs()) {
    put_number(out, static_cast<long long>(run.start));
    put_number(out, run.at.line);
    put_number(out, run.at.column);
  }
}

bool read_positions(cache_reader& in, text_positions& positions) {
  const long long count = in.number();
  const long long run_count = in.number();
  if (!in.ok() || count < 0 || run_count < 0 || run_count > count) return false;
  std::vector<text_positions::run> runs(static_cast<std::size_t>(run_count));
  for (auto& run : runs) {
    const long long start = in.number();
    const long long line = in.number();
    const long long column = in.number();
    if (!in.ok() || start < 0 || line < 0 || column < 0) return false;
    run = {static_cast<std::size_t>(start),
           {static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)}};
  }
  return positions.assign(static_cast<std::size_t>(count), std::move(runs));
}

void put_position(std::string& out, source_position position) {
  put_number(out, position.line);
  put_number(out, position.column);
}

source_position read_position(cache_reader& in) {
  const auto line = static_cast<std::uint32_t>(in.number());
  return {line, static_cast<std::uint32_t>(in.number())};
}

std::string payload_of(std::span<const query_occurrence> found) {
  std::string out;
  put_number(out, static_cast<long long>(found.size()));
  for (const auto& occurrence : found) {
    put_text(out, occurrence.macro);
    put_position(out, occurrence.macro_position);
    put_position(out, occurrence.literal_position);
    put_text(out, occurrence.text);
    put_positions(out, occurrence.text_positions);
  }
  return out;
}

}  // namespace

scan_cache scan_cache::load(std::optional<fs::path> file) {
  scan_cache cache;
  if (!file) return cache;
  cache.file_ = std::move(*file);
  std::error_code ec;
  // Paths are recorded as the scan names them: relative ones are the working directory's.
  cache.identity_ =
      fmt::format("exe {}\ncwd {}", file_version("/proc/self/exe"), fs::current_path(ec).string());
  auto data = read_cache_file(cache.file_);
  if (!data) return cache;
  cache.data_ = std::move(*data);
  cache_reader in(cache.data_);
  std::unordered_map<std::string, entry> entries;
  if (in.view() != magic || in.view() != cache.identity_) return cache;
  const std::int64_t saved_ns = in.number();
  std::size_t queries = 0;
  while (in.ok() && !in.at_end()) {
    std::string path = in.text();
    entry e;
    e.stamp = read_stamp(in);
    e.payload = in.view();
    cache_reader payload(e.payload);
    queries += static_cast<std::size_t>(std::max(payload.number(), 0LL));
    entries.emplace(std::move(path), e);
  }
  if (!in.ok()) return cache;
  cache.cached_queries_ = queries;
  cache.saved_ns_ = saved_ns;
  cache.loaded_ = entries.size();
  cache.entries_ = std::move(entries);
  return cache;
}

bool scan_cache::find(const fs::path& file, const file_stamp& stamp,
                      std::vector<query_occurrence>& out) {
  const auto it = entries_.find(file.native());
  if (it == entries_.end() || it->second.stamp != stamp) return false;
  if (is_racy(stamp, saved_ns_)) {
    changed_ = true;  // saved again, later: then it is not racy any more
    return false;
  }
  cache_reader in(it->second.payload);
  const std::size_t before = out.size();
  const long long count = in.number();
  for (long long n = 0; in.ok() && n < count; ++n) {
    query_occurrence& occurrence = out.emplace_back();
    occurrence.file = file;
    occurrence.macro = in.text();
    occurrence.macro_position = read_position(in);
    occurrence.literal_position = read_position(in);
    occurrence.text = in.text();
    if (!read_positions(in, occurrence.text_positions) ||
        occurrence.text_positions.size() != occurrence.text.size()) {
      break;
    }
  }
  if (!in.ok() || !in.at_end() || out.size() - before != static_cast<std::size_t>(count) ||
      (count > 0 && out.back().text_positions.size() != out.back().text.size())) {
    out.resize(before);  // malformed: scanned anew
    return false;
  }
  it->second.used = true;
  ++hits_;
  return true;
}

void scan_cache::record(const fs::path& file, const file_stamp& stamp,
                        std::span<const query_occurrence> found) {
  if (file_.empty()) return;
  owned_.push_back(std::make_unique<std::string>(payload_of(found)));
  entries_.insert_or_assign(file.native(), entry{stamp, *owned_.back(), true});
  changed_ = true;
}

void scan_cache::save() {
  if (file_.empty()) return;
  std::size_t used = 0;
  for (const auto& [path, e] : entries_) used += e.used ? 1 : 0;
  // The usual warm run: every file found as loaded, none gone.
  if (!changed_ && used == loaded_) return;
  std::string out;
  put_text(out, magic);
  put_text(out, identity_);
  put_number(out, wall_clock_ns());  // after every stamp was taken
  for (const auto& [path, e] : entries_) {
    if (!e.used) continue;
    put_text(out, path);
    put_stamp(out, e.stamp);
    put_text(out, e.payload);
  }
  write_cache_file(file_, out);
}

}  // namespace sqlx::core
