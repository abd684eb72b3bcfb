-- Schema of https://github.com/DefGuard/defguard (commit ea1a50c3120705d1cf56fdf136808d4a70eb2093): its
-- migrations (the *.up.sql files) applied in order to PostgreSQL 15, then dumped
-- (pg_dump --schema-only) and reduced to the tables the corpus queries use.
CREATE TYPE device_type AS ENUM ('user', 'network');
CREATE TYPE location_mfa_mode AS ENUM ('disabled', 'internal', 'external');
CREATE TYPE mfa_method AS ENUM ('none', 'one_time_password', 'webauthn', 'email');
CREATE TYPE service_location_mode AS ENUM ('disabled', 'prelogon', 'alwayson');
CREATE TABLE device (
    id bigint NOT NULL,
    name text NOT NULL,
    wireguard_pubkey text NOT NULL,
    user_id bigint NOT NULL,
    created timestamp without time zone NOT NULL,
    device_type device_type DEFAULT 'user'::device_type NOT NULL,
    description text,
    configured boolean DEFAULT true NOT NULL
);
CREATE SEQUENCE device_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE device_id_seq OWNED BY device.id;
CREATE TABLE "group" (
    id bigint NOT NULL,
    name text NOT NULL,
    is_admin boolean DEFAULT false NOT NULL
);
CREATE SEQUENCE group_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE group_id_seq OWNED BY "group".id;
CREATE TABLE group_user (
    group_id bigint,
    user_id bigint
);
CREATE TABLE "user" (
    id bigint NOT NULL,
    username text NOT NULL,
    password_hash text,
    last_name text NOT NULL,
    first_name text NOT NULL,
    email text NOT NULL,
    phone text,
    totp_enabled boolean DEFAULT false NOT NULL,
    totp_secret bytea,
    mfa_method mfa_method DEFAULT 'none'::mfa_method NOT NULL,
    recovery_codes text[] DEFAULT ARRAY[]::text[] NOT NULL,
    mfa_enabled boolean DEFAULT false NOT NULL,
    email_mfa_enabled boolean DEFAULT false NOT NULL,
    email_mfa_secret bytea,
    is_active boolean DEFAULT true NOT NULL,
    openid_sub text,
    from_ldap boolean DEFAULT false NOT NULL,
    ldap_pass_randomized boolean DEFAULT false NOT NULL,
    ldap_rdn text,
    ldap_user_path text,
    enrollment_pending boolean DEFAULT false NOT NULL,
    ldap_remote_enrollment_completed boolean DEFAULT false NOT NULL
);
CREATE SEQUENCE user_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE user_id_seq OWNED BY "user".id;
CREATE TABLE wireguard_network (
    id bigint NOT NULL,
    name text NOT NULL,
    address inet[] NOT NULL,
    port integer NOT NULL,
    pubkey text NOT NULL,
    prvkey text NOT NULL,
    endpoint text NOT NULL,
    dns text,
    allowed_ips inet[] NOT NULL,
    connected_at timestamp without time zone,
    keepalive_interval integer DEFAULT 25 NOT NULL,
    peer_disconnect_threshold integer DEFAULT 300 NOT NULL,
    acl_enabled boolean DEFAULT false NOT NULL,
    acl_default_allow boolean DEFAULT false NOT NULL,
    location_mfa_mode location_mfa_mode DEFAULT 'disabled'::location_mfa_mode NOT NULL,
    service_location_mode service_location_mode DEFAULT 'disabled'::service_location_mode NOT NULL,
    mtu integer DEFAULT 1420 NOT NULL,
    fwmark bigint DEFAULT 0 NOT NULL,
    allow_all_groups boolean DEFAULT false NOT NULL
);
CREATE TABLE wireguard_network_device (
    device_id bigint NOT NULL,
    wireguard_network_id bigint NOT NULL,
    id bigint NOT NULL,
    wireguard_ips inet[] DEFAULT '{}'::inet[] NOT NULL
);
CREATE SEQUENCE wireguard_network_device_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE wireguard_network_device_id_seq OWNED BY wireguard_network_device.id;
CREATE SEQUENCE wireguard_network_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE wireguard_network_id_seq OWNED BY wireguard_network.id;
ALTER TABLE ONLY device ALTER COLUMN id SET DEFAULT nextval('device_id_seq'::regclass);
ALTER TABLE ONLY "group" ALTER COLUMN id SET DEFAULT nextval('group_id_seq'::regclass);
ALTER TABLE ONLY "user" ALTER COLUMN id SET DEFAULT nextval('user_id_seq'::regclass);
ALTER TABLE ONLY wireguard_network ALTER COLUMN id SET DEFAULT nextval('wireguard_network_id_seq'::regclass);
ALTER TABLE ONLY wireguard_network_device ALTER COLUMN id SET DEFAULT nextval('wireguard_network_device_id_seq'::regclass);
ALTER TABLE ONLY wireguard_network_device
    ADD CONSTRAINT device_network UNIQUE (device_id, wireguard_network_id);
