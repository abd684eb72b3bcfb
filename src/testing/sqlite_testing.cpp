#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "sqlx/detail/fnv1a.hpp"
#include "sqlx/testing_sqlite.hpp"

namespace sqlx::testing {
namespace fs = std::filesystem;
namespace {

std::uint64_t fingerprint(const migrator& migrations) {
  std::uint64_t hash = sqlx::detail::fnv1a_offset_basis;
  auto mix = [&](const void* data, std::size_t size) {
    hash = sqlx::detail::fnv1a(static_cast<const unsigned char*>(data), size, hash);
  };
  for (const auto& m : migrations.migrations()) {
    mix(&m.version, sizeof m.version);
    mix(&m.type, sizeof m.type);
    mix(m.checksum.data(), m.checksum.size());
  }
  return hash;
}

// Held while the template is made: other processes wait, then find it complete.
class template_lock {
 public:
  explicit template_lock(const std::string& path)
      : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ < 0) throw error("sqlx::testing: cannot open " + path);
    while (::flock(fd_, LOCK_EX) != 0) {
      if (errno != EINTR) {
        ::close(fd_);
        throw error("sqlx::testing: cannot lock " + path);
      }
    }
  }
  ~template_lock() { ::close(fd_); }
  template_lock(const template_lock&) = delete;
  template_lock& operator=(const template_lock&) = delete;

 private:
  int fd_;
};

std::string ensure_template(const migrator& migrations) {
  char name[64];
  std::snprintf(name, sizeof name, "sqlx-cpp-sqlite-template-%016llx.db",
                static_cast<unsigned long long>(fingerprint(migrations)));
  const fs::path file = fs::temp_directory_path() / name;
  std::error_code ec;
  if (fs::exists(file, ec)) return file.string();
  const template_lock lock(file.string() + ".lock");
  if (fs::exists(file, ec)) return file.string();
  const std::string building = file.string() + ".building";
  for (const char* suffix : {"", "-wal", "-shm", "-journal", "-migrate-lock"}) {
    fs::remove(building + suffix, ec);
  }
  try {
    {
      auto conn = sqlite::connect_options{}.filename(building).create_if_missing(true).connect();
      (void)migrations.run(conn);
    }  // closed: a WAL file is checkpointed into the main file
    fs::remove(building + "-migrate-lock", ec);
    fs::rename(building, file);
  } catch (...) {
    fs::remove(building, ec);
    throw;
  }
  return file.string();
}

}  // namespace

sqlite_test_database sqlite_test_database::create(const migrator& migrations) {
  const std::string template_file = ensure_template(migrations);
  std::string pattern = (fs::temp_directory_path() / "sqlx-cpp-sqlite-test-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw error("sqlx::testing: mkdtemp failed");
  const std::string file = (fs::path(pattern) / "test.db").string();
  fs::copy_file(template_file, file);
  return sqlite_test_database(pattern, file);
}

sqlite_test_database::sqlite_test_database(std::string dir, std::string file)
    : dir_(std::move(dir)), file_(std::move(file)), url_("sqlite://" + file_) {}

sqlite_test_database::sqlite_test_database(sqlite_test_database&& other) noexcept
    : dir_(std::move(other.dir_)), file_(std::move(other.file_)), url_(std::move(other.url_)) {
  other.dir_.clear();
}

sqlite_test_database::~sqlite_test_database() {
  if (dir_.empty()) return;
  std::error_code ec;
  fs::remove_all(dir_, ec);
}

void sqlite_database_test::SetUp() {
  database_.emplace(sqlite_test_database::create(migrations()));
  connection_.emplace(sqlite::connection::connect(database_->url()));
}

void sqlite_database_test::TearDown() {
  connection_.reset();
  database_.reset();
}

sqlite::connection& sqlite_database_test::connection() {
  return *connection_;
}
const std::string& sqlite_database_test::url() const {
  return database_->url();
}

}  // namespace sqlx::testing
