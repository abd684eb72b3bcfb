-- The SQLite schema of query-check's SQLite cases (cases/sqlite/, cases/sqlite_live/): the
-- test applies it to a real database file and prepares the cases' queries on it.
CREATE TABLE feeds (
    id INTEGER PRIMARY KEY,
    platform TEXT NOT NULL,
    source_id TEXT NOT NULL,
    title TEXT,
    score REAL NOT NULL DEFAULT 0
);
