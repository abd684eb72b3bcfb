-- Schema of https://github.com/DefGuard/defguard (commit ea1a50c3120705d1cf56fdf136808d4a70eb2093): its
-- migrations (the *.up.sql files) applied in order to PostgreSQL 15, then dumped
-- (pg_dump --schema-only), without plain indexes: the tables the corpus queries use.
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

-- Third tranche (ACL rules and aliases, OAuth2/OpenID, tokens, activity log, settings).
CREATE TYPE aclalias_kind AS ENUM ('destination', 'component');
CREATE TYPE aclalias_state AS ENUM ('applied', 'modified');
CREATE TYPE aclrule_state AS ENUM ('applied', 'new', 'modified', 'deleted', 'expired');
CREATE TYPE active_wizard AS ENUM ('none', 'initial', 'auto_adoption', 'migration');
CREATE TYPE activity_log_module AS ENUM ('defguard', 'client', 'vpn', 'enrollment');
CREATE TYPE client_traffic_policy AS ENUM ('none', 'disable_all_traffic', 'force_all_traffic');
CREATE TYPE dirsync_target AS ENUM ('all', 'users', 'groups');
CREATE TYPE dirsync_user_behavior AS ENUM ('keep', 'disable', 'delete');
CREATE TYPE ldap_sync_status AS ENUM ('insync', 'outofsync');
CREATE TYPE openid_provider_kind AS ENUM ('Custom', 'Google', 'Microsoft', 'Okta', 'JumpCloud', 'Zitadel');
CREATE TYPE openid_username_handling AS ENUM ('remove_forbidden', 'replace_forbidden', 'prune_email_domain');
CREATE TYPE smtp_encryption AS ENUM ('none', 'starttls', 'implicittls');
CREATE OR REPLACE FUNCTION all_ranges_bounded(ranges int4range[])
 RETURNS boolean
 LANGUAGE plpgsql
 IMMUTABLE
AS $function$
BEGIN
    RETURN (
        NOT EXISTS (
            SELECT 1
            FROM unnest(ranges) AS p
            WHERE lower(p) IS NULL OR upper(p) IS NULL
        )
    );
END;
$function$

