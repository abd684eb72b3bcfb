-- no-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS t_idx ON t (id);
