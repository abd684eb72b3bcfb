-- Adversarial data for the nullability corpus: every nullable column is NULL somewhere,
-- parents without children (so every outer join produces NULLs), groups that are empty,
-- json documents without the keys queries ask for, and an infinite timestamp.

INSERT INTO users (id, name, email, nickname, created_at, deleted_at, profile, settings, active) VALUES
  (1, 'alice', 'alice@example.com', 'al', '2024-01-01 10:00+00', NULL,
   '{"city": "Oslo", "age": 31, "tags": ["a", "b"]}', '{"theme": "dark"}', true),
  (2, 'bob', NULL, NULL, '2024-02-01 10:00+00', '2024-06-01 00:00+00', NULL, '{}', false),
  (3, 'carol', 'carol@example.com', NULL, '2024-03-01 10:00+00', NULL, '{}', '{}', true),
  (4, 'dave', NULL, 'd', 'infinity', NULL, '{"city": null}', '{"theme": null}', true);

INSERT INTO accounts (id, user_id, balance, label, opened_on, closed_on) VALUES
  (10, 1, 100.00, 'main', '2024-01-02', NULL),
  (11, 1, 0.00, NULL, '2024-01-03', '2024-05-01'),
  (12, 2, 5.50, NULL, '2024-02-02', NULL),
  (13, 3, 1.00, NULL, '2024-03-02', NULL);  -- carol: an account but no orders

INSERT INTO products (id, sku, title, description, price, discount, attrs) VALUES
  (100, 'KB-1', 'keyboard', 'a keyboard', 49.90, NULL, '{"color": "black"}'),
  (101, 'MS-1', 'mouse', NULL, 19.90, 2.00, '{}'),
  (102, 'MN-1', 'monitor', 'a monitor', 199.00, NULL, '{"size": 27}'),
  (103, 'CB-1', 'cable', NULL, 4.90, NULL, '{}');  -- never ordered, never tagged

INSERT INTO orders (id, user_id, status, total, note, created_at, shipped_at, meta) VALUES
  (1000, 1, 'paid', 69.80, NULL, '2024-04-01 12:00+00', NULL, NULL),
  (1001, 1, 'shipped', 199.00, 'leave at door', '2024-04-02 12:00+00', '2024-04-03 12:00+00',
   '{"gift": true, "channel": "web"}'),
  (1002, NULL, 'pending', 19.90, NULL, '2024-04-03 12:00+00', NULL, '{"channel": "phone"}'),
  (1003, 2, 'cancelled', 49.90, 'changed mind', '2024-04-04 12:00+00', NULL, '{}'),
  (1004, 4, 'pending', 0.00, NULL, '2024-04-05 12:00+00', NULL, NULL);  -- no items

INSERT INTO order_items (order_id, product_id, quantity, unit_price, gift_message) VALUES
  (1000, 100, 1, 49.90, NULL),
  (1000, 101, 1, 19.90, 'enjoy'),
  (1001, 102, 1, 199.00, NULL),
  (1002, 101, 1, 19.90, NULL),
  (1003, 100, 1, 49.90, NULL);

INSERT INTO tags (id, name, parent_id, color) VALUES
  (1, 'hardware', NULL, 'grey'),
  (2, 'input', 1, NULL),
  (3, 'pointing', 2, 'blue'),
  (4, 'sale', NULL, NULL);  -- no products

INSERT INTO product_tags (product_id, tag_id) VALUES
  (100, 2), (101, 2), (101, 3), (102, 1);

INSERT INTO audit.events (id, user_id, action, detail) VALUES
  (1, 1, 'login', '{"ip": "10.0.0.1"}'),
  (2, NULL, 'signup_failed', NULL),
  (3, 9, 'login', '{}');  -- a user id with no users row

INSERT INTO "Audit Log" ("Id", "Note", "it's") VALUES (1, NULL, 'a'), (2, 'x', 'b');

REFRESH MATERIALIZED VIEW product_sales;
ANALYZE;
INSERT INTO scrubbed (id, note) VALUES (5, 'x');
INSERT INTO readings VALUES (1, 'north', 'n', 'k'), (2, 'south', NULL, NULL);
INSERT INTO plain_readings VALUES (1, 'north', 'n', 'k');
INSERT INTO ledger VALUES (1, 'l', 'k');
INSERT INTO ledger_archive VALUES (2, 'a', 'k');
INSERT INTO shipments VALUES (1, ROW('Main St', 'Oslo'), NULL), (2, ROW(NULL, 'Rome'), ROW('x', NULL)),
  (3, ROW('Side St', NULL), ROW(NULL, 'Bern'));
INSERT INTO ledger_lines_old VALUES (1, 987654);
INSERT INTO ledger_lines SELECT 2, min(id) FROM users;
