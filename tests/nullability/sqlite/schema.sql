-- The schema of the SQLite nullability corpus (corpus.txt), modelled on a Discord bot: feeds
-- keyed by platform + source id, their items, subscribers (a DM or a guild channel), a
-- many-to-many subscriptions table, voice sessions, per-guild settings, a key/value table.
CREATE TABLE feeds (
  id INTEGER PRIMARY KEY,
  platform TEXT NOT NULL,
  source_id TEXT NOT NULL,
  name TEXT,
  last_checked DATETIME,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  UNIQUE (platform, source_id)
);
CREATE TABLE feed_items (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  feed_id INTEGER NOT NULL REFERENCES feeds (id),
  item_id TEXT NOT NULL,
  title TEXT,
  url TEXT,
  published_at INTEGER,
  UNIQUE (feed_id, item_id)
);
CREATE TABLE subscribers (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('dm', 'channel')),
  user_id INTEGER,
  guild_id INTEGER,
  channel_id INTEGER,
  joined_at INTEGER NOT NULL
);
CREATE TABLE subscriptions (
  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
  feed_id INTEGER NOT NULL REFERENCES feeds (id),
  filter TEXT,
  PRIMARY KEY (subscriber_id, feed_id)
) WITHOUT ROWID;
CREATE TABLE voice_sessions (
  id INTEGER PRIMARY KEY,
  guild_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  channel_id INTEGER NOT NULL,
  join_time INTEGER NOT NULL,
  leave_time INTEGER,
  is_active BOOLEAN NOT NULL DEFAULT 1,
  UNIQUE (guild_id, user_id, join_time)
);
CREATE TABLE guild_settings (
  guild_id INTEGER PRIMARY KEY,
  prefix TEXT NOT NULL DEFAULT '!',
  log_channel INTEGER,
  timezone TEXT,
  score REAL
);
-- A rowid table whose TEXT PRIMARY KEY is not the rowid: SQLite lets it be NULL.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
-- No declared types; an INT (not INTEGER) primary key, which may be NULL.
CREATE TABLE loose (a, b INT PRIMARY KEY, c NUMERIC);
CREATE VIEW active_sessions AS
  SELECT id, guild_id, user_id, join_time, leave_time FROM voice_sessions WHERE is_active;
CREATE VIEW feed_stats (feed_id, platform, items, last_item) AS
  SELECT f.id, f.platform, count(i.id), max(i.published_at)
  FROM feeds f LEFT JOIN feed_items i ON i.feed_id = f.id GROUP BY f.id;
CREATE VIEW channel_subscribers AS
  SELECT s.id, s.guild_id, s.channel_id, g.prefix
  FROM subscribers s LEFT JOIN guild_settings g ON g.guild_id = s.guild_id
  WHERE s.kind = 'channel';
-- A view over a view.
CREATE VIEW guild_activity AS
  SELECT guild_id, count(*) AS n FROM active_sessions GROUP BY guild_id;
