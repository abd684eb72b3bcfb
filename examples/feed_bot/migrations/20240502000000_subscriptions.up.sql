-- Who is told about a feed: a user by direct message, or a channel of a guild. Exactly one
-- of the two shapes (the CHECK); each user and each channel is one subscriber.
CREATE TABLE subscribers (
    id INTEGER PRIMARY KEY,
    user_id TEXT UNIQUE,
    guild_id TEXT,
    channel_id TEXT,
    CHECK ((user_id IS NOT NULL AND guild_id IS NULL AND channel_id IS NULL)
        OR (user_id IS NULL AND guild_id IS NOT NULL AND channel_id IS NOT NULL)),
    UNIQUE (guild_id, channel_id)
);

CREATE TABLE subscriptions (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (subscriber_id, feed_id)
);
CREATE INDEX subscriptions_by_feed ON subscriptions (feed_id);
