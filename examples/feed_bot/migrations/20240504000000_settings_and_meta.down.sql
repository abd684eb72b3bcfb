DROP TABLE meta;
DROP TABLE guild_settings;
