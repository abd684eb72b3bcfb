// The caches that let a warm `sqlcheck prepare` skip work (docs/prepare.md "The caches"):
// the output cache trusts an up-to-date file by its description's digest and its stat stamp
// (not rendered, not read), the scan cache reuses the queries of an unchanged source file.
// Whatever they hold, the files are the ones a run without them writes, and any change to a
// file in .sqlx-cpp/ or to a source is seen. SQLX_CPP_PREPARE_TIMING=1 makes sqlcheck say how
// many files it trusted and rendered: that is what these tests observe.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <regex>
#include <thread>

#include "server/process.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::test::read_file;
using sqlx::test::write_file;

constexpr std::string_view schema = R"sql(
  CREATE TABLE users (id bigserial PRIMARY KEY, name text NOT NULL, email text);
  CREATE TYPE mood AS ENUM ('ok', 'sad');
  CREATE TABLE notes (id bigserial PRIMARY KEY, user_id bigint REFERENCES users, m mood);
)sql";

struct counts {
  int trusted = -1;
  int rendered = -1;
};

class prepare_cache_test : public ::testing::Test {
 protected:
  void SetUp() override {
    url_ =
        sqlx::test::fresh_database(::testing::UnitTest::GetInstance()->current_test_info()->name());
    sqlx::pg::connection::connect(url_).execute(std::string(schema));
  }

  // `count` distinct queries in `count / 10 + 1` source files.
  void write_sources(std::size_t count) const {
    std::map<std::size_t, std::string> bodies;
    for (std::size_t i = 0; i < count; ++i) {
      constexpr std::string_view by_id =
          "auto q{0} = SQLX_QUERY(\"SELECT id, name, email FROM users WHERE id = {0}\");\n";
      constexpr std::string_view joined =
          "auto q{0} = SQLX_QUERY(\"SELECT n.m, u.name FROM notes n LEFT JOIN users u ON u.id = "
          "n.user_id LIMIT {0}\");\n";
      bodies[i / 10] += fmt::format(fmt::runtime(i % 2 == 0 ? by_id : joined), i + 1);
    }
    for (const auto& [file, body] : bodies) {
      write_file(project_.path() / "src" / fmt::format("f{}.cpp", file), body);
    }
  }

  [[nodiscard]] sqlx::core::process_result prepare(std::vector<std::string> args = {},
                                                   const std::string& out = "out") const {
    std::vector<std::string> argv{"env",
                                  "-C",
                                  project_.path().string(),
                                  "XDG_CACHE_HOME=" + (project_.path() / "cache").string(),
                                  "SQLX_CPP_PREPARE_TIMING=1",
                                  SQLX_CPP_SQLCHECK,
                                  "prepare",
                                  "-D",
                                  url_,
                                  "--source",
                                  "src",
                                  "--out",
                                  out};
    argv.insert(argv.end(), args.begin(), args.end());
    return sqlx::core::run_process(argv);
  }

  [[nodiscard]] static counts counts_of(const sqlx::core::process_result& r) {
    static const std::regex files(R"(timing: files: (\d+) trusted, (\d+) rendered)");
    std::smatch m;
    counts c;
    if (std::regex_search(r.output, m, files)) {
      c.trusted = std::stoi(m[1]);
      c.rendered = std::stoi(m[2]);
    }
    return c;
  }

  [[nodiscard]] std::map<std::string, std::string> snapshot(const std::string& out = "out") const {
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::directory_iterator(project_.path() / out)) {
      files[entry.path().filename().string()] = read_file(entry.path());
    }
    return files;
  }

  // Runs prepare until a run trusts every file: the first run after files were written may
  // find some written within a clock tick of the cache's save ("racy"), which it compares in
  // full and records again; the run after that trusts them. Returns that last run's counts.
  [[nodiscard]] counts settle() const {
    for (int run = 0; run < 3; ++run) {
      // Past the tick of the file system's clock (20 ms is what core::is_racy allows).
      std::this_thread::sleep_for(std::chrono::milliseconds(30));
      const auto r = prepare();
      EXPECT_EQ(r.exit_code, 0) << r.output;
      const counts c = counts_of(r);
      if (c.rendered == 0) return c;
    }
    return {};
  }

  sqlx::test::temp_dir project_;
  std::string url_;
};

