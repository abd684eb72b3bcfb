-- The schema of the runtime and compile-time benchmarks (bench/runtime_bench.cpp,
-- bench/compile_time.sh). Applied as a migration by `sqlcheck prepare --temp-db` to create
-- bench/.sqlx-cpp/, and by runtime_bench to its throwaway server.
CREATE TABLE bench_rows (
    id         INT8        PRIMARY KEY,
    name       TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    note       TEXT,
    score      FLOAT8      NOT NULL
);
