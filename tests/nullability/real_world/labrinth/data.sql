-- Adversarial data for the labrinth queries, written to a pattern for every table: rows 1
-- and 3 have every nullable column NULL, row 2 every column set; the first foreign key of a
-- child points at parent rows 1, 2, 2 (parent 3 has no children); enums cycle through their
-- labels; a CHECK needs mods.side_types_migration_review_status = 'reviewed' and exactly one
-- of attributions_exemptions' version_id and project_id.
INSERT INTO "analytics_events" ("id", "meta", "starts", "ends") VALUES
  (1, '{}', '2024-01-01', '2024-01-01'),
  (2, '{}', '2024-01-02', '2024-01-02'),
  (3, '{}', '2024-01-03', '2024-01-03');
INSERT INTO "delphi_global_detail_verdicts" ("detail_key", "verdict", "updated_at") VALUES
  ('detail_key-1', 'pending', NULL),
  ('detail_key-2', 'safe', '2024-01-02'),
  ('detail_key-3', 'unsafe', NULL);
INSERT INTO "games" ("id", "name", "slug", "icon_url", "banner_url") VALUES
  (1, 'name-1', 'slug-1', NULL, NULL),
  (2, 'name-2', 'slug-2', 'icon_url-2', 'banner_url-2'),
  (3, 'name-3', 'slug-3', NULL, NULL);
INSERT INTO "link_platforms" ("id", "name", "donation") VALUES
  (1, 'name-1', false),
  (2, 'name-2', true),
  (3, 'name-3', false);
SELECT setval('link_platforms_id_seq', 3);
INSERT INTO "loader_field_enums" ("id", "enum_name", "ordering", "hidable") VALUES
  (1, 'enum_name-1', NULL, false),
  (2, 'enum_name-2', 20, true),
  (3, 'enum_name-3', NULL, false);
SELECT setval('loader_field_enums_id_seq', 3);
INSERT INTO "loader_fields" ("id", "field", "field_type", "enum_type", "optional", "min_val", "max_val") VALUES
  (1, 'field-1', 'field_type-1', NULL, false, NULL, NULL),
  (2, 'field-2', 'field_type-2', 2, true, 20, 20),
  (3, 'field-3', 'field_type-3', NULL, false, NULL, NULL);
SELECT setval('loader_fields_id_seq', 3);
INSERT INTO "loaders" ("id", "loader", "icon", "hidable", "metadata") VALUES
  (1, 'loader-1', 'icon-1', false, '{}'),
  (2, 'loader-2', 'icon-2', true, '{}'),
  (3, 'loader-3', 'icon-3', false, '{}');
SELECT setval('loaders_id_seq', 3);
INSERT INTO "notifications_types" ("name", "delivery_priority", "expose_in_user_preferences", "expose_in_site_notifications") VALUES
  ('name-1', 10, false, false),
  ('name-2', 20, true, true),
  ('name-3', 30, false, false);
INSERT INTO "payout_sources_balance" ("account_type", "amount", "pending", "recorded") VALUES
  ('account_type-1', 1.5, false, '2024-01-01'),
  ('account_type-2', 2.5, true, '2024-01-02'),
  ('account_type-3', 3.5, false, '2024-01-03');
INSERT INTO "products" ("id", "metadata", "unitary", "name") VALUES
  (1, '{}', false, NULL),
  (2, '{}', true, 'name-2'),
  (3, '{}', false, NULL);
INSERT INTO "products_prices" ("id", "product_id", "currency_code", "prices", "public") VALUES
  (1, 1, 'currency_code-1', '{}', false),
  (2, 2, 'currency_code-2', '{}', true),
  (3, 2, 'currency_code-3', '{}', false);
INSERT INTO "products_tax_identifiers" ("id", "tax_processor_id", "product_id") VALUES
  (1, 'tax_processor_id-1', 1),
  (2, 'tax_processor_id-2', 2),
  (3, 'tax_processor_id-3', 2);
SELECT setval('products_tax_identifiers_id_seq', 3);
INSERT INTO "project_types" ("id", "name") VALUES
  (1, 'name-1'),
  (2, 'name-2'),
  (3, 'name-3');
