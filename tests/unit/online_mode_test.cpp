// The one online-mode rule (core::online_database_url): SQLX_OFFLINE, DATABASE_URL from the
// environment, DATABASE_URL from a `.env` in the start directory or a parent, in every
// combination.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <optional>
#include <string>

#include "environment/database_url.hpp"
#include "support/test_cluster.hpp"

namespace {
namespace fs = std::filesystem;
using sqlx::core::offline_requested;
using sqlx::core::online_database_url;

// Sets (or, for nullopt, unsets) an environment variable for one scope.
class scoped_variable {
 public:
  scoped_variable(const char* name, const std::optional<std::string>& value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    if (value) {
      setenv(name, value->c_str(), 1);
    } else {
      unsetenv(name);
    }
  }
  ~scoped_variable() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }
  scoped_variable(const scoped_variable&) = delete;
  scoped_variable& operator=(const scoped_variable&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

constexpr const char* env_url = "postgres://env@localhost/app";
constexpr const char* dotenv_url = "postgres://dotenv@localhost/app";

struct combination {
  std::optional<std::string> offline;  // SQLX_OFFLINE
  bool url_in_environment;
  bool url_in_dotenv;
  std::optional<std::string> expected;
};

TEST(online_mode, every_combination_of_sqlx_offline_environment_and_dotenv) {
  const std::optional<std::string> none;
  const std::vector<std::optional<std::string>> offline_values = {
      none, "", "0", "false", "no", "1", "true", "TRUE", "yes"};
  for (const auto& offline : offline_values) {
    const bool is_offline = offline && (*offline == "1" || *offline == "true" ||
                                        *offline == "TRUE" || *offline == "yes");
    for (const bool in_environment : {false, true}) {
      for (const bool in_dotenv : {false, true}) {
        sqlx::test::temp_dir project;
        const fs::path nested = project.path() / "src" / "deep";
        fs::create_directories(nested);
        if (in_dotenv) {
          sqlx::test::write_file(project.path() / ".env",
                                 std::string("DATABASE_URL=") + dotenv_url + "\n");
        }
        const scoped_variable sqlx_offline("SQLX_OFFLINE", offline);
        const scoped_variable database_url(
            "DATABASE_URL", in_environment ? std::optional<std::string>(env_url) : std::nullopt);
        std::optional<std::string> expected;
        if (!is_offline) {
          if (in_environment) {
            expected = env_url;
          } else if (in_dotenv) {
            expected = dotenv_url;
          }
        }
        const std::string what = "SQLX_OFFLINE=" + offline.value_or("(unset)") +
                                 (in_environment ? ", DATABASE_URL set" : "") +
                                 (in_dotenv ? ", .env" : "");
        EXPECT_EQ(offline_requested(), is_offline) << what;
        EXPECT_EQ(online_database_url(nested), expected) << what;  // .env of a parent
        EXPECT_EQ(online_database_url(project.path()), expected) << what;
      }
    }
  }
}

TEST(online_mode, an_empty_database_url_falls_through_to_dotenv) {
  sqlx::test::temp_dir project;
  sqlx::test::write_file(project.path() / ".env", std::string("DATABASE_URL=") + dotenv_url);
  const scoped_variable sqlx_offline("SQLX_OFFLINE", std::nullopt);
  const scoped_variable database_url("DATABASE_URL", "");
  EXPECT_EQ(online_database_url(project.path()), dotenv_url);
}

TEST(online_mode, offline_never_reads_a_broken_dotenv) {
  sqlx::test::temp_dir project;
  sqlx::test::write_file(project.path() / ".env", "DATABASE_URL=\"postgres://a:pw@h/db\n");
  const scoped_variable database_url("DATABASE_URL", std::nullopt);
  {
    const scoped_variable sqlx_offline("SQLX_OFFLINE", "true");
    EXPECT_EQ(online_database_url(project.path()), std::nullopt);
  }
  const scoped_variable sqlx_offline("SQLX_OFFLINE", std::nullopt);
  EXPECT_THROW((void)online_database_url(project.path()), std::runtime_error);
}

}  // namespace