;
CREATE TABLE aclalias (
    id bigint NOT NULL,
    name text NOT NULL,
    addresses inet[] NOT NULL,
    ports int4range[] NOT NULL,
    protocols integer[] NOT NULL,
    state aclalias_state DEFAULT 'applied'::aclalias_state NOT NULL,
    parent_id bigint,
    kind aclalias_kind NOT NULL,
    any_address boolean DEFAULT false NOT NULL,
    any_port boolean DEFAULT false NOT NULL,
    any_protocol boolean DEFAULT false NOT NULL,
    modified_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    modified_by text NOT NULL,
    CONSTRAINT bounded_ports CHECK (all_ranges_bounded(ports))
);
CREATE SEQUENCE aclalias_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE aclalias_id_seq OWNED BY aclalias.id;
CREATE TABLE aclaliasdestinationrange (
    id bigint NOT NULL,
    alias_id bigint NOT NULL,
    start inet NOT NULL,
    "end" inet NOT NULL,
    CONSTRAINT no_networks CHECK ((((host(start))::inet = start) AND ((host("end"))::inet = "end"))),
    CONSTRAINT range_order CHECK ((start < "end"))
);
CREATE SEQUENCE aclaliasdestinationrange_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE aclaliasdestinationrange_id_seq OWNED BY aclaliasdestinationrange.id;
CREATE TABLE aclrule (
    id bigint NOT NULL,
    name text NOT NULL,
    allow_all_users boolean NOT NULL,
    deny_all_users boolean NOT NULL,
    all_locations boolean NOT NULL,
    addresses inet[] NOT NULL,
    ports int4range[] NOT NULL,
    protocols integer[] NOT NULL,
    expires timestamp without time zone,
    enabled boolean DEFAULT true NOT NULL,
    state aclrule_state DEFAULT 'new'::aclrule_state NOT NULL,
    parent_id bigint,
    allow_all_network_devices boolean DEFAULT false NOT NULL,
    deny_all_network_devices boolean DEFAULT false NOT NULL,
    any_address boolean DEFAULT false NOT NULL,
    any_port boolean DEFAULT false NOT NULL,
    any_protocol boolean DEFAULT false NOT NULL,
    use_manual_destination_settings boolean DEFAULT true NOT NULL,
    allow_all_groups boolean DEFAULT false NOT NULL,
    deny_all_groups boolean DEFAULT false NOT NULL,
    modified_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    modified_by text NOT NULL,
    CONSTRAINT bounded_ports CHECK (all_ranges_bounded(ports))
);
CREATE SEQUENCE aclrule_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE aclrule_id_seq OWNED BY aclrule.id;
CREATE TABLE aclrulealias (
    id bigint NOT NULL,
    rule_id bigint NOT NULL,
    alias_id bigint NOT NULL
);
CREATE SEQUENCE aclrulealias_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE aclrulealias_id_seq OWNED BY aclrulealias.id;
CREATE TABLE aclruledestinationrange (
    id bigint NOT NULL,
    rule_id bigint NOT NULL,
    start inet NOT NULL,
    "end" inet NOT NULL,
    CONSTRAINT no_networks CHECK ((((host(start))::inet = start) AND ((host("end"))::inet = "end"))),
    CONSTRAINT range_order CHECK ((start < "end"))
);
CREATE SEQUENCE aclruledestinationrange_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE aclruledestinationrange_id_seq OWNED BY aclruledestinationrange.id;
CREATE TABLE aclruledevice (
    id bigint NOT NULL,
    rule_id bigint NOT NULL,
    device_id bigint NOT NULL,
    allow boolean NOT NULL
);
CREATE SEQUENCE aclruledevice_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE aclruledevice_id_seq OWNED BY aclruledevice.id;
CREATE TABLE aclrulegroup (
    id bigint NOT NULL,
    rule_id bigint NOT NULL,
    group_id bigint NOT NULL,
    allow boolean NOT NULL
);
CREATE SEQUENCE aclrulegroup_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE aclrulegroup_id_seq OWNED BY aclrulegroup.id;
CREATE TABLE aclrulenetwork (
    id bigint NOT NULL,
    rule_id bigint NOT NULL,
    network_id bigint NOT NULL
);
CREATE SEQUENCE aclrulenetwork_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE aclrulenetwork_id_seq OWNED BY aclrulenetwork.id;
CREATE TABLE aclruleuser (
    id bigint NOT NULL,
    rule_id bigint NOT NULL,
    user_id bigint NOT NULL,
    allow boolean NOT NULL
);
CREATE SEQUENCE aclruleuser_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE aclruleuser_id_seq OWNED BY aclruleuser.id;
CREATE TABLE activity_log_event (
    id bigint NOT NULL,
    "timestamp" timestamp without time zone NOT NULL,
    user_id bigint NOT NULL,
    username text NOT NULL,
    ip inet,
    event text NOT NULL,
    module activity_log_module NOT NULL,
    device text NOT NULL,
    metadata jsonb,
    description text,
    location text
);
CREATE SEQUENCE activity_log_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE activity_log_event_id_seq OWNED BY activity_log_event.id;
CREATE TABLE activity_log_stream (
    id bigint NOT NULL,
    name text NOT NULL,
    stream_type text NOT NULL,
    config jsonb NOT NULL
);
CREATE SEQUENCE activity_log_stream_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE activity_log_stream_id_seq OWNED BY activity_log_stream.id;
CREATE TABLE api_token (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    created_at timestamp without time zone NOT NULL,
    name text NOT NULL,
    token_hash text NOT NULL
);
CREATE SEQUENCE api_token_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE api_token_id_seq OWNED BY api_token.id;
CREATE TABLE authorization_code (
    id bigint NOT NULL,
    client_id text NOT NULL,
    code text NOT NULL,
    redirect_uri text NOT NULL,
    scope text NOT NULL,
    auth_time bigint NOT NULL,
    nonce text,
    code_challenge text,
    user_id bigint NOT NULL
);
CREATE SEQUENCE authorization_code_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE authorization_code_id_seq OWNED BY authorization_code.id;
CREATE TABLE biometric_auth (
    id bigint NOT NULL,
    pub_key text NOT NULL,
    device_id bigint NOT NULL
);
CREATE SEQUENCE biometric_auth_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE biometric_auth_id_seq OWNED BY biometric_auth.id;
CREATE TABLE certificates (
    id integer DEFAULT 1 NOT NULL,
    ca_cert_der bytea,
    ca_key_der bytea,
    ca_expiry timestamp without time zone,
    proxy_http_cert_source text DEFAULT 'none'::text NOT NULL,
    proxy_http_cert_pem text,
    proxy_http_cert_key_pem text,
    proxy_http_cert_expiry timestamp without time zone,
    acme_domain text,
    acme_account_credentials text,
    core_http_cert_source text DEFAULT 'none'::text NOT NULL,
    core_http_cert_pem text,
    core_http_cert_key_pem text,
    core_http_cert_expiry timestamp without time zone,
    CONSTRAINT single_row CHECK ((id = 1))
);
CREATE TABLE device_login_event (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    ip_address text NOT NULL,
    model text,
    family text NOT NULL,
    brand text,
    browser text NOT NULL,
    os_family text NOT NULL,
    event_type text NOT NULL,
    created timestamp without time zone NOT NULL
);
CREATE SEQUENCE device_login_event_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE device_login_event_id_seq OWNED BY device_login_event.id;
CREATE TABLE enterprisesettings (
    id bigint NOT NULL,
    admin_device_management boolean DEFAULT false NOT NULL,
    only_client_activation boolean DEFAULT false NOT NULL,
    client_traffic_policy client_traffic_policy DEFAULT 'none'::client_traffic_policy NOT NULL
);
CREATE SEQUENCE enterprisesettings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE enterprisesettings_id_seq OWNED BY enterprisesettings.id;
CREATE TABLE mail_context (
    template text NOT NULL,
    section text NOT NULL,
    language_tag text NOT NULL,
    text text NOT NULL,
    enabled boolean DEFAULT true NOT NULL
);
CREATE TABLE oauth2authorizedapp (
    id bigint NOT NULL,
    oauth2client_id bigint NOT NULL,
    user_id bigint NOT NULL
);
CREATE SEQUENCE oauth2authorizedapp_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE oauth2authorizedapp_id_seq OWNED BY oauth2authorizedapp.id;
CREATE TABLE oauth2client (
    id bigint NOT NULL,
    client_id text NOT NULL,
    client_secret text NOT NULL,
    redirect_uri text[] NOT NULL,
    scope text[] NOT NULL,
    name text DEFAULT 'OAuth2 Application'::text NOT NULL,
    enabled boolean DEFAULT true NOT NULL
);
CREATE SEQUENCE oauth2client_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE oauth2client_id_seq OWNED BY oauth2client.id;
CREATE TABLE oauth2token (
    id bigint NOT NULL,
    access_token text NOT NULL,
    refresh_token text NOT NULL,
    redirect_uri text NOT NULL,
    scope text NOT NULL,
    expires_in bigint NOT NULL,
    oauth2authorizedapp_id bigint NOT NULL
);
CREATE SEQUENCE oauth2token_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE oauth2token_id_seq OWNED BY oauth2token.id;
CREATE TABLE openidprovider (
    id bigint NOT NULL,
    name text NOT NULL,
    base_url text NOT NULL,
    client_id text NOT NULL,
    client_secret text NOT NULL,
    enabled boolean DEFAULT false NOT NULL,
    display_name text,
    google_service_account_key text,
    google_service_account_email text,
    admin_email text,
    directory_sync_enabled boolean DEFAULT false NOT NULL,
    directory_sync_interval integer DEFAULT 600 NOT NULL,
    directory_sync_user_behavior dirsync_user_behavior DEFAULT 'keep'::dirsync_user_behavior NOT NULL,
    directory_sync_admin_behavior dirsync_user_behavior DEFAULT 'keep'::dirsync_user_behavior NOT NULL,
    directory_sync_target dirsync_target DEFAULT 'all'::dirsync_target NOT NULL,
    okta_private_jwk text,
    okta_dirsync_client_id text,
    directory_sync_group_match text[] DEFAULT '{}'::text[] NOT NULL,
    jumpcloud_api_key text,
    prefetch_users boolean DEFAULT false NOT NULL,
    kind openid_provider_kind DEFAULT 'Custom'::openid_provider_kind NOT NULL
);
CREATE SEQUENCE openidprovider_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE openidprovider_id_seq OWNED BY openidprovider.id;
CREATE TABLE pollingtoken (
    id bigint NOT NULL,
    token text NOT NULL,
    device_id bigint NOT NULL,
    created_at timestamp without time zone DEFAULT now() NOT NULL
);
CREATE SEQUENCE pollingtoken_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE pollingtoken_id_seq OWNED BY pollingtoken.id;
CREATE TABLE proxy (
    id bigint NOT NULL,
    name text NOT NULL,
    address text NOT NULL,
    port integer NOT NULL,
    connected_at timestamp without time zone,
    disconnected_at timestamp without time zone,
    certificate_expiry timestamp without time zone,
    version text,
    modified_at timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    certificate_serial text,
    modified_by text NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    core_client_cert_der bytea,
    core_client_cert_key_der bytea,
    core_client_cert_expiry timestamp without time zone
);
CREATE SEQUENCE proxy_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE proxy_id_seq OWNED BY proxy.id;
CREATE TABLE session (
    id text NOT NULL,
    user_id bigint NOT NULL,
    state smallint NOT NULL,
    created timestamp without time zone NOT NULL,
    expires timestamp without time zone NOT NULL,
    webauthn_challenge bytea,
    ip_address text NOT NULL,
    device_info text
);
CREATE TABLE settings (
    id bigint NOT NULL,
    openid_enabled boolean NOT NULL,
    wireguard_enabled boolean NOT NULL,
    webhooks_enabled boolean NOT NULL,
    worker_enabled boolean NOT NULL,
    challenge_template text NOT NULL,
    instance_name text DEFAULT 'Defguard'::text NOT NULL,
    nav_logo_url text DEFAULT '/svg/defguard-nav-logo.svg'::text NOT NULL,
    main_logo_url text DEFAULT '/svg/logo-defguard-white.svg'::text NOT NULL,
    smtp_server text,
    smtp_port integer,
    smtp_encryption smtp_encryption DEFAULT 'starttls'::smtp_encryption NOT NULL,
    smtp_user text,
    smtp_password text,
    smtp_sender text,
    enrollment_vpn_step_optional boolean DEFAULT true NOT NULL,
    enrollment_welcome_message text,
    enrollment_welcome_email text,
    enrollment_welcome_email_subject text,
    enrollment_use_welcome_message_as_email boolean DEFAULT true NOT NULL,
    uuid uuid DEFAULT gen_random_uuid() NOT NULL,
    ldap_url text,
    ldap_bind_username text DEFAULT 'cn=admin,dc=example,dc=org'::text,
    ldap_bind_password text,
    ldap_group_member_attr text DEFAULT 'uniqueMember'::text,
    ldap_group_search_base text DEFAULT 'ou=groups,dc=example,dc=org'::text,
    ldap_groupname_attr text DEFAULT 'cn'::text,
    ldap_user_search_base text DEFAULT 'ou=users,dc=example,dc=org'::text,
    ldap_user_obj_class text DEFAULT 'inetOrgPerson'::text,
    ldap_group_obj_class text DEFAULT 'groupOfUniqueNames'::text,
    ldap_username_attr text DEFAULT 'cn'::text,
    ldap_member_attr text DEFAULT 'memberOf'::text,
    openid_create_account boolean DEFAULT true NOT NULL,
    license text,
    gateway_disconnect_notifications_enabled boolean DEFAULT false NOT NULL,
    gateway_disconnect_notifications_inactivity_threshold integer DEFAULT 5 NOT NULL,
    gateway_disconnect_notifications_reconnect_notification_enabled boolean DEFAULT false NOT NULL,
    ldap_sync_status ldap_sync_status DEFAULT 'outofsync'::ldap_sync_status NOT NULL,
    ldap_enabled boolean DEFAULT false NOT NULL,
    ldap_sync_enabled boolean DEFAULT false NOT NULL,
    ldap_is_authoritative boolean DEFAULT false NOT NULL,
    ldap_sync_interval integer DEFAULT 300 NOT NULL,
    ldap_user_auxiliary_obj_classes text[] DEFAULT ARRAY['simpleSecurityObject'::text, 'sambaSamAccount'::text] NOT NULL,
    ldap_uses_ad boolean DEFAULT false NOT NULL,
    ldap_use_starttls boolean DEFAULT false NOT NULL,
    ldap_tls_verify_cert boolean DEFAULT true NOT NULL,
    ldap_user_rdn_attr text,
    ldap_sync_groups text[] DEFAULT '{}'::text[] NOT NULL,
    openid_username_handling openid_username_handling DEFAULT 'remove_forbidden'::openid_username_handling NOT NULL,
    defguard_url text DEFAULT 'http://localhost:8000'::text NOT NULL,
    default_admin_group_name text DEFAULT 'admin'::text NOT NULL,
    authentication_period_days integer DEFAULT 7 NOT NULL,
    mfa_code_timeout_seconds integer DEFAULT 60 NOT NULL,
    public_proxy_url text DEFAULT 'http://localhost:8080'::text NOT NULL,
    default_admin_id bigint,
    secret_key text,
    enable_stats_purge boolean DEFAULT true NOT NULL,
    stats_purge_frequency_hours integer DEFAULT 24 NOT NULL,
    stats_purge_threshold_days integer DEFAULT 30 NOT NULL,
    enrollment_token_timeout_hours integer DEFAULT 24 NOT NULL,
    enrollment_send_welcome_email boolean DEFAULT true NOT NULL,
    password_reset_token_timeout_hours integer DEFAULT 24 NOT NULL,
    enrollment_session_timeout_minutes integer DEFAULT 10 NOT NULL,
    password_reset_session_timeout_minutes integer DEFAULT 10 NOT NULL,
    ldap_remote_enrollment_enabled boolean DEFAULT false NOT NULL,
    ldap_remote_enrollment_send_invite boolean DEFAULT false NOT NULL,
    openid_signing_key_der bytea
);
CREATE SEQUENCE settings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE settings_id_seq OWNED BY settings.id;
CREATE TABLE token (
    id text NOT NULL,
    user_id bigint NOT NULL,
    admin_id bigint,
    email text,
    created_at timestamp without time zone NOT NULL,
    expires_at timestamp without time zone NOT NULL,
    used_at timestamp without time zone,
    token_type text DEFAULT 'ENROLLMENT'::text,
    device_id bigint
);
CREATE TABLE user_snat_binding (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    location_id bigint NOT NULL,
    public_ip inet NOT NULL
);
CREATE SEQUENCE user_snat_binding_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE user_snat_binding_id_seq OWNED BY user_snat_binding.id;
CREATE TABLE webhook (
    id bigint NOT NULL,
    url text NOT NULL,
    description text NOT NULL,
    token text NOT NULL,
    enabled boolean NOT NULL,
    on_user_created boolean DEFAULT false NOT NULL,
    on_user_deleted boolean DEFAULT false NOT NULL,
    on_user_modified boolean DEFAULT false NOT NULL,
    on_hwkey_provision boolean DEFAULT false NOT NULL
);
CREATE SEQUENCE webhook_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE webhook_id_seq OWNED BY webhook.id;
CREATE TABLE wireguard_stats_purge (
    id bigint NOT NULL,
    started_at timestamp without time zone NOT NULL,
    finished_at timestamp without time zone NOT NULL,
    removal_threshold timestamp without time zone NOT NULL,
    records_removed bigint NOT NULL
);
CREATE SEQUENCE wireguard_stats_purge_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE wireguard_stats_purge_id_seq OWNED BY wireguard_stats_purge.id;
CREATE TABLE wizard (
    is_singleton boolean DEFAULT true NOT NULL,
    active_wizard active_wizard DEFAULT 'none'::active_wizard NOT NULL,
    completed boolean DEFAULT false NOT NULL,
    initial_setup_state jsonb,
    auto_adoption_state jsonb,
    migration_wizard_state jsonb,
    last_version_migrated_to text,
    CONSTRAINT wizard_is_singleton_check CHECK (is_singleton)
);
ALTER TABLE ONLY aclalias ALTER COLUMN id SET DEFAULT nextval('aclalias_id_seq'::regclass);
ALTER TABLE ONLY aclaliasdestinationrange ALTER COLUMN id SET DEFAULT nextval('aclaliasdestinationrange_id_seq'::regclass);
ALTER TABLE ONLY aclrule ALTER COLUMN id SET DEFAULT nextval('aclrule_id_seq'::regclass);
ALTER TABLE ONLY aclrulealias ALTER COLUMN id SET DEFAULT nextval('aclrulealias_id_seq'::regclass);
ALTER TABLE ONLY aclruledestinationrange ALTER COLUMN id SET DEFAULT nextval('aclruledestinationrange_id_seq'::regclass);
ALTER TABLE ONLY aclruledevice ALTER COLUMN id SET DEFAULT nextval('aclruledevice_id_seq'::regclass);
ALTER TABLE ONLY aclrulegroup ALTER COLUMN id SET DEFAULT nextval('aclrulegroup_id_seq'::regclass);
ALTER TABLE ONLY aclrulenetwork ALTER COLUMN id SET DEFAULT nextval('aclrulenetwork_id_seq'::regclass);
ALTER TABLE ONLY aclruleuser ALTER COLUMN id SET DEFAULT nextval('aclruleuser_id_seq'::regclass);
ALTER TABLE ONLY activity_log_event ALTER COLUMN id SET DEFAULT nextval('activity_log_event_id_seq'::regclass);
ALTER TABLE ONLY activity_log_stream ALTER COLUMN id SET DEFAULT nextval('activity_log_stream_id_seq'::regclass);
ALTER TABLE ONLY api_token ALTER COLUMN id SET DEFAULT nextval('api_token_id_seq'::regclass);
ALTER TABLE ONLY authorization_code ALTER COLUMN id SET DEFAULT nextval('authorization_code_id_seq'::regclass);
ALTER TABLE ONLY biometric_auth ALTER COLUMN id SET DEFAULT nextval('biometric_auth_id_seq'::regclass);
ALTER TABLE ONLY device_login_event ALTER COLUMN id SET DEFAULT nextval('device_login_event_id_seq'::regclass);
ALTER TABLE ONLY enterprisesettings ALTER COLUMN id SET DEFAULT nextval('enterprisesettings_id_seq'::regclass);
ALTER TABLE ONLY oauth2authorizedapp ALTER COLUMN id SET DEFAULT nextval('oauth2authorizedapp_id_seq'::regclass);
ALTER TABLE ONLY oauth2client ALTER COLUMN id SET DEFAULT nextval('oauth2client_id_seq'::regclass);
ALTER TABLE ONLY oauth2token ALTER COLUMN id SET DEFAULT nextval('oauth2token_id_seq'::regclass);
ALTER TABLE ONLY openidprovider ALTER COLUMN id SET DEFAULT nextval('openidprovider_id_seq'::regclass);
ALTER TABLE ONLY pollingtoken ALTER COLUMN id SET DEFAULT nextval('pollingtoken_id_seq'::regclass);
ALTER TABLE ONLY proxy ALTER COLUMN id SET DEFAULT nextval('proxy_id_seq'::regclass);
ALTER TABLE ONLY settings ALTER COLUMN id SET DEFAULT nextval('settings_id_seq'::regclass);
ALTER TABLE ONLY user_snat_binding ALTER COLUMN id SET DEFAULT nextval('user_snat_binding_id_seq'::regclass);
ALTER TABLE ONLY webhook ALTER COLUMN id SET DEFAULT nextval('webhook_id_seq'::regclass);
ALTER TABLE ONLY wireguard_stats_purge ALTER COLUMN id SET DEFAULT nextval('wireguard_stats_purge_id_seq'::regclass);
ALTER TABLE ONLY aclalias
    ADD CONSTRAINT aclalias_pkey PRIMARY KEY (id);
