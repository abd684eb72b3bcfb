-- Adversarial data for corpus.txt: every nullable column is NULL somewhere, a feed without
-- items, an item whose feed is gone (foreign keys are off, as in SQLite by default), a
-- subscriber without subscriptions, a NULL primary key where SQLite allows one, a zero to
-- divide by.
INSERT INTO feeds (id, platform, source_id, name, last_checked, created_at) VALUES
  (1, 'youtube', 'UC1', 'Chan One', '2024-01-01 10:00:00', '2023-01-01 00:00:00'),
  (2, 'twitch', 'tw2', NULL, NULL, '2023-02-01 00:00:00'),
  (3, 'rss', 'https://x/feed', 'Blog', NULL, '2023-03-01 00:00:00');
INSERT INTO feed_items (id, feed_id, item_id, title, url, published_at) VALUES
  (1, 1, 'v1', 'First', 'https://y/v1', 1700000000),
  (2, 1, 'v2', NULL, NULL, NULL),
  (3, 2, 's1', 'Stream', 'https://t/s1', 1700000500),
  (4, 99, 'orphan', 'Orphan', NULL, 1700000900);
INSERT INTO subscribers (id, kind, user_id, guild_id, channel_id, joined_at) VALUES
  (1, 'dm', 1001, NULL, NULL, 1690000000),
  (2, 'channel', NULL, 500, 600, 1690000100),
  (3, 'channel', NULL, 501, 601, 1690000200),
  (4, 'dm', 1002, NULL, NULL, 0);
INSERT INTO subscriptions (subscriber_id, feed_id, filter) VALUES
  (1, 1, NULL), (2, 1, 'live'), (2, 2, NULL), (3, 99, 'x'), (9, 2, NULL);
INSERT INTO voice_sessions (id, guild_id, user_id, channel_id, join_time, leave_time, is_active)
VALUES
  (1, 500, 1001, 700, 1000, 1600, 0),
  (2, 500, 1002, 700, 1200, NULL, 1),
  (3, 500, 1001, 701, 2000, 2600, 0),
  (4, 501, 1003, 702, 1500, NULL, 1),
  (5, 500, 1002, 700, 500, 900, 0);
INSERT INTO guild_settings (guild_id, prefix, log_channel, timezone, score) VALUES
  (500, '!', 800, 'Europe/Paris', 1.5),
  (502, '?', NULL, NULL, NULL);
INSERT INTO meta (key, value) VALUES ('version', '3'), ('empty', NULL), (NULL, 'nokey');
INSERT INTO loose (a, b, c) VALUES (1, 1, 1), ('x', NULL, NULL), (NULL, 2, 'n/a');