SELECT setval('project_types_id_seq', 3);
INSERT INTO "report_types" ("id", "name") VALUES
  (1, 'name-1'),
  (2, 'name-2'),
  (3, 'name-3');
SELECT setval('report_types_id_seq', 3);
INSERT INTO "teams" ("id") VALUES
  (1),
  (2),
  (3);
INSERT INTO "users" ("id", "github_id", "username", "email", "avatar_url", "bio", "created", "role", "badges", "balance", "discord_id", "gitlab_id", "google_id", "steam_id", "microsoft_id", "password", "email_verified", "totp_secret", "paypal_country", "paypal_email", "paypal_id", "venmo_handle", "stripe_customer_id", "raw_avatar_url", "allow_friend_requests", "is_subscribed_to_newsletter", "eligibility_verified_at") VALUES
  (1, NULL, 'username-1', NULL, NULL, NULL, '2024-01-01', 'role-1', 10, 1.5, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, false, NULL),
  (2, 20, 'username-2', 'email-2', 'avatar_url-2', 'bio-2', '2024-01-02', 'role-2', 20, 2.5, 20, 20, 'google_id-2', 20, 'microsoft_id-2', 'password-2', true, 'totp_secret-2', 'paypal_country-2', 'paypal_email-2', 'paypal_id-2', 'venmo_handle-2', 'stripe_customer_id-2', 'raw_avatar_url-2', true, true, '2024-01-02'),
  (3, NULL, 'username-3', NULL, NULL, NULL, '2024-01-03', 'role-3', 30, 3.5, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, false, NULL);
INSERT INTO "users_compliance" ("id", "user_id", "requested", "signed", "e_delivery_consented", "tin_matched", "last_checked", "external_request_id", "reference_id", "form_type", "requires_manual_review") VALUES
  (1, 1, '2024-01-01', NULL, false, false, '2024-01-01', 'external_request_id-1', 'reference_id-1', NULL, false),
  (2, 2, '2024-01-02', '2024-01-02', true, true, '2024-01-02', 'external_request_id-2', 'reference_id-2', 'form_type-2', true),
  (3, 3, '2024-01-03', NULL, false, false, '2024-01-03', 'external_request_id-3', 'reference_id-3', NULL, false);
SELECT setval('users_compliance_id_seq', 3);
INSERT INTO "users_notifications_preferences" ("id", "user_id", "channel", "notification_type", "enabled") VALUES
  (1, NULL, 'channel-1', 'notification_type-1', false),
  (2, 2, 'channel-2', 'notification_type-2', true),
  (3, NULL, 'channel-3', 'notification_type-3', false);
SELECT setval('users_notifications_preferences_id_seq', 3);
INSERT INTO "users_redeemals" ("id", "user_id", "offer", "redeemed", "status", "last_attempt", "n_attempts") VALUES
  (1, 1, 'offer-1', '2024-01-01', 'status-1', NULL, 10),
  (2, 2, 'offer-2', '2024-01-02', 'status-2', '2024-01-02', 20),
  (3, 2, 'offer-3', '2024-01-03', 'status-3', NULL, 30);
SELECT setval('users_redeemals_id_seq', 3);
INSERT INTO "users_subscriptions" ("id", "user_id", "price_id", "interval", "created", "status", "metadata") VALUES
  (1, 1, 1, 'interval-1', '2024-01-01', 'status-1', NULL),
  (2, 2, 2, 'interval-2', '2024-01-02', 'status-2', '{}'),
  (3, 2, 3, 'interval-3', '2024-01-03', 'status-3', NULL);
INSERT INTO "users_subscriptions_credits" ("id", "subscription_id", "user_id", "creditor_id", "days", "previous_due", "next_due", "created") VALUES
  (1, 1, 1, 1, 10, '2024-01-01', '2024-01-01', '2024-01-01'),
  (2, 2, 2, 2, 20, '2024-01-02', '2024-01-02', '2024-01-02'),
  (3, 2, 3, 3, 30, '2024-01-03', '2024-01-03', '2024-01-03');