// A cold run writes every file at once; the cache waits out the clock tick before it is
// saved, so the very next run (no pause in between) finds none of them racy. (It waits from 16
// racy files: 200 files leave at least that many in the last 20 ms unless writing one takes
// over a millisecond.)
TEST_F(prepare_cache_test, the_run_after_a_cold_run_trusts_every_file) {
  write_sources(200);
  const auto cold = prepare();
  ASSERT_EQ(cold.exit_code, 0) << cold.output;
  EXPECT_EQ(counts_of(cold).rendered, 200);
  const auto next = prepare();
  ASSERT_EQ(next.exit_code, 0) << next.output;
  EXPECT_EQ(counts_of(next).trusted, 200) << next.output;
  EXPECT_EQ(counts_of(next).rendered, 0) << next.output;
}

TEST_F(prepare_cache_test, an_up_to_date_directory_is_trusted_not_rendered) {
  write_sources(20);
  const auto first = prepare();
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const counts cold = counts_of(first);
  EXPECT_EQ(cold.trusted, 0);
  EXPECT_EQ(cold.rendered, 20);
  const auto files = snapshot();
  ASSERT_EQ(files.size(), 20u);

  const counts warm = settle();
  EXPECT_EQ(warm.trusted, 20);
  EXPECT_EQ(warm.rendered, 0);
  EXPECT_TRUE(snapshot() == files);

  // --check trusts them too, and is still right.
  const auto check = prepare({"--check"});
  EXPECT_EQ(check.exit_code, 0) << check.output;
  EXPECT_EQ(counts_of(check).trusted, 20);

  // Byte-identical to a run without any cache.
  ASSERT_EQ(prepare({"--no-cache"}, "fresh").exit_code, 0);
  EXPECT_TRUE(snapshot("fresh") == files);
}

TEST_F(prepare_cache_test, a_file_edited_by_hand_is_compared_and_rewritten) {
  write_sources(20);
  ASSERT_EQ(prepare().exit_code, 0);
  ASSERT_EQ(settle().trusted, 20);
  const auto files = snapshot();

  // Same size, other bytes: only its stamp (mtime, ctime) tells.
  const fs::path victim = project_.path() / "out" / files.begin()->first;
  std::string edited = files.begin()->second;
  const auto at = edited.find("\"name\"");
  ASSERT_NE(at, std::string::npos);
  edited[at + 1] = 'N';
  ASSERT_EQ(edited.size(), files.begin()->second.size());
  write_file(victim, edited);

  const auto check = prepare({"--check"});
  EXPECT_EQ(check.exit_code, 1) << check.output;
  EXPECT_NE(check.output.find("changed: "), std::string::npos) << check.output;
  EXPECT_EQ(counts_of(check).trusted, 19);

  const auto fix = prepare();
  EXPECT_EQ(fix.exit_code, 0) << fix.output;
  EXPECT_NE(fix.output.find("(0 new, 1 changed, 0 removed)"), std::string::npos) << fix.output;
  EXPECT_EQ(read_file(victim), files.begin()->second);
  EXPECT_TRUE(snapshot() == files);
}

TEST_F(prepare_cache_test, deleted_and_stale_files_are_still_handled) {
  write_sources(20);
  ASSERT_EQ(prepare().exit_code, 0);
  ASSERT_EQ(settle().trusted, 20);
  const auto files = snapshot();

  fs::remove(project_.path() / "out" / files.begin()->first);
  const auto r = prepare();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("(1 new, 0 changed, 0 removed)"), std::string::npos) << r.output;
  EXPECT_TRUE(snapshot() == files);

  // A query removed from the sources: its file goes, the others are kept.
  fs::remove(project_.path() / "src" / "f1.cpp");
  const auto fewer = prepare();
  EXPECT_EQ(fewer.exit_code, 0) << fewer.output;
  EXPECT_NE(fewer.output.find("prepared 10 queries"), std::string::npos) << fewer.output;
  EXPECT_EQ(snapshot().size(), 10u);
}

