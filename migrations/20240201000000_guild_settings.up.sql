-- Per-guild settings of the bot.
CREATE TYPE notification_level AS ENUM ('all', 'mentions', 'none');

CREATE TABLE guild_settings (
    guild_id        TEXT               PRIMARY KEY,
    notifications   notification_level NOT NULL DEFAULT 'mentions',
    announce_channel TEXT,
    score_format    TEXT               NOT NULL DEFAULT 'POINT_100',
    features        TEXT[]             NOT NULL DEFAULT '{}',
    extra           JSONB
);

CREATE VIEW linked_users AS
SELECT u.discord_user_id, u.display_name, c.anilist_id, c.anilist_username
FROM users u
LEFT JOIN oauth_credentials c ON c.discord_user_id = u.discord_user_id;