ALTER TABLE ONLY aclaliasdestinationrange
    ADD CONSTRAINT aclaliasdestinationrange_pkey PRIMARY KEY (id);
ALTER TABLE ONLY aclrule
    ADD CONSTRAINT aclrule_pkey PRIMARY KEY (id);
ALTER TABLE ONLY aclrulealias
    ADD CONSTRAINT aclrulealias_pkey PRIMARY KEY (id);
ALTER TABLE ONLY aclruledestinationrange
    ADD CONSTRAINT aclruledestinationrange_pkey PRIMARY KEY (id);
ALTER TABLE ONLY aclruledevice
    ADD CONSTRAINT aclruledevice_pkey PRIMARY KEY (id);
ALTER TABLE ONLY aclrulegroup
    ADD CONSTRAINT aclrulegroup_pkey PRIMARY KEY (id);
ALTER TABLE ONLY aclrulenetwork
    ADD CONSTRAINT aclrulenetwork_pkey PRIMARY KEY (id);
ALTER TABLE ONLY aclruleuser
    ADD CONSTRAINT aclruleuser_pkey PRIMARY KEY (id);
ALTER TABLE ONLY activity_log_event
    ADD CONSTRAINT activity_log_event_pkey PRIMARY KEY (id);
ALTER TABLE ONLY activity_log_stream
    ADD CONSTRAINT activity_log_stream_pkey PRIMARY KEY (id);
