-- Adversarial data for the defguard queries: every nullable column NULL somewhere, a user
-- without devices or groups, a group without members, a network without devices, a device
-- in no network, group_user rows with NULL keys (the columns allow it).
INSERT INTO "user" (id, username, password_hash, last_name, first_name, email, phone, totp_enabled,
                    totp_secret, mfa_method, recovery_codes, mfa_enabled, email_mfa_enabled,
                    email_mfa_secret, is_active, openid_sub, from_ldap, ldap_pass_randomized,
                    ldap_rdn, ldap_user_path, enrollment_pending, ldap_remote_enrollment_completed)
VALUES
  (1, 'admin', NULL, 'Admin', 'Default', 'admin@example.com', NULL, false, NULL, 'none', '{}',
   false, false, NULL, true, NULL, false, false, NULL, NULL, false, false),
  (2, 'hpotter', 'hash', 'Potter', 'Harry', 'h.potter@example.com', '123', true, '\x01',
   'one_time_password', '{a,b}', true, true, '\x02', true, 'sub-2', true, true, 'hpotter',
   'ou=users', true, true),
  (3, 'nodevice', 'hash', 'No', 'Device', 'nodevice@example.com', NULL, false, NULL, 'none',
   '{}', false, false, NULL, false, NULL, false, false, NULL, NULL, false, false),
  (4, 'oidc', NULL, 'Open', 'Id', 'oidc@example.com', NULL, false, NULL, 'none', '{}', false,
   false, NULL, true, 'sub-4', false, false, NULL, NULL, false, false);
SELECT setval('user_id_seq', 4);
INSERT INTO "group" (id, name, is_admin) VALUES (1, 'admin', true), (2, 'empty', false),
  (3, 'staff', false);
SELECT setval('group_id_seq', 3);
INSERT INTO group_user (group_id, user_id) VALUES (1, 1), (1, 2), (3, 2), (NULL, 2), (3, NULL);
INSERT INTO device (id, name, wireguard_pubkey, user_id, created, device_type, description,
                    configured)
VALUES
  (1, 'laptop', 'pk1', 1, '2024-01-01', 'user', NULL, true),
  (2, 'phone', 'pk2', 2, '2024-01-02', 'user', 'my phone', false),
  (3, 'router', 'pk3', 1, '2024-01-03', 'network', NULL, true),
  (4, 'spare', 'pk4', 2, '2024-01-04', 'user', 'unused', true);
SELECT setval('device_id_seq', 4);
INSERT INTO wireguard_network (id, name, address, port, pubkey, prvkey, endpoint, dns,
                               allowed_ips, connected_at, keepalive_interval,
                               peer_disconnect_threshold, acl_enabled, acl_default_allow,
                               location_mfa_mode, service_location_mode, mtu, fwmark,
                               allow_all_groups)
VALUES
  (1, 'office', '{10.0.0.1/24}', 51820, 'npk1', 'nsk1', 'vpn.example.com', NULL, '{10.0.0.0/24}',
   NULL, 25, 300, false, false, 'disabled', 'disabled', 1420, 0, true),
  (2, 'lab', '{10.1.0.1/24}', 51821, 'npk2', 'nsk2', 'lab.example.com', '1.1.1.1',
   '{10.1.0.0/24}', '2024-01-01', 25, 300, true, true, 'internal', 'prelogon', 1420, 0, false),
  (3, 'empty', '{10.2.0.1/24}', 51822, 'npk3', 'nsk3', 'e.example.com', NULL, '{10.2.0.0/24}',
   NULL, 25, 300, false, false, 'external', 'alwayson', 1420, 0, false);
SELECT setval('wireguard_network_id_seq', 3);
INSERT INTO wireguard_network_device (id, device_id, wireguard_network_id, wireguard_ips) VALUES
  (1, 1, 1, '{10.0.0.2}'), (2, 2, 1, '{10.0.0.3}'), (3, 2, 2, '{10.1.0.2}'), (4, 3, 2, '{}');