TEST_F(prepare_cache_test, an_edited_source_is_scanned_again) {
  write_sources(20);
  ASSERT_EQ(prepare().exit_code, 0);
  ASSERT_EQ(settle().trusted, 20);
  const fs::path source = project_.path() / "src" / "f0.cpp";
  const std::string before = read_file(source);
  const auto mtime = fs::last_write_time(source);

  // The same size and, set back by hand, the same mtime: the ctime still tells (it cannot be
  // set back), so the file is read again and its new query found.
  std::string after = before;
  const auto at = after.find("id = 1\")");
  ASSERT_NE(at, std::string::npos) << before;
  after.replace(at, 6, "id = 0");
  ASSERT_EQ(after.size(), before.size());
  write_file(source, after);
  fs::last_write_time(source, mtime);

  const auto r = prepare();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("(1 new, 0 changed, 1 removed)"), std::string::npos) << r.output;
  ASSERT_EQ(prepare({"--no-cache"}, "fresh").exit_code, 0);
  EXPECT_TRUE(snapshot() == snapshot("fresh"));
}

TEST_F(prepare_cache_test, no_cache_neither_trusts_nor_writes_the_caches) {
  write_sources(20);
  ASSERT_EQ(prepare().exit_code, 0);
  ASSERT_EQ(settle().trusted, 20);
  const fs::path cache_dir = project_.path() / "cache" / "sqlx-cpp";
  std::map<std::string, std::string> caches;
  for (const auto& entry : fs::directory_iterator(cache_dir)) {
    caches[entry.path().filename().string()] = read_file(entry.path());
  }
  ASSERT_EQ(caches.size(), 3u);  // nullability, output, scan

  write_sources(21);  // one more query, in f2.cpp
  const auto r = prepare({"--no-cache"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  const counts c = counts_of(r);
  EXPECT_EQ(c.trusted, 0);
  EXPECT_EQ(c.rendered, 21);
  std::map<std::string, std::string> after;
  for (const auto& entry : fs::directory_iterator(cache_dir)) {
    after[entry.path().filename().string()] = read_file(entry.path());
  }
  EXPECT_TRUE(after == caches);
}

TEST_F(prepare_cache_test, damaged_caches_are_ignored) {
  write_sources(20);
  ASSERT_EQ(prepare().exit_code, 0);
  ASSERT_EQ(settle().trusted, 20);
  const auto files = snapshot();
  const fs::path cache_dir = project_.path() / "cache" / "sqlx-cpp";
  for (const auto& entry : fs::directory_iterator(cache_dir)) {
    const std::string content = read_file(entry.path());
    write_file(entry.path(), content.substr(0, content.size() / 2) + "9999 x");
  }
  // A source changed meanwhile: the damaged scan cache must not hide it.
  write_sources(21);
  const auto r = prepare();
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(counts_of(r).trusted, 0);
  EXPECT_NE(r.output.find("(1 new, 0 changed, 0 removed)"), std::string::npos) << r.output;
  ASSERT_EQ(prepare({"--no-cache"}, "fresh").exit_code, 0);
  EXPECT_TRUE(snapshot() == snapshot("fresh"));
}

TEST_F(prepare_cache_test, a_server_error_points_at_the_same_character_from_the_scan_cache) {
  // Two literals, a line break and an escape before the error: the positions are runs.
  write_file(project_.path() / "src" / "bad.cpp",
             "auto q = SQLX_QUERY(\"SELECT id, \"\n"
             "                    \"\\tname, nope FROM users\");\n");
  const auto first = prepare();
  ASSERT_EQ(first.exit_code, 1) << first.output;
  EXPECT_NE(first.output.find("src/bad.cpp:2:30: error: column \"nope\" does not exist"),
            std::string::npos)
      << first.output;
  static const std::regex sources(R"(timing: sources: (\d+) from the scan cache)");
  for (int run = 0; run < 3; ++run) {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));  // past the racy tick
    const auto again = prepare();
    ASSERT_EQ(again.exit_code, 1) << again.output;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(again.output, m, sources)) << again.output;
    if (m[1] != "1") continue;  // read again: the first run's stamp was racy
    const auto errors = [](const std::string& output) {
      std::string lines;
      for (std::size_t at = 0; (at = output.find("src/bad.cpp:", at)) != std::string::npos;) {
        const std::size_t end = output.find('\n', at);
        lines += output.substr(at, end - at) + "\n";
        at = end;
      }
      return lines;
    };
    EXPECT_EQ(errors(again.output), errors(first.output));
    return;
  }
  ADD_FAILURE() << "the unchanged source was never taken from the scan cache";
}

}  // namespace
