-- Discord users and the AniList accounts they link.
CREATE TABLE users (
    id              BIGSERIAL PRIMARY KEY,
    discord_user_id TEXT        NOT NULL UNIQUE,
    display_name    TEXT        NOT NULL,
    email           TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE oauth_credentials (
    discord_user_id  TEXT        PRIMARY KEY REFERENCES users (discord_user_id) ON DELETE CASCADE,
    anilist_id       BIGINT      NOT NULL,
    anilist_username TEXT,
    access_token     TEXT        NOT NULL,
    expires_at       TIMESTAMPTZ NOT NULL
);

CREATE TABLE oauth_sessions (
    state           UUID        PRIMARY KEY DEFAULT gen_random_uuid(),
    discord_user_id TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