SELECT setval('wireguard_network_device_id_seq', 4);
-- Second tranche: passkeys, keys, gateways, sessions and their stats. A connected session
-- without connected_at or preshared key (the columns allow it), a session without stats, a
-- gateway never connected, a network without gateways, group/network links with NULL keys.
INSERT INTO webauthn (id, user_id, passkey, name) VALUES (1, 2, '\x01', 'passkey');
SELECT setval('webauthn_id_seq', 1);
INSERT INTO yubikey (id, serial, name, user_id) VALUES (1, 'serial-1', 'yk', 2);
SELECT setval('yubikey_id_seq', 1);
INSERT INTO authentication_key (id, user_id, key, key_type, name, created, yubikey_id) VALUES
  (1, 2, 'ssh-key', 'ssh', NULL, '2024-01-01', NULL),
  (2, 2, 'gpg-key', 'gpg', 'work', '2024-01-01', 1),
  (3, 1, 'ssh-key-3', 'ssh', 'home', '2024-01-01', NULL);
SELECT setval('authentication_key_id_seq', 3);
INSERT INTO gateway (id, location_id, connected_at, disconnected_at, certificate_expiry, version,
                     name, certificate_serial, address, port, modified_at, enabled, modified_by,
                     core_client_cert_der, core_client_cert_key_der, core_client_cert_expiry)
VALUES
  (1, 1, NULL, NULL, NULL, NULL, 'gw-1', NULL, '127.0.0.1', 50051, '2024-01-01', true, 'admin',
   NULL, NULL, NULL),
  (2, 2, '2024-01-02', '2024-01-01', '2030-01-01', '1.0', 'gw-2', 'serial', '10.1.0.1', 50051,
   '2024-01-01', true, 'admin', '\x01', '\x02', '2030-01-01'),
  (3, 2, '2024-01-01', '2024-01-02', '2030-01-01', '1.0', 'gw-3', 'serial-3', '10.1.0.2', 50051,
   '2024-01-01', false, 'admin', '\x01', '\x02', '2030-01-01');
SELECT setval('gateway_id_seq', 3);
INSERT INTO wireguard_network_allowed_group (network_id, group_id) VALUES
  (1, 1), (2, 3), (NULL, 1), (2, NULL);
INSERT INTO vpn_client_session (id, location_id, user_id, device_id, created_at, connected_at,
                                disconnected_at, mfa_method, preshared_key, state)
VALUES
  (1, 1, 1, 1, '2024-01-01', NULL, NULL, NULL, NULL, 'connected'),
  (2, 1, 2, 2, '2024-01-01', '2024-01-02', NULL, 'totp', 'psk-2', 'connected'),
  (3, 2, 2, 2, '2024-01-01', '2024-01-01', '2024-01-02', 'email', 'psk-3', 'disconnected'),
  (4, 2, 1, 3, '2024-01-01', NULL, NULL, NULL, 'psk-4', 'connected'),
  (5, 2, 2, 2, '2024-01-04', NULL, NULL, NULL, 'psk-5', 'new'),
  (6, 1, 1, 1, '2024-01-01', '2024-01-01', '2024-01-01', NULL, NULL, 'disconnected'),
  (7, 2, 2, 4, '2024-01-01', NULL, NULL, NULL, NULL, 'new');
SELECT setval('vpn_client_session_id_seq', 7);
INSERT INTO vpn_session_stats (id, session_id, gateway_id, collected_at, latest_handshake,
                               endpoint, total_upload, total_download, upload_diff,
                               download_diff)
VALUES
  (1, 1, 1, '2024-01-01 10:00', '2024-01-01 10:00', '1.2.3.4:5', 10, 20, 10, 20),
  (2, 2, 1, '2024-01-02 10:00', '2024-01-02 10:00', '1.2.3.5:5', 10, 20, 10, 20),
  (3, 4, 2, '2024-01-03 10:00', '2024-01-03 10:00', '1.2.3.6:5', 10, 20, 10, 20),
  (4, 6, 1, '2024-01-01 11:00', '2024-01-01 11:00', '1.2.3.7:5', 10, 20, 10, 20);
SELECT setval('vpn_session_stats_id_seq', 4);

