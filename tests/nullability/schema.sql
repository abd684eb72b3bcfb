-- The schema of the nullability corpus: an ordinary shop, with nullable and NOT NULL columns
-- side by side, json columns, an enum, views with outer joins, a view over a view, a
-- materialized view, a second schema and a dropped column (so attnum != position).

CREATE TYPE order_status AS ENUM ('pending', 'paid', 'shipped', 'cancelled');

CREATE TABLE users (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  legacy_code int,            -- dropped below: later columns keep their attnum
  email text,
  nickname text,
  created_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  profile jsonb,
  settings jsonb NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true
);
ALTER TABLE users DROP COLUMN legacy_code;

CREATE TABLE accounts (
  id bigint PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  balance numeric(12, 2) NOT NULL,
  label text,
  opened_on date NOT NULL,
  closed_on date
);

CREATE TABLE products (
  id bigint PRIMARY KEY,
  sku text NOT NULL UNIQUE,
  title text NOT NULL,
  description text,
  price numeric(10, 2) NOT NULL,
  discount numeric(10, 2),
  attrs jsonb NOT NULL DEFAULT '{}'
);

CREATE TABLE orders (
  id bigint PRIMARY KEY,
  user_id bigint REFERENCES users (id),  -- NULL for guest checkouts
  status order_status NOT NULL,
  total numeric(12, 2) NOT NULL,
  note text,
  created_at timestamptz NOT NULL,
  shipped_at timestamptz,
  meta json
);

CREATE TABLE order_items (
  order_id bigint NOT NULL REFERENCES orders (id),
  product_id bigint NOT NULL REFERENCES products (id),
  quantity int NOT NULL,
  unit_price numeric(10, 2) NOT NULL,
  gift_message text,
  PRIMARY KEY (order_id, product_id)
);

CREATE TABLE tags (
  id int PRIMARY KEY,
  name text NOT NULL,
  parent_id int REFERENCES tags (id),
  color text
);

CREATE TABLE product_tags (
  product_id bigint NOT NULL REFERENCES products (id),
  tag_id int NOT NULL REFERENCES tags (id),
  PRIMARY KEY (product_id, tag_id)
);

CREATE SCHEMA audit;
CREATE TABLE audit.events (
  id bigint PRIMARY KEY,
  user_id bigint,
  action text NOT NULL,
  detail jsonb
);

-- Every user, with their orders if any: order columns are NULL for users without orders.
CREATE VIEW user_orders AS
  SELECT u.id AS user_id, u.name, u.email, o.id AS order_id, o.total, o.status
  FROM users u LEFT JOIN orders o ON o.user_id = u.id;

-- A view over a view, with aggregates.
CREATE VIEW user_totals AS
  SELECT user_id, name, count(order_id) AS order_count, sum(total) AS spent
  FROM user_orders
  GROUP BY user_id, name;

-- A filtering view: its NOT NULL columns stay NOT NULL.
CREATE VIEW live_users AS
  SELECT id, name, email, coalesce(nickname, name) AS display_name
  FROM users
  WHERE deleted_at IS NULL;

-- A view in another schema over tables of both: its definition names them qualified.
CREATE VIEW audit.user_events AS
  SELECT e.id, e.action, u.name
  FROM audit.events e LEFT JOIN users u ON u.id = e.user_id;

-- Names that need quoting all the way through catalog loading.
CREATE TABLE "Audit Log" ("Id" bigint PRIMARY KEY, "Note" text, "it's" text NOT NULL);

CREATE MATERIALIZED VIEW product_sales AS
  SELECT p.id, p.title, count(oi.order_id) AS sold, max(oi.unit_price) AS top_price
  FROM products p LEFT JOIN order_items oi ON oi.product_id = p.id
  GROUP BY p.id, p.title;

-- A user-defined function: never NULL for a non-NULL argument, but nothing in the catalog
-- says so - inference must answer "unknown" for it.
CREATE FUNCTION shout(text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT upper($1) || '!' $$;

-- A BEFORE ROW trigger that rewrites what INSERT and UPDATE write: RETURNING shows its NULL.
CREATE TABLE scrubbed (id bigint PRIMARY KEY, note text, kept text DEFAULT 'k');
CREATE FUNCTION scrub() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN NEW.note := NULL; NEW.kept := NULL; RETURN NEW; END $$;
CREATE TRIGGER scrub BEFORE INSERT OR UPDATE ON scrubbed FOR EACH ROW EXECUTE FUNCTION scrub();

-- A partitioned table whose partition (not the parent) has a BEFORE ROW trigger, and an
-- inheritance parent whose child has one: a row routed to the partition, or an UPDATE of the
-- parent reaching the child's rows, comes back through RETURNING as the trigger left it.
CREATE TABLE readings (id bigint NOT NULL, region text NOT NULL, note text, kept text DEFAULT 'k')
  PARTITION BY LIST (region);
CREATE TABLE readings_north PARTITION OF readings FOR VALUES IN ('north');
CREATE TABLE readings_south PARTITION OF readings FOR VALUES IN ('south');
CREATE TRIGGER scrub BEFORE INSERT OR UPDATE ON readings_south FOR EACH ROW
  EXECUTE FUNCTION scrub();
CREATE TABLE plain_readings (id bigint NOT NULL, region text NOT NULL, note text, kept text DEFAULT 'k')
  PARTITION BY LIST (region);
CREATE TABLE plain_readings_all PARTITION OF plain_readings DEFAULT;
CREATE TABLE ledger (id bigint NOT NULL, note text, kept text DEFAULT 'k');
CREATE TABLE ledger_archive () INHERITS (ledger);
CREATE TRIGGER scrub BEFORE UPDATE ON ledger_archive FOR EACH ROW EXECUTE FUNCTION scrub();

-- A composite column: its fields can be NULL even when the column itself is NOT NULL.
CREATE TYPE postal AS (street text, city text);
CREATE TABLE shipments (id bigint PRIMARY KEY, dest postal NOT NULL, alt postal);

-- Inheritance children do not inherit their parent's foreign keys: a LEFT JOIN along the
-- parent's key can find no row for a child's row.
CREATE TABLE ledger_lines (id bigint NOT NULL, user_id bigint NOT NULL REFERENCES users (id));
CREATE TABLE ledger_lines_old () INHERITS (ledger_lines);
