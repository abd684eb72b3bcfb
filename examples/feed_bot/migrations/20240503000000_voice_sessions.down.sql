DROP TABLE voice_sessions;
