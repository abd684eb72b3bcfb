-- Back to the previous shape (leaderboard_size is dropped), again by copying.
CREATE TABLE guild_settings_old (
    guild_id TEXT PRIMARY KEY,
    prefix TEXT NOT NULL DEFAULT '!',
    announce_channel TEXT
);
INSERT INTO guild_settings_old (guild_id, prefix, announce_channel)
    SELECT guild_id, prefix, announce_channel FROM guild_settings;
DROP TABLE guild_settings;
ALTER TABLE guild_settings_old RENAME TO guild_settings;
