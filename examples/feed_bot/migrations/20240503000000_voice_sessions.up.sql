-- Time spent in voice channels, for the leaderboard. Times are Unix seconds. A session is
-- active (leave_time NULL) until its user leaves; a user has at most one active session per
-- guild (the partial unique index).
CREATE TABLE voice_sessions (
    id INTEGER PRIMARY KEY,
    guild_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    join_time INTEGER NOT NULL,
    leave_time INTEGER,
    is_active BOOLEAN NOT NULL DEFAULT TRUE,
    CHECK (is_active = (leave_time IS NULL)),
    CHECK (leave_time IS NULL OR leave_time >= join_time)
);
CREATE UNIQUE INDEX voice_sessions_one_active
    ON voice_sessions (guild_id, user_id) WHERE is_active;
CREATE INDEX voice_sessions_by_join ON voice_sessions (guild_id, join_time);