ALTER TABLE ONLY device
    ADD CONSTRAINT device_pkey PRIMARY KEY (id);
ALTER TABLE ONLY "group"
    ADD CONSTRAINT group_name_key UNIQUE (name);
ALTER TABLE ONLY "group"
    ADD CONSTRAINT group_pkey PRIMARY KEY (id);
ALTER TABLE ONLY group_user
    ADD CONSTRAINT group_user_unique UNIQUE (group_id, user_id);
ALTER TABLE ONLY device
    ADD CONSTRAINT name_user UNIQUE (name, user_id, device_type);
ALTER TABLE ONLY "user"
    ADD CONSTRAINT unique_ldap_rdn_path UNIQUE (ldap_user_path, ldap_rdn);
ALTER TABLE ONLY "user"
    ADD CONSTRAINT user_openid_sub_key UNIQUE (openid_sub);
ALTER TABLE ONLY "user"
    ADD CONSTRAINT user_pkey PRIMARY KEY (id);
ALTER TABLE ONLY "user"
    ADD CONSTRAINT user_username_key UNIQUE (username);
ALTER TABLE ONLY wireguard_network_device
    ADD CONSTRAINT wireguard_network_device_pkey PRIMARY KEY (id);
ALTER TABLE ONLY wireguard_network
    ADD CONSTRAINT wireguard_network_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX email_unique_idx ON "user" USING btree (lower(email));
ALTER TABLE ONLY device
    ADD CONSTRAINT device_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY group_user
    ADD CONSTRAINT group_user_group_id_fkey FOREIGN KEY (group_id) REFERENCES "group"(id) ON DELETE CASCADE;
ALTER TABLE ONLY group_user
    ADD CONSTRAINT group_user_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY wireguard_network_device
    ADD CONSTRAINT wireguard_network_device_device_id_fkey FOREIGN KEY (device_id) REFERENCES device(id) ON DELETE CASCADE;
ALTER TABLE ONLY wireguard_network_device
    ADD CONSTRAINT wireguard_network_device_wireguard_network_id_fkey FOREIGN KEY (wireguard_network_id) REFERENCES wireguard_network(id) ON DELETE CASCADE;
-- Second tranche (vpn sessions, gateways, keys).
CREATE TYPE authentication_key_type AS ENUM ('ssh', 'gpg');
CREATE TYPE vpn_client_mfa_method AS ENUM ('totp', 'email', 'oidc', 'biometric', 'mobileapprove');
CREATE TYPE vpn_client_session_state AS ENUM ('new', 'connected', 'disconnected');
CREATE FUNCTION row_change() RETURNS trigger LANGUAGE plpgsql AS $function$
BEGIN
    PERFORM pg_notify(TG_TABLE_NAME || '_change',
                      json_build_object('operation', TG_OP, 'id', COALESCE(NEW.id, OLD.id))::text);
    RETURN NULL;
END;
$function$;
CREATE SEQUENCE authentication_key_id_seq;
CREATE SEQUENCE gateway_id_seq;
CREATE SEQUENCE vpn_client_session_id_seq;
CREATE SEQUENCE vpn_session_stats_id_seq;
CREATE SEQUENCE webauthn_id_seq;
CREATE SEQUENCE yubikey_id_seq;
CREATE TABLE authentication_key (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    key text NOT NULL,
    key_type authentication_key_type NOT NULL,
    name text,
    created timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    yubikey_id bigint
);
CREATE TABLE gateway (
    id bigint NOT NULL,
    location_id bigint NOT NULL,
    connected_at timestamp without time zone,
    disconnected_at timestamp without time zone,
    certificate_expiry timestamp without time zone,
    version text,
    name text NOT NULL,
    certificate_serial text,
    address text DEFAULT '127.0.0.1'::text NOT NULL,
    port integer DEFAULT 50051 NOT NULL,
    modified_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    modified_by text NOT NULL,
    core_client_cert_der bytea,
    core_client_cert_key_der bytea,
    core_client_cert_expiry timestamp without time zone
);
CREATE TABLE vpn_client_session (
    id bigint NOT NULL,
    location_id bigint NOT NULL,
    user_id bigint NOT NULL,
    device_id bigint NOT NULL,
    created_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    connected_at timestamp without time zone,
    disconnected_at timestamp without time zone,
    mfa_method vpn_client_mfa_method,
    preshared_key text,
    state vpn_client_session_state DEFAULT 'new'::vpn_client_session_state NOT NULL
);
CREATE TABLE vpn_session_stats (
    id bigint NOT NULL,
    session_id bigint NOT NULL,
    gateway_id bigint NOT NULL,
    collected_at timestamp without time zone NOT NULL,
    latest_handshake timestamp without time zone NOT NULL,
    endpoint text NOT NULL,
    total_upload bigint NOT NULL,
    total_download bigint NOT NULL,
    upload_diff bigint NOT NULL,
    download_diff bigint NOT NULL
);
CREATE TABLE webauthn (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    passkey bytea NOT NULL,
    name text NOT NULL
);
CREATE TABLE wireguard_network_allowed_group (
    network_id bigint,
    group_id bigint
);
CREATE TABLE yubikey (
    id bigint NOT NULL,
    serial text NOT NULL,
    name text NOT NULL,
    user_id bigint NOT NULL
);
ALTER TABLE ONLY authentication_key ALTER COLUMN id SET DEFAULT nextval('authentication_key_id_seq'::regclass);
ALTER TABLE ONLY gateway ALTER COLUMN id SET DEFAULT nextval('gateway_id_seq'::regclass);
ALTER TABLE ONLY vpn_client_session ALTER COLUMN id SET DEFAULT nextval('vpn_client_session_id_seq'::regclass);
ALTER TABLE ONLY vpn_session_stats ALTER COLUMN id SET DEFAULT nextval('vpn_session_stats_id_seq'::regclass);
ALTER TABLE ONLY webauthn ALTER COLUMN id SET DEFAULT nextval('webauthn_id_seq'::regclass);
ALTER TABLE ONLY yubikey ALTER COLUMN id SET DEFAULT nextval('yubikey_id_seq'::regclass);
ALTER TABLE ONLY authentication_key
    ADD CONSTRAINT authentication_key_pkey PRIMARY KEY (id);