ALTER TABLE ONLY aclalias
    ADD CONSTRAINT alias_unique_parent_id UNIQUE (parent_id);
ALTER TABLE ONLY api_token
    ADD CONSTRAINT api_token_pkey PRIMARY KEY (id);
ALTER TABLE ONLY authorization_code
    ADD CONSTRAINT authorization_code_code_key UNIQUE (code);
ALTER TABLE ONLY authorization_code
    ADD CONSTRAINT authorization_code_pkey PRIMARY KEY (id);
ALTER TABLE ONLY biometric_auth
    ADD CONSTRAINT biometric_auth_device UNIQUE (device_id);
ALTER TABLE ONLY biometric_auth
    ADD CONSTRAINT biometric_auth_pkey PRIMARY KEY (id);
ALTER TABLE ONLY certificates
    ADD CONSTRAINT certificates_pkey PRIMARY KEY (id);
ALTER TABLE ONLY device_login_event
    ADD CONSTRAINT device_login_event_pkey PRIMARY KEY (id);
ALTER TABLE ONLY token
    ADD CONSTRAINT enrollment_pkey PRIMARY KEY (id);
ALTER TABLE ONLY enterprisesettings
    ADD CONSTRAINT enterprisesettings_pkey PRIMARY KEY (id);
ALTER TABLE ONLY oauth2authorizedapp
    ADD CONSTRAINT oauth2authorizedapp_pkey PRIMARY KEY (id);
