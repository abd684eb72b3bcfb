-- Per-guild settings, and the bot's own key/value state (e.g. when it last shut down cleanly).
CREATE TABLE guild_settings (
    guild_id TEXT PRIMARY KEY,
    prefix TEXT NOT NULL DEFAULT '!',
    announce_channel TEXT
);

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
