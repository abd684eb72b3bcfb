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