ALTER TABLE ONLY oauth2client
    ADD CONSTRAINT oauth2client_client_id_key UNIQUE (client_id);
ALTER TABLE ONLY oauth2client
    ADD CONSTRAINT oauth2client_pkey PRIMARY KEY (id);
ALTER TABLE ONLY oauth2token
    ADD CONSTRAINT oauth2token_access_token_key UNIQUE (access_token);
ALTER TABLE ONLY oauth2token
    ADD CONSTRAINT oauth2token_pkey PRIMARY KEY (id);
ALTER TABLE ONLY oauth2token
    ADD CONSTRAINT oauth2token_refresh_token_key UNIQUE (refresh_token);
ALTER TABLE ONLY openidprovider
    ADD CONSTRAINT openidprovider_client_id_unique UNIQUE (client_id);
ALTER TABLE ONLY openidprovider
    ADD CONSTRAINT openidprovider_client_secret_unique UNIQUE (client_secret);
ALTER TABLE ONLY openidprovider
    ADD CONSTRAINT openidprovider_name_unique UNIQUE (name);
ALTER TABLE ONLY openidprovider
    ADD CONSTRAINT openidprovider_pkey PRIMARY KEY (id);
ALTER TABLE ONLY pollingtoken
    ADD CONSTRAINT pollingtoken_pkey PRIMARY KEY (id);