-- Third tranche, written to a pattern for its 31 tables: rows 1 and 3 have every nullable
-- column NULL, row 2 every column set; the first foreign key of a child points at parent 1,
-- 2, 2 (parent 3 has no children); enums cycle through their labels; single-row tables
-- (settings, enterprisesettings, wizard, certificates) hold row 1 only.
INSERT INTO aclalias (id, name, addresses, ports, protocols, state, parent_id, kind, any_address, any_port, any_protocol, modified_at, modified_by) VALUES
  (1, 'name-1', '{10.9.0.1}', '{"[1,10)"}', '{6}', 'applied', NULL, 'destination', false, false, false, '2024-01-01', 'modified_by-1'),
  (2, 'name-2', '{10.9.0.2}', '{"[1,10)"}', '{6}', 'modified', 2, 'component', true, true, true, '2024-01-02', 'modified_by-2'),
  (3, 'name-3', '{10.9.0.3}', '{"[1,10)"}', '{6}', 'applied', NULL, 'destination', false, false, false, '2024-01-03', 'modified_by-3');
SELECT setval('aclalias_id_seq', 3);
INSERT INTO aclaliasdestinationrange (id, alias_id, "start", "end") VALUES
  (1, 1, '10.9.0.1', '10.9.1.1'),
  (2, 2, '10.9.0.2', '10.9.1.2'),
  (3, 2, '10.9.0.3', '10.9.1.3');
SELECT setval('aclaliasdestinationrange_id_seq', 3);
INSERT INTO aclrule (id, name, allow_all_users, deny_all_users, all_locations, addresses, ports, protocols, expires, enabled, state, parent_id, allow_all_network_devices, deny_all_network_devices, any_address, any_port, any_protocol, use_manual_destination_settings, allow_all_groups, deny_all_groups, modified_at, modified_by) VALUES
  (1, 'name-1', false, false, false, '{10.9.0.1}', '{"[1,10)"}', '{6}', NULL, false, 'applied', NULL, false, false, false, false, false, false, false, false, '2024-01-01', 'modified_by-1'),
  (2, 'name-2', true, true, true, '{10.9.0.2}', '{"[1,10)"}', '{6}', '2024-01-02', true, 'new', 2, true, true, true, true, true, true, true, true, '2024-01-02', 'modified_by-2'),
  (3, 'name-3', false, false, false, '{10.9.0.3}', '{"[1,10)"}', '{6}', NULL, false, 'modified', NULL, false, false, false, false, false, false, false, false, '2024-01-03', 'modified_by-3');
SELECT setval('aclrule_id_seq', 3);
INSERT INTO aclrulealias (id, rule_id, alias_id) VALUES
  (1, 1, 1),
  (2, 2, 2),
  (3, 2, 3);
SELECT setval('aclrulealias_id_seq', 3);
INSERT INTO aclruledestinationrange (id, rule_id, "start", "end") VALUES
  (1, 1, '10.9.0.1', '10.9.1.1'),
  (2, 2, '10.9.0.2', '10.9.1.2'),
  (3, 2, '10.9.0.3', '10.9.1.3');
SELECT setval('aclruledestinationrange_id_seq', 3);
INSERT INTO aclruledevice (id, rule_id, device_id, allow) VALUES
  (1, 1, 1, false),
  (2, 2, 2, true),
  (3, 2, 3, false);
SELECT setval('aclruledevice_id_seq', 3);
INSERT INTO aclrulegroup (id, rule_id, group_id, allow) VALUES
  (1, 1, 1, false),
  (2, 2, 2, true),
  (3, 2, 3, false);
SELECT setval('aclrulegroup_id_seq', 3);
INSERT INTO aclrulenetwork (id, rule_id, network_id) VALUES
  (1, 1, 1),
  (2, 2, 2),
  (3, 2, 3);
SELECT setval('aclrulenetwork_id_seq', 3);
INSERT INTO aclruleuser (id, rule_id, user_id, allow) VALUES
  (1, 1, 1, false),
  (2, 2, 2, true),
  (3, 2, 3, false);
SELECT setval('aclruleuser_id_seq', 3);
INSERT INTO activity_log_event (id, timestamp, user_id, username, ip, event, module, device, metadata, description, location) VALUES
  (1, '2024-01-01', 10, 'username-1', NULL, 'event-1', 'defguard', 'device-1', NULL, NULL, NULL),
  (2, '2024-01-02', 20, 'username-2', '10.9.0.2', 'event-2', 'client', 'device-2', '{}', 'description-2', 'location-2'),
  (3, '2024-01-03', 30, 'username-3', NULL, 'event-3', 'vpn', 'device-3', NULL, NULL, NULL);
