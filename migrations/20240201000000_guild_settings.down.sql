DROP VIEW linked_users;
DROP TABLE guild_settings;
DROP TYPE notification_level;