ALTER TABLE ONLY proxy
    ADD CONSTRAINT proxy_pkey PRIMARY KEY (id);
ALTER TABLE ONLY aclrulealias
    ADD CONSTRAINT rule_alias UNIQUE (rule_id, alias_id);
ALTER TABLE ONLY aclruledevice
    ADD CONSTRAINT rule_device UNIQUE (rule_id, device_id, allow);
ALTER TABLE ONLY aclrulegroup
    ADD CONSTRAINT rule_group UNIQUE (rule_id, group_id, allow);
ALTER TABLE ONLY aclrulenetwork
    ADD CONSTRAINT rule_network UNIQUE (rule_id, network_id);
ALTER TABLE ONLY aclruleuser
    ADD CONSTRAINT rule_user UNIQUE (rule_id, user_id, allow);
ALTER TABLE ONLY session
    ADD CONSTRAINT session_pkey PRIMARY KEY (id);
ALTER TABLE ONLY settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (id);
ALTER TABLE ONLY proxy
    ADD CONSTRAINT unique_address_port UNIQUE (address, port);
ALTER TABLE ONLY aclrule
    ADD CONSTRAINT unique_parent_id UNIQUE (parent_id);
ALTER TABLE ONLY user_snat_binding
    ADD CONSTRAINT user_location UNIQUE (user_id, location_id);
