-- Schema of https://github.com/DefGuard/defguard (commit ea1a50c3120705d1cf56fdf136808d4a70eb2093): its
-- migrations (the *.up.sql files) applied in order to PostgreSQL 15, then dumped (pg_dump --schema-only)
-- and reduced to what the corpus queries use.
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