SELECT setval('users_subscriptions_credits_id_seq', 3);
INSERT INTO "affiliate_codes" ("id", "created_at", "created_by", "affiliate", "revenue_split", "source_name") VALUES
  (1, '2024-01-01', 1, 1, NULL, 'source_name-1'),
  (2, '2024-01-02', 2, 2, 2.5, 'source_name-2'),
  (3, '2024-01-03', 2, 3, NULL, 'source_name-3');
INSERT INTO "blocked_users" ("user_id", "blocked_id") VALUES
  (1, 1),
  (2, 2),
  (2, 3);
INSERT INTO "campaign_donations" ("id", "tiltify_event_id", "raw_data", "donated_at", "amount_usd", "user_id") VALUES
  (1, '00000000-0000-0000-0000-000000000001', '{}', '2024-01-01', NULL, NULL),
  (2, '00000000-0000-0000-0000-000000000002', '{}', '2024-01-02', 2.5, 2),
  (3, '00000000-0000-0000-0000-000000000003', '{}', '2024-01-03', NULL, NULL);
INSERT INTO "categories" ("id", "category", "project_type", "icon", "header", "ordering") VALUES
  (1, 'category-1', 1, 'icon-1', 'header-1', 10),
  (2, 'category-2', 2, 'icon-2', 'header-2', 20),
  (3, 'category-3', 2, 'icon-3', 'header-3', 30);
SELECT setval('categories_id_seq', 3);
INSERT INTO "charges" ("id", "user_id", "price_id", "amount", "currency_code", "status", "due", "last_attempt", "charge_type", "subscription_id", "subscription_interval", "payment_platform", "payment_platform_id", "parent_charge_id", "net", "tax_amount", "tax_platform_id", "tax_last_updated", "tax_drift_loss", "tax_transaction_version", "tax_platform_accounting_time") VALUES
  (1, 1, 1, 10, 'currency_code-1', 'status-1', '2024-01-01', NULL, 'charge_type-1', NULL, NULL, 'payment_platform-1', NULL, NULL, NULL, 10, NULL, NULL, NULL, NULL, NULL),
  (2, 2, 2, 20, 'currency_code-2', 'status-2', '2024-01-02', '2024-01-02', 'charge_type-2', 20, 'subscription_interval-2', 'payment_platform-2', 'payment_platform_id-2', 2, 20, 20, 'tax_platform_id-2', '2024-01-02', 20, 20, '2024-01-02'),
  (3, 2, 3, 30, 'currency_code-3', 'status-3', '2024-01-03', NULL, 'charge_type-3', NULL, NULL, 'payment_platform-3', NULL, NULL, NULL, 30, NULL, NULL, NULL, NULL, NULL);
INSERT INTO "collections" ("id", "name", "description", "user_id", "created", "updated", "status", "icon_url", "color", "raw_icon_url") VALUES
  (1, 'name-1', NULL, 1, '2024-01-01', '2024-01-01', 'status-1', NULL, NULL, NULL),
  (2, 'name-2', 'description-2', 2, '2024-01-02', '2024-01-02', 'status-2', 'icon_url-2', 20, 'raw_icon_url-2'),
  (3, 'name-3', NULL, 2, '2024-01-03', '2024-01-03', 'status-3', NULL, NULL, NULL);
INSERT INTO "friends" ("user_id", "friend_id", "created", "accepted") VALUES
  (1, 1, '2024-01-01', false),
  (2, 2, '2024-01-02', true),
  (2, 3, '2024-01-03', false);
INSERT INTO "loader_field_enum_values" ("id", "enum_id", "value", "ordering", "created", "metadata") VALUES
  (1, 1, 'value-1', NULL, '2024-01-01', NULL),
  (2, 2, 'value-2', 20, '2024-01-02', '{}'),
  (3, 2, 'value-3', NULL, '2024-01-03', NULL);
SELECT setval('loader_field_enum_values_id_seq', 3);
INSERT INTO "loader_fields_loaders" ("loader_id", "loader_field_id") VALUES
  (1, 1),
  (2, 2),
  (2, 3);
INSERT INTO "loaders_project_types" ("joining_loader_id", "joining_project_type_id") VALUES
  (1, 1),
  (2, 2),
  (2, 3);
INSERT INTO "loaders_project_types_games" ("loader_id", "project_type_id", "game_id") VALUES
  (1, 1, 1),
  (2, 2, 2),
  (2, 3, 3);