ALTER TABLE ONLY user_snat_binding
    ADD CONSTRAINT user_snat_binding_pkey PRIMARY KEY (id);
ALTER TABLE ONLY webhook
    ADD CONSTRAINT webhook_pkey PRIMARY KEY (id);
ALTER TABLE ONLY webhook
    ADD CONSTRAINT webhook_url_key UNIQUE (url);
ALTER TABLE ONLY wireguard_stats_purge
    ADD CONSTRAINT wireguard_stats_purge_pkey PRIMARY KEY (id);
ALTER TABLE ONLY wizard
    ADD CONSTRAINT wizard_pkey PRIMARY KEY (is_singleton);
CREATE UNIQUE INDEX api_token_token_hash_idx ON api_token USING btree (token_hash);
ALTER TABLE ONLY aclaliasdestinationrange
    ADD CONSTRAINT aclaliasdestinationrange_alias_id_fkey FOREIGN KEY (alias_id) REFERENCES aclalias(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclrulealias
    ADD CONSTRAINT aclrulealias_alias_id_fkey FOREIGN KEY (alias_id) REFERENCES aclalias(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclrulealias
    ADD CONSTRAINT aclrulealias_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES aclrule(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclruledestinationrange
    ADD CONSTRAINT aclruledestinationrange_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES aclrule(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclruledevice
    ADD CONSTRAINT aclruledevice_device_id_fkey FOREIGN KEY (device_id) REFERENCES device(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclruledevice
    ADD CONSTRAINT aclruledevice_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES aclrule(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclrulegroup
    ADD CONSTRAINT aclrulegroup_group_id_fkey FOREIGN KEY (group_id) REFERENCES "group"(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclrulegroup
    ADD CONSTRAINT aclrulegroup_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES aclrule(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclrulenetwork
    ADD CONSTRAINT aclrulenetwork_network_id_fkey FOREIGN KEY (network_id) REFERENCES wireguard_network(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclrulenetwork
    ADD CONSTRAINT aclrulenetwork_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES aclrule(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclruleuser
    ADD CONSTRAINT aclruleuser_rule_id_fkey FOREIGN KEY (rule_id) REFERENCES aclrule(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclruleuser
    ADD CONSTRAINT aclruleuser_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclalias
    ADD CONSTRAINT alias_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES aclalias(id);
ALTER TABLE ONLY api_token
    ADD CONSTRAINT api_token_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY authorization_code
    ADD CONSTRAINT authorization_code_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY biometric_auth
    ADD CONSTRAINT biometric_auth_device_id_fkey FOREIGN KEY (device_id) REFERENCES device(id) ON DELETE CASCADE;
ALTER TABLE ONLY device_login_event
    ADD CONSTRAINT device_login_event_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY token
    ADD CONSTRAINT enrollment_admin_id_fkey FOREIGN KEY (admin_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY token
    ADD CONSTRAINT enrollment_device_id_fkey FOREIGN KEY (device_id) REFERENCES device(id) ON DELETE CASCADE;
ALTER TABLE ONLY token
    ADD CONSTRAINT enrollment_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY settings
    ADD CONSTRAINT fk_default_admin FOREIGN KEY (default_admin_id) REFERENCES "user"(id) ON DELETE SET NULL;
ALTER TABLE ONLY oauth2token
    ADD CONSTRAINT oauth2token_oauth2authorizedapp_id_fkey FOREIGN KEY (oauth2authorizedapp_id) REFERENCES oauth2authorizedapp(id) ON DELETE CASCADE;
ALTER TABLE ONLY aclrule
    ADD CONSTRAINT parent_id_fkey FOREIGN KEY (parent_id) REFERENCES aclrule(id);
ALTER TABLE ONLY pollingtoken
    ADD CONSTRAINT pollingtoken_device_id_fkey FOREIGN KEY (device_id) REFERENCES device(id) ON DELETE CASCADE;
ALTER TABLE ONLY session
    ADD CONSTRAINT session_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
ALTER TABLE ONLY user_snat_binding
    ADD CONSTRAINT user_snat_binding_location_id_fkey FOREIGN KEY (location_id) REFERENCES wireguard_network(id) ON DELETE CASCADE;
ALTER TABLE ONLY user_snat_binding
    ADD CONSTRAINT user_snat_binding_user_id_fkey FOREIGN KEY (user_id) REFERENCES "user"(id) ON DELETE CASCADE;
