// Which statement texts may share a Sync segment on an async connection: plain reads only, and
// "no" whenever unsure (src/asio/shared_sync.cpp).
#include "shared_sync.hpp"

#include <gtest/gtest.h>

using sqlx::pg::detail::may_share_sync;

TEST(shared_sync, plain_reads_share) {
  EXPECT_TRUE(may_share_sync("SELECT id FROM users WHERE id = $1"));
  EXPECT_TRUE(may_share_sync("  select 1"));
  EXPECT_TRUE(may_share_sync("-- the users\n/* all */ (SELECT 1) UNION (SELECT 2)"));
  EXPECT_TRUE(may_share_sync("VALUES (1), (2)"));
  EXPECT_TRUE(may_share_sync("TABLE users"));
  // Words in strings, quoted names and dollar quotes are not keywords.
  EXPECT_TRUE(may_share_sync("SELECT 'for update', \"into\" FROM t"));
  EXPECT_TRUE(may_share_sync("SELECT $$ into $$, $tag$ for share $tag$, $1"));
  EXPECT_TRUE(may_share_sync("SELECT 'it''s', 1 -- into\n"));
  EXPECT_TRUE(may_share_sync("SELECT E'it\\' into', 1"));
}

TEST(shared_sync, anything_else_keeps_a_segment_of_its_own) {
  EXPECT_FALSE(may_share_sync("INSERT INTO users VALUES (1)"));
  EXPECT_FALSE(may_share_sync("UPDATE users SET x = 1"));
  EXPECT_FALSE(may_share_sync("DELETE FROM users"));
  EXPECT_FALSE(may_share_sync("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"));
  EXPECT_FALSE(may_share_sync("-- SELECT\nDELETE FROM t"));
  EXPECT_FALSE(may_share_sync("/* SELECT */ VACUUM"));
  // Comments nest: the DELETE is the first word.
  EXPECT_FALSE(may_share_sync("/* a /* nested */ SELECT */ DELETE FROM t"));
  EXPECT_FALSE(may_share_sync("SELECT * INTO copy FROM users"));
  EXPECT_FALSE(may_share_sync("SELECT * FROM users FOR UPDATE"));
  EXPECT_FALSE(may_share_sync("select * from users for no key update"));
  EXPECT_FALSE(may_share_sync("SELECT * FROM users FOR SHARE SKIP LOCKED"));
  EXPECT_FALSE(may_share_sync("SELECT * FROM users FOR KEY SHARE"));
  EXPECT_FALSE(may_share_sync("BEGIN"));
  EXPECT_FALSE(may_share_sync(""));
  EXPECT_FALSE(may_share_sync("SELECTED"));
}
