-- A prefix of 1 to 5 characters and a bounded leaderboard size. SQLite's ALTER TABLE cannot
-- add a constraint to an existing column, so the table is recreated and its rows copied
-- (https://www.sqlite.org/lang_altertable.html, "Making Other Kinds Of Table Schema Changes").
-- The migration runs in one transaction, so a row violating the new CHECK aborts it whole.
-- (No foreign key refers to guild_settings; for a referenced table, DROP TABLE would run the
-- ON DELETE actions, and foreign keys must be turned off outside the transaction first.)
CREATE TABLE guild_settings_new (
    guild_id TEXT PRIMARY KEY,
    prefix TEXT NOT NULL DEFAULT '!' CHECK (length(prefix) BETWEEN 1 AND 5),
    announce_channel TEXT,
    leaderboard_size INTEGER NOT NULL DEFAULT 10 CHECK (leaderboard_size BETWEEN 1 AND 25)
);
INSERT INTO guild_settings_new (guild_id, prefix, announce_channel)
    SELECT guild_id, prefix, announce_channel FROM guild_settings;
DROP TABLE guild_settings;
ALTER TABLE guild_settings_new RENAME TO guild_settings;
