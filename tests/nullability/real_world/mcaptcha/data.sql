-- Adversarial data for the mCaptcha queries: every nullable column NULL somewhere, a user
-- without sitekeys, levels and stats rows without a sitekey.
INSERT INTO mcaptcha_users (id, name, email, email_verified, secret, password) VALUES
  (1, 'alice', NULL, NULL, 'secret-a', 'pw-a'),
  (2, 'bob', 'bob@example.com', true, 'secret-b', 'pw-b'),
  (3, 'carol', 'carol@example.com', false, 'secret-c', 'pw-c');
SELECT setval('mcaptcha_users_id_seq', 3);
INSERT INTO mcaptcha_config (config_id, user_id, key, name, duration) VALUES
  (1, 1, 'key-a', 'site a', 30),
  (2, 2, 'key-b', 'site b', 60);
SELECT setval('mcaptcha_config_config_id_seq', 2);
INSERT INTO mcaptcha_levels (config_id, difficulty_factor, visitor_threshold, level_id) VALUES
  (1, 50, 100, 1), (1, 500, 1000, 2), (2, 50, 10, 3), (NULL, 5, 5, 4);
SELECT setval('mcaptcha_levels_level_id_seq', 4);
INSERT INTO mcaptcha_notifications (id, tx, rx, heading, message, read, received) VALUES
  (1, 2, 1, 'hi', 'hello', NULL, '2024-01-01'),
  (2, 1, 2, 're', 'again', true, '2024-01-02');
SELECT setval('mcaptcha_notifications_id_seq', 2);
INSERT INTO mcaptcha_pow_analytics (config_id, time, difficulty_factor, worker_type, id) VALUES
  (1, 10, 50, 'wasm', 1), (1, 20, 500, 'js', 2), (NULL, 5, 5, 'wasm', 3);
SELECT setval('mcaptcha_pow_analytics_id_seq', 3);
INSERT INTO mcaptcha_pow_confirmed_stats VALUES (1, '2024-01-01'), (NULL, '2024-01-01');
INSERT INTO mcaptcha_pow_fetched_stats VALUES (1, '2024-01-01'), (NULL, '2024-01-01');
INSERT INTO mcaptcha_pow_solved_stats VALUES (1, '2024-01-01'), (NULL, '2024-01-01');
INSERT INTO mcaptcha_psuedo_campaign_id (id, config_id, psuedo_id) VALUES (1, 1, 'pseudo-a');
SELECT setval('mcaptcha_psuedo_campaign_id_id_seq', 1);
INSERT INTO mcaptcha_sitekey_user_provided_avg_traffic VALUES (1, 10, 20, NULL), (2, 10, 20, 30);
INSERT INTO mcaptcha_track_nonce (nonce, level_id, id) VALUES (7, 1, 1), (0, NULL, 2);
SELECT setval('mcaptcha_track_nonce_id_seq', 2);
