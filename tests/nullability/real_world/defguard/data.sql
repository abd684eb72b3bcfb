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