SELECT setval('activity_log_event_id_seq', 3);
INSERT INTO activity_log_stream (id, name, stream_type, config) VALUES
  (1, 'name-1', 'stream_type-1', '{}'),
  (2, 'name-2', 'stream_type-2', '{}'),
  (3, 'name-3', 'stream_type-3', '{}');
SELECT setval('activity_log_stream_id_seq', 3);
INSERT INTO api_token (id, user_id, created_at, name, token_hash) VALUES
  (1, 1, '2024-01-01', 'name-1', 'token_hash-1'),
  (2, 2, '2024-01-02', 'name-2', 'token_hash-2'),
  (3, 2, '2024-01-03', 'name-3', 'token_hash-3');
SELECT setval('api_token_id_seq', 3);
INSERT INTO authorization_code (id, client_id, code, redirect_uri, scope, auth_time, nonce, code_challenge, user_id) VALUES
  (1, 'client_id-1', 'code-1', 'redirect_uri-1', 'scope-1', 10, NULL, NULL, 1),
  (2, 'client_id-2', 'code-2', 'redirect_uri-2', 'scope-2', 20, 'nonce-2', 'code_challenge-2', 2),
  (3, 'client_id-3', 'code-3', 'redirect_uri-3', 'scope-3', 30, NULL, NULL, 2);
SELECT setval('authorization_code_id_seq', 3);
INSERT INTO biometric_auth (id, pub_key, device_id) VALUES
  (1, 'pub_key-1', 1),
  (2, 'pub_key-2', 2),
  (3, 'pub_key-3', 3);
SELECT setval('biometric_auth_id_seq', 3);
INSERT INTO certificates (id, ca_cert_der, ca_key_der, ca_expiry, proxy_http_cert_source, proxy_http_cert_pem, proxy_http_cert_key_pem, proxy_http_cert_expiry, acme_domain, acme_account_credentials, core_http_cert_source, core_http_cert_pem, core_http_cert_key_pem, core_http_cert_expiry) VALUES
  (1, NULL, NULL, NULL, 'proxy_http_cert_source-1', NULL, NULL, NULL, NULL, NULL, 'core_http_cert_source-1', NULL, NULL, NULL);
INSERT INTO device_login_event (id, user_id, ip_address, model, family, brand, browser, os_family, event_type, created) VALUES
  (1, 1, 'ip_address-1', NULL, 'family-1', NULL, 'browser-1', 'os_family-1', 'event_type-1', '2024-01-01'),
  (2, 2, 'ip_address-2', 'model-2', 'family-2', 'brand-2', 'browser-2', 'os_family-2', 'event_type-2', '2024-01-02'),
  (3, 2, 'ip_address-3', NULL, 'family-3', NULL, 'browser-3', 'os_family-3', 'event_type-3', '2024-01-03');
SELECT setval('device_login_event_id_seq', 3);
INSERT INTO enterprisesettings (id, admin_device_management, only_client_activation, client_traffic_policy) VALUES
  (1, false, false, 'none');
SELECT setval('enterprisesettings_id_seq', 1);
INSERT INTO mail_context (template, "section", language_tag, "text", enabled) VALUES
  ('template-1', 'section-1', 'language_tag-1', 'text-1', false),
  ('template-2', 'section-2', 'language_tag-2', 'text-2', true),
  ('template-3', 'section-3', 'language_tag-3', 'text-3', false);
INSERT INTO oauth2authorizedapp (id, oauth2client_id, user_id) VALUES
  (1, 10, 10),
  (2, 20, 20),
  (3, 30, 30);
SELECT setval('oauth2authorizedapp_id_seq', 3);
INSERT INTO oauth2client (id, client_id, client_secret, redirect_uri, scope, name, enabled) VALUES
  (1, 'client_id-1', 'client_secret-1', '{a}', '{a}', 'name-1', false),
  (2, 'client_id-2', 'client_secret-2', '{a}', '{a}', 'name-2', true),
  (3, 'client_id-3', 'client_secret-3', '{a}', '{a}', 'name-3', false);
