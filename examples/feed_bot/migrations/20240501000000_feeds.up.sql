-- Feeds the bot follows (a YouTube channel, a Twitch streamer, an RSS URL), one row per
-- (platform, source id), and the items seen on them (so each is announced once).
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    source_id TEXT NOT NULL,
    title TEXT NOT NULL,
    last_checked INTEGER,
    UNIQUE (platform, source_id)
);

CREATE TABLE feed_items (
    id INTEGER PRIMARY KEY,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    item_key TEXT NOT NULL,
    title TEXT NOT NULL,
    published_at INTEGER NOT NULL,
    UNIQUE (feed_id, item_key)
);
