-- Adversarial data for the zero2prod queries: every nullable column NULL somewhere.
INSERT INTO users VALUES
  ('00000000-0000-0000-0000-000000000001', 'alice', 'hash-a'),
  ('00000000-0000-0000-0000-000000000002', 'bob', 'hash-b');
-- An idempotency key saved before the response is known: every response_* column NULL.
INSERT INTO idempotency VALUES
  ('00000000-0000-0000-0000-000000000001', 'pending', NULL, NULL, NULL, '2024-01-01'),
  ('00000000-0000-0000-0000-000000000001', 'done', 200, ARRAY[ROW('h', NULL)::header_pair, NULL], '\x00', '2024-01-01');
INSERT INTO newsletter_issues VALUES
  ('10000000-0000-0000-0000-000000000001', 'title', 'text', '<p>html</p>', '2024-01-01');
INSERT INTO issue_delivery_queue VALUES ('10000000-0000-0000-0000-000000000001', 'a@example.com');
INSERT INTO subscriptions VALUES
  ('20000000-0000-0000-0000-000000000001', 'a@example.com', 'a', '2024-01-01', 'confirmed'),
  ('20000000-0000-0000-0000-000000000002', 'b@example.com', 'b', '2024-01-01', 'pending_confirmation');
INSERT INTO subscription_tokens VALUES ('token', '20000000-0000-0000-0000-000000000002');