SELECT setval('oauth2client_id_seq', 3);
INSERT INTO oauth2token (id, access_token, refresh_token, redirect_uri, scope, expires_in, oauth2authorizedapp_id) VALUES
  (1, 'access_token-1', 'refresh_token-1', 'redirect_uri-1', 'scope-1', 10, 1),
  (2, 'access_token-2', 'refresh_token-2', 'redirect_uri-2', 'scope-2', 20, 2),
  (3, 'access_token-3', 'refresh_token-3', 'redirect_uri-3', 'scope-3', 30, 2);
SELECT setval('oauth2token_id_seq', 3);
INSERT INTO openidprovider (id, name, base_url, client_id, client_secret, enabled, display_name, google_service_account_key, google_service_account_email, admin_email, directory_sync_enabled, directory_sync_interval, directory_sync_user_behavior, directory_sync_admin_behavior, directory_sync_target, okta_private_jwk, okta_dirsync_client_id, directory_sync_group_match, jumpcloud_api_key, prefetch_users, kind) VALUES
  (1, 'name-1', 'base_url-1', 'client_id-1', 'client_secret-1', false, NULL, NULL, NULL, NULL, false, 10, 'keep', 'keep', 'all', NULL, NULL, '{a}', NULL, false, 'Custom'),
  (2, 'name-2', 'base_url-2', 'client_id-2', 'client_secret-2', true, 'display_name-2', 'google_service_account_key-2', 'google_service_account_email-2', 'admin_email-2', true, 20, 'disable', 'disable', 'users', 'okta_private_jwk-2', 'okta_dirsync_client_id-2', '{a}', 'jumpcloud_api_key-2', true, 'Google'),
  (3, 'name-3', 'base_url-3', 'client_id-3', 'client_secret-3', false, NULL, NULL, NULL, NULL, false, 30, 'delete', 'delete', 'groups', NULL, NULL, '{a}', NULL, false, 'Microsoft');
SELECT setval('openidprovider_id_seq', 3);
INSERT INTO pollingtoken (id, token, device_id, created_at) VALUES
  (1, 'token-1', 1, '2024-01-01'),
  (2, 'token-2', 2, '2024-01-02'),
  (3, 'token-3', 2, '2024-01-03');
SELECT setval('pollingtoken_id_seq', 3);
INSERT INTO proxy (id, name, address, port, connected_at, disconnected_at, certificate_expiry, version, modified_at, certificate_serial, modified_by, enabled, core_client_cert_der, core_client_cert_key_der, core_client_cert_expiry) VALUES
  (1, 'name-1', 'address-1', 10, NULL, NULL, NULL, NULL, '2024-01-01', NULL, 'modified_by-1', false, NULL, NULL, NULL),
  (2, 'name-2', 'address-2', 20, '2024-01-02', '2024-01-02', '2024-01-02', 'version-2', '2024-01-02', 'certificate_serial-2', 'modified_by-2', true, '\x02', '\x02', '2024-01-02'),
  (3, 'name-3', 'address-3', 30, NULL, NULL, NULL, NULL, '2024-01-03', NULL, 'modified_by-3', false, NULL, NULL, NULL);
SELECT setval('proxy_id_seq', 3);
INSERT INTO session (id, user_id, state, created, expires, webauthn_challenge, ip_address, device_info) VALUES
  ('id-1', 1, 10, '2024-01-01', '2024-01-01', NULL, 'ip_address-1', NULL),
  ('id-2', 2, 20, '2024-01-02', '2024-01-02', '\x02', 'ip_address-2', 'device_info-2'),
  ('id-3', 2, 30, '2024-01-03', '2024-01-03', NULL, 'ip_address-3', NULL);