ALTER TABLE ONLY gateway
    ADD CONSTRAINT gateway_pkey PRIMARY KEY (id);
ALTER TABLE ONLY wireguard_network_allowed_group
    ADD CONSTRAINT network_group_unique UNIQUE (network_id, group_id);
ALTER TABLE ONLY vpn_client_session
    ADD CONSTRAINT vpn_client_session_pkey PRIMARY KEY (id);
ALTER TABLE ONLY vpn_session_stats
    ADD CONSTRAINT vpn_session_stats_pkey PRIMARY KEY (id);
ALTER TABLE ONLY webauthn
    ADD CONSTRAINT webauthn_pkey PRIMARY KEY (id);
ALTER TABLE ONLY yubikey
    ADD CONSTRAINT yubikey_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX user_key_unique ON authentication_key USING btree (user_id, key_type, md5(key));
CREATE UNIQUE INDEX vpn_client_session_active_location_device_unique ON vpn_client_session USING btree (location_id, device_id) WHERE (state = ANY (ARRAY['new'::vpn_client_session_state, 'connected'::vpn_client_session_state]));
CREATE TRIGGER gateway AFTER INSERT OR DELETE OR UPDATE ON gateway FOR EACH ROW EXECUTE FUNCTION row_change();
ALTER TABLE ONLY authentication_key
    ADD CONSTRAINT authentication_key_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY authentication_key
    ADD CONSTRAINT authentication_key_yubikey_id_fkey FOREIGN KEY (yubikey_id) REFERENCES yubikey(id) ON DELETE CASCADE;
ALTER TABLE ONLY gateway
    ADD CONSTRAINT gateway_network_id_fkey FOREIGN KEY (location_id) REFERENCES wireguard_network(id) ON DELETE CASCADE;
ALTER TABLE ONLY vpn_client_session
    ADD CONSTRAINT vpn_client_session_device_id_fkey FOREIGN KEY (device_id) REFERENCES device(id) ON DELETE CASCADE;
ALTER TABLE ONLY vpn_client_session
    ADD CONSTRAINT vpn_client_session_location_id_fkey FOREIGN KEY (location_id) REFERENCES wireguard_network(id) ON DELETE CASCADE;
ALTER TABLE ONLY vpn_client_session
    ADD CONSTRAINT vpn_client_session_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY vpn_session_stats
    ADD CONSTRAINT vpn_session_stats_gateway_id_fkey FOREIGN KEY (gateway_id) REFERENCES gateway(id) ON DELETE CASCADE;
ALTER TABLE ONLY vpn_session_stats
    ADD CONSTRAINT vpn_session_stats_session_id_fkey FOREIGN KEY (session_id) REFERENCES vpn_client_session(id) ON DELETE CASCADE;
ALTER TABLE ONLY webauthn
    ADD CONSTRAINT webauthn_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY wireguard_network_allowed_group
    ADD CONSTRAINT wireguard_network_allowed_group_group_id_fkey FOREIGN KEY (group_id) REFERENCES "group"(id) ON DELETE CASCADE;
ALTER TABLE ONLY wireguard_network_allowed_group
    ADD CONSTRAINT wireguard_network_allowed_group_network_id_fkey FOREIGN KEY (network_id) REFERENCES wireguard_network(id) ON DELETE CASCADE;
ALTER TABLE ONLY yubikey
    ADD CONSTRAINT yubikey_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