INSERT INTO "moderation_external_licenses" ("id", "title", "status", "link", "exceptions", "proof", "flame_project_id", "inserted_at", "inserted_by", "updated_at", "updated_by") VALUES
  (1, NULL, 'status-1', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
  (2, 'title-2', 'status-2', 'link-2', 'exceptions-2', 'proof-2', 20, '2024-01-02', 2, '2024-01-02', 2),
  (3, NULL, 'status-3', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO "notifications" ("id", "user_id", "name", "text", "link", "created", "read", "type", "body") VALUES
  (1, 1, NULL, NULL, NULL, '2024-01-01', false, NULL, NULL),
  (2, 2, 'name-2', 'text-2', 'link-2', '2024-01-02', true, 'type-2', '{}'),
  (3, 2, NULL, NULL, NULL, '2024-01-03', false, NULL, NULL);
INSERT INTO "notifications_actions" ("id", "notification_id", "name", "action_route", "action_route_method") VALUES
  (1, 1, 'name-1', 'action_route-1', 'action_route_method-1'),
  (2, 2, 'name-2', 'action_route-2', 'action_route_method-2'),
  (3, 2, 'name-3', 'action_route-3', 'action_route_method-3');
SELECT setval('notifications_actions_id_seq', 3);
INSERT INTO "notifications_deliveries" ("id", "notification_id", "channel", "user_id", "delivery_priority", "status", "next_attempt", "attempt_count") VALUES
  (1, 1, 'channel-1', 1, 10, 'status-1', '2024-01-01', 10),
  (2, 2, 'channel-2', 2, 20, 'status-2', '2024-01-02', 20),
  (3, 2, 'channel-3', 3, 30, 'status-3', '2024-01-03', 30);
SELECT setval('notifications_deliveries_id_seq', 3);
INSERT INTO "notifications_templates" ("id", "channel", "notification_type", "subject_line", "body_fetch_url", "plaintext_fallback") VALUES
  (1, 'channel-1', 'name-1', 'subject_line-1', 'body_fetch_url-1', 'plaintext_fallback-1'),
  (2, 'channel-2', 'name-2', 'subject_line-2', 'body_fetch_url-2', 'plaintext_fallback-2'),
  (3, 'channel-3', 'name-2', 'subject_line-3', 'body_fetch_url-3', 'plaintext_fallback-3');
SELECT setval('notifications_templates_id_seq', 3);
INSERT INTO "oauth_clients" ("id", "name", "icon_url", "max_scopes", "secret_hash", "created", "created_by", "url", "description", "raw_icon_url") VALUES
  (1, 'name-1', NULL, 10, 'secret_hash-1', '2024-01-01', 1, NULL, NULL, NULL),
  (2, 'name-2', 'icon_url-2', 20, 'secret_hash-2', '2024-01-02', 2, 'url-2', 'description-2', 'raw_icon_url-2'),
  (3, 'name-3', NULL, 30, 'secret_hash-3', '2024-01-03', 2, NULL, NULL, NULL);
INSERT INTO "organizations" ("id", "slug", "description", "created_at", "updated_at", "team_id", "icon_url", "color", "name", "raw_icon_url") VALUES
  (1, 'slug-1', 'description-1', '2024-01-01', '2024-01-01', 1, NULL, NULL, 'name-1', NULL),
  (2, 'slug-2', 'description-2', '2024-01-02', '2024-01-02', 2, 'icon_url-2', 20, 'name-2', 'raw_icon_url-2'),
  (3, 'slug-3', 'description-3', '2024-01-03', '2024-01-03', 2, NULL, NULL, 'name-3', NULL);
INSERT INTO "pats" ("id", "name", "user_id", "access_token", "scopes", "created", "expires", "last_used") VALUES
  (1, 'name-1', 1, 'access_token-1', 10, '2024-01-01', '2024-01-01', NULL),
  (2, 'name-2', 2, 'access_token-2', 20, '2024-01-02', '2024-01-02', '2024-01-02'),
  (3, 'name-3', 2, 'access_token-3', 30, '2024-01-03', '2024-01-03', NULL);
INSERT INTO "payouts" ("id", "user_id", "amount", "created", "status", "method", "method_address", "platform_id", "fee", "method_id") VALUES
  (1, 1, 1.5, '2024-01-01', 'status-1', NULL, NULL, NULL, NULL, NULL),
  (2, 2, 2.5, '2024-01-02', 'status-2', 'method-2', 'method_address-2', 'platform_id-2', 2.5, 'method_id-2'),
  (3, 2, 3.5, '2024-01-03', 'status-3', NULL, NULL, NULL, NULL, NULL);
INSERT INTO "payouts_values_notifications" ("id", "date_available", "user_id", "notified") VALUES
  (1, '2024-01-01', 1, false),
  (2, '2024-01-02', 2, true),
  (3, '2024-01-03', 2, false);
SELECT setval('payouts_values_notifications_id_seq', 3);
INSERT INTO "sessions" ("id", "session", "user_id", "created", "last_login", "expires", "refresh_expires", "city", "country", "ip", "os", "platform", "user_agent") VALUES
  (1, 'session-1', 1, '2024-01-01', '2024-01-01', '2024-01-01', '2024-01-01', NULL, NULL, 'ip-1', NULL, NULL, 'user_agent-1'),
  (2, 'session-2', 2, '2024-01-02', '2024-01-02', '2024-01-02', '2024-01-02', 'city-2', 'country-2', 'ip-2', 'os-2', 'platform-2', 'user_agent-2'),
  (3, 'session-3', 2, '2024-01-03', '2024-01-03', '2024-01-03', '2024-01-03', NULL, NULL, 'ip-3', NULL, NULL, 'user_agent-3');
INSERT INTO "team_members" ("id", "team_id", "user_id", "role", "permissions", "accepted", "payouts_split", "ordering", "organization_permissions", "is_owner") VALUES
  (1, 1, 1, 'role-1', 10, false, 1.5, 10, NULL, false),
  (2, 2, 2, 'role-2', 20, true, 2.5, 20, 20, true),
  (3, 2, 3, 'role-3', 30, false, 3.5, 30, NULL, false);
INSERT INTO "user_backup_codes" ("user_id", "code") VALUES
  (1, 10),
  (2, 20),
  (2, 30);
INSERT INTO "user_limits" ("user_id", "projects", "organizations", "collections") VALUES
  (NULL, 10, 10, 10),
  (2, 20, 20, 20),
  (NULL, 30, 30, 30);
INSERT INTO "user_passkeys" ("id", "user_id", "name", "credential_id", "passkey", "created_at", "last_used") VALUES
  (1, 1, 'name-1', '\x01', '{}', '2024-01-01', NULL),
  (2, 2, 'name-2', '\x02', '{}', '2024-01-02', '2024-01-02'),
  (3, 2, 'name-3', '\x03', '{}', '2024-01-03', NULL);
INSERT INTO "user_preferences" ("user_id", "preferences") VALUES
  (1, '{}'),
  (2, '{}'),
  (3, '{}');
INSERT INTO "users_subscriptions_affiliations" ("subscription_id", "affiliate_code", "created_at", "deactivated_at") VALUES
  (1, 1, '2024-01-01', NULL),
  (2, 2, '2024-01-02', '2024-01-02'),
  (3, 3, '2024-01-03', NULL);
INSERT INTO "moderation_external_files" ("sha1", "external_license_id", "filename", "inserted_at", "inserted_by", "updated_at", "updated_by") VALUES
  ('\x01', 1, NULL, NULL, NULL, NULL, NULL),
  ('\x02', 2, 'filename-2', '2024-01-02', 2, '2024-01-02', 2),
  ('\x03', 2, NULL, NULL, NULL, NULL, NULL);
INSERT INTO "moderation_notes" ("user_id", "organization_id", "last_modified", "created_at", "last_author", "version", "notes", "user_rating") VALUES
  (NULL, NULL, '2024-01-01', '2024-01-01', 1, 10, 'notes-1', 10),
  (2, 2, '2024-01-02', '2024-01-02', 2, 20, 'notes-2', 20),
  (NULL, NULL, '2024-01-03', '2024-01-03', 2, 30, 'notes-3', 30);
INSERT INTO "mods" ("id", "team_id", "name", "summary", "published", "downloads", "icon_url", "updated", "license_url", "slug", "description", "follows", "moderation_message", "moderation_message_body", "approved", "license", "status", "requested_status", "webhook_sent", "color", "queued", "monetization_status", "organization_id", "raw_icon_url", "side_types_migration_review_status", "components") VALUES
  (1, 1, 'name-1', 'summary-1', '2024-01-01', 10, NULL, '2024-01-01', NULL, NULL, 'description-1', 10, NULL, NULL, NULL, 'license-1', 'status-1', NULL, false, NULL, NULL, 'monetization_status-1', NULL, NULL, 'reviewed', '{}'),
  (2, 2, 'name-2', 'summary-2', '2024-01-02', 20, 'icon_url-2', '2024-01-02', 'license_url-2', 'slug-2', 'description-2', 20, 'moderation_message-2', 'moderation_message_body-2', '2024-01-02', 'license-2', 'status-2', 'requested_status-2', true, 20, '2024-01-02', 'monetization_status-2', 2, 'raw_icon_url-2', 'reviewed', '{}'),
  (3, 2, 'name-3', 'summary-3', '2024-01-03', 30, NULL, '2024-01-03', NULL, NULL, 'description-3', 30, NULL, NULL, NULL, 'license-3', 'status-3', NULL, false, NULL, NULL, 'monetization_status-3', NULL, NULL, 'reviewed', '{}');
INSERT INTO "mods_categories" ("joining_mod_id", "joining_category_id", "is_additional") VALUES
  (1, 1, false),
  (2, 2, true),
  (2, 3, false);
INSERT INTO "mods_gallery" ("id", "mod_id", "image_url", "featured", "name", "description", "created", "ordering", "raw_image_url") VALUES
  (1, 1, 'image_url-1', NULL, NULL, NULL, '2024-01-01', 10, 'raw_image_url-1'),
  (2, 2, 'image_url-2', true, 'name-2', 'description-2', '2024-01-02', 20, 'raw_image_url-2'),
  (3, 2, 'image_url-3', NULL, NULL, NULL, '2024-01-03', 30, 'raw_image_url-3');
SELECT setval('mods_gallery_id_seq', 3);
INSERT INTO "mods_links" ("id", "joining_mod_id", "joining_platform_id", "url") VALUES
  (1, 1, 1, 'url-1'),
  (2, 2, 2, 'url-2'),
  (3, 2, 3, 'url-3');
SELECT setval('mods_links_id_seq', 3);
INSERT INTO "oauth_client_authorizations" ("id", "client_id", "user_id", "scopes", "created") VALUES
  (1, 1, 1, 10, '2024-01-01'),
  (2, 2, 2, 20, '2024-01-02'),
  (3, 2, 3, 30, '2024-01-03');
INSERT INTO "oauth_client_redirect_uris" ("id", "client_id", "uri") VALUES
  (1, 1, NULL),
  (2, 2, 'uri-2'),
  (3, 2, NULL);
INSERT INTO "payouts_values" ("id", "user_id", "mod_id", "amount", "created", "date_available", "affiliate_code_source") VALUES
  (1, 1, NULL, 1.5, '2024-01-01', '2024-01-01', NULL),
  (2, 2, 2, 2.5, '2024-01-02', '2024-01-02', 20),
  (3, 2, NULL, 3.5, '2024-01-03', '2024-01-03', NULL);
SELECT setval('payouts_values_id_seq', 3);
INSERT INTO "project_attribution_groups" ("id", "project_id", "flame_project", "attribution", "attributed_at", "attributed_by") VALUES
  (1, 1, NULL, NULL, NULL, NULL),
  (2, 2, '{}', '{}', '2024-01-02', 2),
  (3, 2, NULL, NULL, NULL, NULL);
INSERT INTO "project_disclosures" ("project_id", "type", "metadata", "updated_at", "updated_by", "set_by_moderator", "lock_status", "deleted_at") VALUES
  (1, 'type-1', '{}', '2024-01-01', 1, false, 'lock_status-1', NULL),
  (2, 'type-2', '{}', '2024-01-02', 2, true, 'lock_status-2', '2024-01-02'),
  (2, 'type-3', '{}', '2024-01-03', 3, false, 'lock_status-3', NULL);
INSERT INTO "users_subscriptions_affiliations_payouts" ("id", "charge_id", "subscription_id", "affiliate_code", "payout_value_id") VALUES
  (1, 1, 1, 1, 1),
  (2, 2, 2, 2, 2),
  (3, 3, 3, 3, 3);
SELECT setval('users_subscriptions_affiliations_payouts_id_seq', 3);
SELECT setval('users_subscriptions_affiliations_payouts_payout_value_id_seq', 3);
INSERT INTO "versions" ("id", "mod_id", "name", "version_number", "date_published", "downloads", "author_id", "featured", "changelog", "version_type", "status", "requested_status", "ordering", "components") VALUES
  (1, 1, 'name-1', 'version_number-1', '2024-01-01', 10, 1, false, 'changelog-1', 'version_type-1', 'status-1', NULL, NULL, '{}'),
  (2, 2, 'name-2', 'version_number-2', '2024-01-02', 20, 2, true, 'changelog-2', 'version_type-2', 'status-2', 'requested_status-2', 20, '{}'),
  (3, 2, 'name-3', 'version_number-3', '2024-01-03', 30, 3, false, 'changelog-3', 'version_type-3', 'status-3', NULL, NULL, '{}');
INSERT INTO "attributions_exemptions" ("version_id", "project_id") VALUES
  (NULL, 1),
  (NULL, 2),
  (NULL, 3);
INSERT INTO "collections_mods" ("collection_id", "mod_id") VALUES
  (1, 1),
  (2, 2),
  (2, 3);
INSERT INTO "delphi_issue_detail_verdicts" ("project_id", "detail_key", "verdict", "updated_at") VALUES
  (1, 'detail_key-1', 'pending', NULL),
  (2, 'detail_key-2', 'safe', '2024-01-02'),
  (2, 'detail_key-3', 'unsafe', NULL);
INSERT INTO "dependencies" ("id", "dependent_id", "dependency_type", "dependency_id", "mod_dependency_id", "dependency_file_name") VALUES
  (1, 1, 'dependency_type-1', NULL, NULL, NULL),
  (2, 2, 'dependency_type-2', 2, 2, 'dependency_file_name-2'),
  (3, 2, 'dependency_type-3', NULL, NULL, NULL);
SELECT setval('dependencies_id_seq', 3);
INSERT INTO "files" ("id", "version_id", "url", "filename", "is_primary", "size", "file_type", "metadata") VALUES
  (1, 1, 'url-1', 'filename-1', false, 10, NULL, NULL),
  (2, 2, 'url-2', 'filename-2', true, 20, 'file_type-2', '{}'),
  (3, 2, 'url-3', 'filename-3', false, 30, NULL, NULL);
INSERT INTO "hashes" ("file_id", "algorithm", "hash") VALUES
  (1, 'algorithm-1', '\x01'),
  (2, 'algorithm-2', '\x02'),
  (2, 'algorithm-3', '\x03');
INSERT INTO "loaders_versions" ("loader_id", "version_id") VALUES
  (1, 1),
  (2, 2),
  (2, 3);
INSERT INTO "minecraft_java_server_versions" ("id", "modpack_id") VALUES
  (1, NULL),
  (2, 2),
  (3, NULL);
INSERT INTO "mod_follows" ("follower_id", "mod_id", "created") VALUES
  (1, 1, '2024-01-01'),
  (2, 2, '2024-01-02'),
  (2, 3, '2024-01-03');
INSERT INTO "moderation_locks" ("project_id", "moderator_id", "locked_at") VALUES
  (1, 1, '2024-01-01'),
  (2, 2, '2024-01-02'),
  (3, 3, '2024-01-03');
INSERT INTO "oauth_access_tokens" ("id", "authorization_id", "token_hash", "scopes", "created", "expires", "last_used") VALUES
  (1, 1, 'token_hash-1', 10, '2024-01-01', '2024-01-01', NULL),
  (2, 2, 'token_hash-2', 20, '2024-01-02', '2024-01-02', '2024-01-02'),
  (3, 2, 'token_hash-3', 30, '2024-01-03', '2024-01-03', NULL);
INSERT INTO "override_file_sources" ("sha1", "file_id", "file_path") VALUES
  ('\x01', 1, 'file_path-1'),
  ('\x02', 2, 'file_path-2'),
  ('\x03', 2, 'file_path-3');
INSERT INTO "project_attribution_files" ("group_id", "name", "sha1", "moderation_external_license_id") VALUES
  (1, 'name-1', '\x01', NULL),
  (2, 'name-2', '\x02', 2),
  (2, 'name-3', '\x03', NULL);
INSERT INTO "reports" ("id", "report_type_id", "mod_id", "version_id", "user_id", "body", "reporter", "created", "closed", "shared_instance_id", "shared_instance_version_id") VALUES
  (1, 1, NULL, NULL, NULL, 'body-1', 1, '2024-01-01', false, NULL, NULL),
  (2, 2, 2, 2, 2, 'body-2', 2, '2024-01-02', true, 20, 20),
  (3, 2, NULL, NULL, NULL, 'body-3', 3, '2024-01-03', false, NULL, NULL);
INSERT INTO "threads" ("id", "thread_type", "report_id", "mod_id") VALUES
  (1, 'thread_type-1', NULL, NULL),
  (2, 'thread_type-2', 2, 20),
  (3, 'thread_type-3', NULL, NULL);
INSERT INTO "threads_members" ("thread_id", "user_id") VALUES
  (1, 1),
  (2, 2),
  (2, 3);
INSERT INTO "threads_messages" ("id", "thread_id", "author_id", "body", "created", "hide_identity") VALUES
  (1, 1, NULL, '{}', '2024-01-01', false),
  (2, 2, 2, '{}', '2024-01-02', true),
  (3, 2, NULL, '{}', '2024-01-03', false);
INSERT INTO "uploaded_images" ("id", "url", "size", "created", "owner_id", "context", "mod_id", "version_id", "thread_message_id", "report_id", "raw_url") VALUES
  (1, 'url-1', 10, '2024-01-01', 1, 'context-1', NULL, NULL, NULL, NULL, 'raw_url-1'),
  (2, 'url-2', 20, '2024-01-02', 2, 'context-2', 2, 2, 2, 2, 'raw_url-2'),
  (3, 'url-3', 30, '2024-01-03', 2, 'context-3', NULL, NULL, NULL, NULL, 'raw_url-3');
INSERT INTO "version_fields" ("version_id", "field_id", "int_value", "enum_value", "string_value") VALUES
  (1, 1, NULL, 10, NULL),
  (2, 2, 20, 20, 'string_value-2'),
  (2, 3, NULL, 30, NULL);
INSERT INTO "delphi_reports" ("id", "file_id", "delphi_version", "artifact_url", "created", "severity") OVERRIDING SYSTEM VALUE VALUES
  (1, NULL, 10, 'artifact_url-1', '2024-01-01', 'low'),
  (2, 2, 20, 'artifact_url-2', '2024-01-02', 'medium'),
  (3, NULL, 30, 'artifact_url-3', '2024-01-03', 'high');
SELECT setval('delphi_reports_id_seq', 3);
INSERT INTO "file_scans" ("file_id", "attributions_scanned_at", "attributions_scan_result") VALUES
  (1, NULL, NULL),
  (2, '2024-01-02', '{}'),
  (3, NULL, NULL);
INSERT INTO "delphi_report_issues" ("id", "report_id", "issue_type") OVERRIDING SYSTEM VALUE VALUES
  (1, 1, 'issue_type-1'),
  (2, 2, 'issue_type-2'),
  (3, 2, 'issue_type-3');
SELECT setval('delphi_report_issues_id_seq', 3);
INSERT INTO "delphi_report_issue_details" ("id", "issue_id", "key", "file_path", "decompiled_source", "data", "severity", "jar") OVERRIDING SYSTEM VALUE VALUES
  (1, 1, 'key-1', 'file_path-1', NULL, '{}', 'low', NULL),
  (2, 2, 'key-2', 'file_path-2', 'decompiled_source-2', '{}', 'medium', 'jar-2'),
  (3, 2, 'key-3', 'file_path-3', NULL, '{}', 'high', NULL);
SELECT setval('delphi_report_issue_details_id_seq', 3);