INSERT INTO settings (id, openid_enabled, wireguard_enabled, webhooks_enabled, worker_enabled, challenge_template, instance_name, nav_logo_url, main_logo_url, smtp_server, smtp_port, smtp_encryption, smtp_user, smtp_password, smtp_sender, enrollment_vpn_step_optional, enrollment_welcome_message, enrollment_welcome_email, enrollment_welcome_email_subject, enrollment_use_welcome_message_as_email, uuid, ldap_url, ldap_bind_username, ldap_bind_password, ldap_group_member_attr, ldap_group_search_base, ldap_groupname_attr, ldap_user_search_base, ldap_user_obj_class, ldap_group_obj_class, ldap_username_attr, ldap_member_attr, openid_create_account, license, gateway_disconnect_notifications_enabled, gateway_disconnect_notifications_inactivity_threshold, gateway_disconnect_notifications_reconnect_notification_enabled, ldap_sync_status, ldap_enabled, ldap_sync_enabled, ldap_is_authoritative, ldap_sync_interval, ldap_user_auxiliary_obj_classes, ldap_uses_ad, ldap_use_starttls, ldap_tls_verify_cert, ldap_user_rdn_attr, ldap_sync_groups, openid_username_handling, defguard_url, default_admin_group_name, authentication_period_days, mfa_code_timeout_seconds, public_proxy_url, default_admin_id, secret_key, enable_stats_purge, stats_purge_frequency_hours, stats_purge_threshold_days, enrollment_token_timeout_hours, enrollment_send_welcome_email, password_reset_token_timeout_hours, enrollment_session_timeout_minutes, password_reset_session_timeout_minutes, ldap_remote_enrollment_enabled, ldap_remote_enrollment_send_invite, openid_signing_key_der) VALUES
  (1, false, false, false, false, 'challenge_template-1', 'instance_name-1', 'nav_logo_url-1', 'main_logo_url-1', NULL, NULL, 'none', NULL, NULL, NULL, false, NULL, NULL, NULL, false, '00000000-0000-0000-0000-000000000001', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, false, NULL, false, 10, false, 'insync', false, false, false, 10, '{a}', false, false, false, NULL, '{a}', 'remove_forbidden', 'defguard_url-1', 'default_admin_group_name-1', 10, 10, 'public_proxy_url-1', NULL, NULL, false, 10, 10, 10, false, 10, 10, 10, false, false, NULL);
SELECT setval('settings_id_seq', 1);
INSERT INTO token (id, user_id, admin_id, email, created_at, expires_at, used_at, token_type, device_id) VALUES
  ('id-1', 1, NULL, NULL, '2024-01-01', '2024-01-01', NULL, NULL, NULL),
  ('id-2', 2, 2, 'email-2', '2024-01-02', '2024-01-02', '2024-01-02', 'token_type-2', 2),
  ('id-3', 2, NULL, NULL, '2024-01-03', '2024-01-03', NULL, NULL, NULL);
INSERT INTO user_snat_binding (id, user_id, location_id, public_ip) VALUES
  (1, 1, 1, '10.9.0.1'),
  (2, 2, 2, '10.9.0.2'),
  (3, 2, 3, '10.9.0.3');
SELECT setval('user_snat_binding_id_seq', 3);
INSERT INTO webhook (id, url, description, token, enabled, on_user_created, on_user_deleted, on_user_modified, on_hwkey_provision) VALUES
  (1, 'url-1', 'description-1', 'token-1', false, false, false, false, false),
  (2, 'url-2', 'description-2', 'token-2', true, true, true, true, true),
  (3, 'url-3', 'description-3', 'token-3', false, false, false, false, false);
SELECT setval('webhook_id_seq', 3);
INSERT INTO wireguard_stats_purge (id, started_at, finished_at, removal_threshold, records_removed) VALUES
  (1, '2024-01-01', '2024-01-01', '2024-01-01', 10),
  (2, '2024-01-02', '2024-01-02', '2024-01-02', 20),
  (3, '2024-01-03', '2024-01-03', '2024-01-03', 30);
SELECT setval('wireguard_stats_purge_id_seq', 3);
INSERT INTO wizard (is_singleton, active_wizard, completed, initial_setup_state, auto_adoption_state, migration_wizard_state, last_version_migrated_to) VALUES
  (true, 'none', false, NULL, NULL, NULL, NULL);
-- Hand-made on top of the pattern: an applied rule already expired, an allowed configured
-- device without description on a rule, every proxy enabled, authorized apps pointing at
-- existing clients and users.
UPDATE aclrule SET expires = '2024-01-01' WHERE id = 1;
INSERT INTO aclruledevice (rule_id, device_id, allow) VALUES (1, 1, true);
UPDATE proxy SET enabled = true;
UPDATE oauth2authorizedapp SET oauth2client_id = id, user_id = id;
INSERT INTO aclruleuser (rule_id, user_id, allow) VALUES (1, 1, true);
-- No purge has run yet: MAX(started_at) over no rows.
DELETE FROM wireguard_stats_purge;
