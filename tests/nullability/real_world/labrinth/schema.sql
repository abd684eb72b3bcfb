-- Schema of https://github.com/modrinth/code's apps/labrinth (commit fe9ae94a5d9ac1e9d37c3088c9cdca1f55b5a61f): its
-- migrations applied in order to PostgreSQL 15, then dumped (pg_dump --schema-only) without
-- plain indexes. Whole: its views and foreign keys tie the tables the queries use to the rest.
CREATE EXTENSION IF NOT EXISTS tsm_system_rows WITH SCHEMA public;
CREATE TYPE delphi_report_issue_status AS ENUM (
    'pending',
    'safe',
    'unsafe'
);
CREATE TYPE delphi_severity AS ENUM (
    'low',
    'medium',
    'high',
    'severe'
);
CREATE FUNCTION from_base62(input character varying) RETURNS bigint
    LANGUAGE plpgsql IMMUTABLE
    AS $$
DECLARE
    base INT := 62;
    chars VARCHAR := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    result BIGINT := 0;
    i INT;
    char VARCHAR;
    index INT;
BEGIN
    FOR i IN 1..LENGTH(input) LOOP
        char := SUBSTRING(input FROM i FOR 1);
        index := POSITION(char IN chars) - 1;
        IF index < 0 THEN
            RAISE EXCEPTION 'Error: Invalid character in input string';
        END IF;
        result := result * base + index;
    END LOOP;
    RETURN result;
END;
$$;
CREATE FUNCTION to_base62(input bigint) RETURNS character varying
    LANGUAGE plpgsql IMMUTABLE
    AS $$
DECLARE
    base INT := 62;
    chars VARCHAR := '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
    result VARCHAR := '';
    remainder INT;
BEGIN
    WHILE input > 0 LOOP
        remainder := input % base;
        result := SUBSTRING(chars FROM remainder + 1 FOR 1) || result;
        input := input / base;
    END LOOP;
    RETURN result;
END;
$$;
CREATE TABLE affiliate_codes (
    id bigint NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    created_by bigint NOT NULL,
    affiliate bigint NOT NULL,
    revenue_split double precision,
    source_name character varying(255) DEFAULT '(unnamed)'::character varying NOT NULL
);
CREATE TABLE analytics_events (
    id bigint NOT NULL,
    meta jsonb NOT NULL,
    starts timestamp with time zone NOT NULL,
    ends timestamp with time zone NOT NULL
);
CREATE TABLE attributions_exemptions (
    version_id bigint,
    project_id bigint,
    CONSTRAINT attributions_exemptions_check CHECK (((version_id IS NULL) <> (project_id IS NULL)))
);
CREATE TABLE versions (
    id bigint NOT NULL,
    mod_id bigint NOT NULL,
    name character varying(255) NOT NULL,
    version_number character varying(255) NOT NULL,
    date_published timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    downloads integer DEFAULT 0 NOT NULL,
    author_id bigint DEFAULT 0 NOT NULL,
    featured boolean DEFAULT false NOT NULL,
    changelog character varying(65536) DEFAULT ''::character varying NOT NULL,
    version_type character varying(255) NOT NULL,
    status character varying(128) DEFAULT 'listed'::character varying NOT NULL,
    requested_status character varying(128),
    ordering integer,
    components jsonb DEFAULT '{}'::jsonb NOT NULL
);
CREATE VIEW attribution_enforced_versions AS
 SELECT v.id
   FROM versions v
  WHERE ((NOT (EXISTS ( SELECT 1
           FROM attributions_exemptions ae
          WHERE (ae.version_id = v.id)))) AND (NOT (EXISTS ( SELECT 1
           FROM attributions_exemptions ae
          WHERE (ae.project_id = v.mod_id)))));
CREATE TABLE blocked_users (
    user_id bigint NOT NULL,
    blocked_id bigint NOT NULL
);
CREATE TABLE campaign_donations (
    id bigint NOT NULL,
    tiltify_event_id uuid NOT NULL,
    raw_data jsonb NOT NULL,
    donated_at timestamp with time zone NOT NULL,
    amount_usd numeric(96,48),
    user_id bigint
);
CREATE TABLE categories (
    id integer NOT NULL,
    category character varying(255) NOT NULL,
    project_type integer NOT NULL,
    icon character varying(20000) DEFAULT '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="10"></circle><path d="M9.09 9a3 3 0 0 1 5.83 1c0 2-3 3-3 3"></path><line x1="12" y1="17" x2="12.01" y2="17"></line></svg>'::character varying NOT NULL,
    header character varying(256) DEFAULT 'Categories'::character varying NOT NULL,
    ordering bigint DEFAULT 0 NOT NULL
);
CREATE SEQUENCE categories_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE categories_id_seq OWNED BY categories.id;
CREATE TABLE charges (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    price_id bigint NOT NULL,
    amount bigint NOT NULL,
    currency_code text NOT NULL,
    status character varying(255) NOT NULL,
    due timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_attempt timestamp with time zone,
    charge_type text NOT NULL,
    subscription_id bigint,
    subscription_interval text,
    payment_platform text DEFAULT 'stripe'::text NOT NULL,
    payment_platform_id text,
    parent_charge_id bigint,
    net bigint,
    tax_amount bigint DEFAULT 0 NOT NULL,
    tax_platform_id text,
    tax_last_updated timestamp with time zone,
    tax_drift_loss bigint,
    tax_transaction_version integer,
    tax_platform_accounting_time timestamp with time zone
);
CREATE TABLE collections (
    id bigint NOT NULL,
    name character varying(255) NOT NULL,
    description character varying(2048),
    user_id bigint NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    status character varying(64) DEFAULT 'listed'::character varying NOT NULL,
    icon_url character varying(2048),
    color integer,
    raw_icon_url text
);
CREATE TABLE collections_mods (
    collection_id bigint NOT NULL,
    mod_id bigint NOT NULL
);
CREATE TABLE delphi_global_detail_verdicts (
    detail_key text NOT NULL,
    verdict delphi_report_issue_status NOT NULL,
    updated_at timestamp with time zone
);
CREATE TABLE delphi_issue_detail_verdicts (
    project_id bigint NOT NULL,
    detail_key text NOT NULL,
    verdict delphi_report_issue_status NOT NULL,
    updated_at timestamp with time zone
);
CREATE TABLE delphi_report_issue_details (
    id bigint NOT NULL,
    issue_id bigint NOT NULL,
    key text NOT NULL,
    file_path text NOT NULL,
    decompiled_source text,
    data jsonb NOT NULL,
    severity delphi_severity NOT NULL,
    jar text
);
CREATE TABLE delphi_report_issues (
    id bigint NOT NULL,
    report_id bigint NOT NULL,
    issue_type text NOT NULL
);
CREATE TABLE delphi_reports (
    id bigint NOT NULL,
    file_id bigint,
    delphi_version integer NOT NULL,
    artifact_url character varying(2048) NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    severity delphi_severity NOT NULL
);
CREATE TABLE files (
    id bigint NOT NULL,
    version_id bigint NOT NULL,
    url character varying(2048) NOT NULL,
    filename character varying(2048) NOT NULL,
    is_primary boolean DEFAULT false NOT NULL,
    size integer DEFAULT 0 NOT NULL,
    file_type character varying(128),
    metadata jsonb
);
CREATE TABLE mods (
    id bigint NOT NULL,
    team_id bigint NOT NULL,
    name character varying(255) NOT NULL,
    summary character varying(2048) NOT NULL,
    published timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    downloads integer DEFAULT 0 NOT NULL,
    icon_url character varying(2048),
    updated timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    license_url character varying(1000),
    slug character varying(255),
    description character varying(65536) DEFAULT ''::character varying NOT NULL,
    follows integer DEFAULT 0 NOT NULL,
    moderation_message character varying(2000),
    moderation_message_body character varying(65536),
    approved timestamp with time zone,
    license character varying(2048) DEFAULT 'LicenseRef-All-Rights-Reserved'::character varying NOT NULL,
    status character varying(128) NOT NULL,
    requested_status character varying(128),
    webhook_sent boolean DEFAULT false NOT NULL,
    color integer,
    queued timestamp with time zone,
    monetization_status character varying(64) DEFAULT 'monetized'::character varying NOT NULL,
    organization_id bigint,
    raw_icon_url text,
    side_types_migration_review_status character varying(64) DEFAULT 'reviewed'::character varying NOT NULL,
    text_id text GENERATED ALWAYS AS (to_base62(id)) STORED,
    text_id_lower text GENERATED ALWAYS AS (lower((to_base62(id))::text)) STORED,
    components jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT mods_side_types_migration_review_status_check CHECK (((side_types_migration_review_status)::text = ANY ((ARRAY['reviewed'::character varying, 'pending'::character varying])::text[])))
);
CREATE VIEW delphi_issue_details_with_statuses AS
 SELECT drid.id,
    drid.issue_id,
    drid.key,
    drid.file_path,
    drid.decompiled_source,
    drid.data,
    drid.severity,
    drid.jar,
    m.id AS project_id,
    didv.verdict AS local_status,
    dgdv.verdict AS global_status,
    COALESCE(dgdv.verdict, didv.verdict, 'pending'::delphi_report_issue_status) AS status
   FROM (((((((delphi_report_issue_details drid
     JOIN delphi_report_issues dri ON ((dri.id = drid.issue_id)))
     JOIN delphi_reports dr ON ((dr.id = dri.report_id)))
     JOIN files f ON ((f.id = dr.file_id)))
     JOIN versions v ON ((v.id = f.version_id)))
     JOIN mods m ON ((m.id = v.mod_id)))
     LEFT JOIN delphi_global_detail_verdicts dgdv ON ((drid.key = dgdv.detail_key)))
     LEFT JOIN delphi_issue_detail_verdicts didv ON (((m.id = didv.project_id) AND (drid.key = didv.detail_key))));
ALTER TABLE delphi_report_issue_details ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME delphi_report_issue_details_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE delphi_report_issues ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME delphi_report_issues_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
ALTER TABLE delphi_reports ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME delphi_reports_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);
CREATE TABLE dependencies (
    id integer NOT NULL,
    dependent_id bigint NOT NULL,
    dependency_type character varying(255) NOT NULL,
    dependency_id bigint,
    mod_dependency_id bigint,
    dependency_file_name character varying(1024)
);
CREATE SEQUENCE dependencies_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE dependencies_id_seq OWNED BY dependencies.id;
CREATE TABLE file_scans (
    file_id bigint NOT NULL,
    attributions_scanned_at timestamp with time zone,
    attributions_scan_result jsonb
);
CREATE TABLE friends (
    user_id bigint NOT NULL,
    friend_id bigint NOT NULL,
    created timestamp with time zone DEFAULT now() NOT NULL,
    accepted boolean DEFAULT false NOT NULL
);
CREATE TABLE games (
    id integer NOT NULL,
    name character varying(64) NOT NULL,
    slug character varying(64) NOT NULL,
    icon_url character varying(2048),
    banner_url character varying(2048)
);
CREATE TABLE hashes (
    file_id bigint NOT NULL,
    algorithm character varying(255) NOT NULL,
    hash bytea NOT NULL
);
CREATE TABLE link_platforms (
    id integer NOT NULL,
    name character varying(16) NOT NULL,
    donation boolean DEFAULT false NOT NULL
);
CREATE SEQUENCE link_platforms_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE link_platforms_id_seq OWNED BY link_platforms.id;
CREATE TABLE loader_field_enum_values (
    id integer NOT NULL,
    enum_id integer NOT NULL,
    value character varying(64) NOT NULL,
    ordering integer,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    metadata jsonb
);
CREATE SEQUENCE loader_field_enum_values_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE loader_field_enum_values_id_seq OWNED BY loader_field_enum_values.id;
CREATE TABLE loader_field_enums (
    id integer NOT NULL,
    enum_name character varying(64) NOT NULL,
    ordering integer,
    hidable boolean DEFAULT false NOT NULL
);
CREATE SEQUENCE loader_field_enums_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE loader_field_enums_id_seq OWNED BY loader_field_enums.id;
CREATE TABLE loader_fields (
    id integer NOT NULL,
    field character varying(64) NOT NULL,
    field_type character varying(64) NOT NULL,
    enum_type integer,
    optional boolean DEFAULT true NOT NULL,
    min_val integer,
    max_val integer
);
CREATE SEQUENCE loader_fields_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE loader_fields_id_seq OWNED BY loader_fields.id;
CREATE TABLE loader_fields_loaders (
    loader_id integer NOT NULL,
    loader_field_id integer NOT NULL
);
CREATE TABLE loaders (
    id integer NOT NULL,
    loader character varying(255) NOT NULL,
    icon character varying(20000) DEFAULT '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="12" r="10"></circle><path d="M9.09 9a3 3 0 0 1 5.83 1c0 2-3 3-3 3"></path><line x1="12" y1="17" x2="12.01" y2="17"></line></svg>'::character varying NOT NULL,
    hidable boolean DEFAULT false NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL
);
CREATE SEQUENCE loaders_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE loaders_id_seq OWNED BY loaders.id;
CREATE TABLE loaders_project_types (
    joining_loader_id integer NOT NULL,
    joining_project_type_id integer NOT NULL
);
CREATE TABLE loaders_project_types_games (
    loader_id integer NOT NULL,
    project_type_id integer NOT NULL,
    game_id integer NOT NULL
);
CREATE TABLE loaders_versions (
    loader_id integer NOT NULL,
    version_id bigint NOT NULL
);
CREATE TABLE minecraft_java_server_versions (
    id bigint NOT NULL,
    modpack_id bigint
);
CREATE TABLE mod_follows (
    follower_id bigint NOT NULL,
    mod_id bigint NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);
CREATE TABLE moderation_external_files (
    sha1 bytea NOT NULL,
    external_license_id bigint NOT NULL,
    filename text,
    inserted_at timestamp with time zone,
    inserted_by bigint,
    updated_at timestamp with time zone,
    updated_by bigint
);
CREATE TABLE moderation_external_licenses (
    id bigint NOT NULL,
    title text,
    status text NOT NULL,
    link text,
    exceptions text,
    proof text,
    flame_project_id integer,
    inserted_at timestamp with time zone,
    inserted_by bigint,
    updated_at timestamp with time zone,
    updated_by bigint
);
CREATE TABLE moderation_locks (
    project_id bigint NOT NULL,
    moderator_id bigint NOT NULL,
    locked_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);
CREATE TABLE moderation_notes (
    user_id bigint,
    organization_id bigint,
    last_modified timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_author bigint NOT NULL,
    version integer DEFAULT 1 NOT NULL,
    notes text NOT NULL,
    user_rating integer DEFAULT 0 NOT NULL
);
CREATE TABLE mods_categories (
    joining_mod_id bigint NOT NULL,
    joining_category_id integer NOT NULL,
    is_additional boolean DEFAULT false NOT NULL
);
CREATE TABLE mods_gallery (
    id integer NOT NULL,
    mod_id bigint NOT NULL,
    image_url character varying(2048) NOT NULL,
    featured boolean DEFAULT false,
    name character varying(255),
    description character varying(2048),
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    ordering bigint DEFAULT 0 NOT NULL,
    raw_image_url text NOT NULL
);
CREATE SEQUENCE mods_gallery_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE mods_gallery_id_seq OWNED BY mods_gallery.id;
CREATE TABLE mods_links (
    id integer NOT NULL,
    joining_mod_id bigint NOT NULL,
    joining_platform_id integer NOT NULL,
    url character varying(2048) NOT NULL
);
CREATE SEQUENCE mods_links_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE mods_links_id_seq OWNED BY mods_links.id;
CREATE TABLE notifications (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    name character varying(255),
    text character varying(2048),
    link character varying(2048),
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    read boolean DEFAULT false NOT NULL,
    type character varying(256),
    body jsonb
);
CREATE TABLE notifications_actions (
    id integer NOT NULL,
    notification_id bigint NOT NULL,
    name character varying(255) NOT NULL,
    action_route character varying(2048) NOT NULL,
    action_route_method character varying(32) NOT NULL
);
CREATE SEQUENCE notifications_actions_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE notifications_actions_id_seq OWNED BY notifications_actions.id;
CREATE TABLE notifications_deliveries (
    id bigint NOT NULL,
    notification_id bigint NOT NULL,
    channel character varying(32) NOT NULL,
    user_id bigint NOT NULL,
    delivery_priority integer NOT NULL,
    status character varying(32) NOT NULL,
    next_attempt timestamp with time zone NOT NULL,
    attempt_count integer NOT NULL
);
CREATE SEQUENCE notifications_deliveries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE notifications_deliveries_id_seq OWNED BY notifications_deliveries.id;
CREATE TABLE notifications_templates (
    id bigint NOT NULL,
    channel character varying(32) NOT NULL,
    notification_type character varying(32) NOT NULL,
    subject_line text NOT NULL,
    body_fetch_url text NOT NULL,
    plaintext_fallback text NOT NULL
);
CREATE SEQUENCE notifications_templates_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE notifications_templates_id_seq OWNED BY notifications_templates.id;
CREATE TABLE notifications_types (
    name character varying(32) NOT NULL,
    delivery_priority integer NOT NULL,
    expose_in_user_preferences boolean NOT NULL,
    expose_in_site_notifications boolean NOT NULL
);
CREATE TABLE oauth_access_tokens (
    id bigint NOT NULL,
    authorization_id bigint NOT NULL,
    token_hash text NOT NULL,
    scopes bigint NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    expires timestamp with time zone DEFAULT (CURRENT_TIMESTAMP + '14 days'::interval) NOT NULL,
    last_used timestamp with time zone
);
CREATE TABLE oauth_client_authorizations (
    id bigint NOT NULL,
    client_id bigint NOT NULL,
    user_id bigint NOT NULL,
    scopes bigint NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL
);
CREATE TABLE oauth_client_redirect_uris (
    id bigint NOT NULL,
    client_id bigint NOT NULL,
    uri text
);
CREATE TABLE oauth_clients (
    id bigint NOT NULL,
    name text NOT NULL,
    icon_url text,
    max_scopes bigint NOT NULL,
    secret_hash text NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    created_by bigint NOT NULL,
    url text,
    description text,
    raw_icon_url text
);
CREATE TABLE organizations (
    id bigint NOT NULL,
    slug character varying(255) NOT NULL,
    description text NOT NULL,
    created_at timestamp without time zone DEFAULT now() NOT NULL,
    updated_at timestamp without time zone DEFAULT now() NOT NULL,
    team_id bigint NOT NULL,
    icon_url character varying(255),
    color integer,
    name text NOT NULL,
    raw_icon_url text,
    text_id text GENERATED ALWAYS AS (to_base62(id)) STORED,
    text_id_lower text GENERATED ALWAYS AS (lower((to_base62(id))::text)) STORED
);
CREATE TABLE override_file_sources (
    sha1 bytea NOT NULL,
    file_id bigint NOT NULL,
    file_path text DEFAULT ''::text NOT NULL
);
CREATE TABLE pats (
    id bigint NOT NULL,
    name character varying(255) NOT NULL,
    user_id bigint NOT NULL,
    access_token character varying(64) NOT NULL,
    scopes bigint NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    expires timestamp with time zone NOT NULL,
    last_used timestamp with time zone
);
CREATE TABLE payout_sources_balance (
    account_type text NOT NULL,
    amount numeric(40,20) NOT NULL,
    pending boolean NOT NULL,
    recorded timestamp with time zone DEFAULT now() NOT NULL
);
CREATE TABLE payouts (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    amount numeric(96,48) NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    status character varying(128) NOT NULL,
    method text,
    method_address text,
    platform_id text,
    fee numeric(40,20),
    method_id text
);
CREATE TABLE payouts_values (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    mod_id bigint,
    amount numeric(40,20) NOT NULL,
    created timestamp with time zone NOT NULL,
    date_available timestamp with time zone NOT NULL,
    affiliate_code_source bigint
);
CREATE SEQUENCE payouts_values_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE payouts_values_id_seq OWNED BY payouts_values.id;
CREATE TABLE payouts_values_notifications (
    id integer NOT NULL,
    date_available timestamp with time zone NOT NULL,
    user_id bigint NOT NULL,
    notified boolean NOT NULL
);
CREATE SEQUENCE payouts_values_notifications_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE payouts_values_notifications_id_seq OWNED BY payouts_values_notifications.id;
CREATE TABLE products (
    id bigint NOT NULL,
    metadata jsonb NOT NULL,
    unitary boolean DEFAULT false NOT NULL,
    name text
);
CREATE TABLE products_prices (
    id bigint NOT NULL,
    product_id bigint NOT NULL,
    currency_code text NOT NULL,
    prices jsonb NOT NULL,
    public boolean DEFAULT true NOT NULL
);
CREATE TABLE products_tax_identifiers (
    id integer NOT NULL,
    tax_processor_id text NOT NULL,
    product_id bigint NOT NULL
);
CREATE SEQUENCE products_tax_identifiers_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE products_tax_identifiers_id_seq OWNED BY products_tax_identifiers.id;
CREATE TABLE project_attribution_files (
    group_id bigint NOT NULL,
    name text NOT NULL,
    sha1 bytea NOT NULL,
    moderation_external_license_id bigint
);
CREATE TABLE project_attribution_groups (
    id bigint NOT NULL,
    project_id bigint NOT NULL,
    flame_project jsonb,
    attribution jsonb,
    attributed_at timestamp with time zone,
    attributed_by bigint
);
CREATE TABLE project_disclosures (
    project_id bigint NOT NULL,
    type text NOT NULL,
    metadata jsonb NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by bigint NOT NULL,
    set_by_moderator boolean NOT NULL,
    lock_status text DEFAULT 'unlocked'::text NOT NULL,
    deleted_at timestamp with time zone
);
CREATE TABLE project_types (
    id integer NOT NULL,
    name character varying(64) NOT NULL
);
CREATE SEQUENCE project_types_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE project_types_id_seq OWNED BY project_types.id;
CREATE TABLE report_types (
    id integer NOT NULL,
    name character varying(64) NOT NULL
);
CREATE SEQUENCE report_types_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE report_types_id_seq OWNED BY report_types.id;
CREATE TABLE reports (
    id bigint NOT NULL,
    report_type_id integer NOT NULL,
    mod_id bigint,
    version_id bigint,
    user_id bigint,
    body character varying(65536) NOT NULL,
    reporter bigint NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    closed boolean DEFAULT false NOT NULL,
    shared_instance_id bigint,
    shared_instance_version_id integer
);
CREATE TABLE sessions (
    id bigint NOT NULL,
    session character varying(64) NOT NULL,
    user_id bigint NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    last_login timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    expires timestamp with time zone NOT NULL,
    refresh_expires timestamp with time zone NOT NULL,
    city character varying(256),
    country character varying(256),
    ip character varying(512) NOT NULL,
    os character varying(256),
    platform character varying(256),
    user_agent character varying(1024) NOT NULL
);
CREATE TABLE team_members (
    id bigint NOT NULL,
    team_id bigint NOT NULL,
    user_id bigint NOT NULL,
    role character varying(255) NOT NULL,
    permissions bigint DEFAULT 0 NOT NULL,
    accepted boolean DEFAULT false NOT NULL,
    payouts_split numeric(40,20) DEFAULT 0 NOT NULL,
    ordering bigint DEFAULT 0 NOT NULL,
    organization_permissions bigint,
    is_owner boolean DEFAULT false NOT NULL
);
CREATE TABLE teams (
    id bigint NOT NULL
);
CREATE TABLE threads (
    id bigint NOT NULL,
    thread_type character varying(64) NOT NULL,
    report_id bigint,
    mod_id bigint
);
CREATE TABLE threads_members (
    thread_id bigint NOT NULL,
    user_id bigint NOT NULL
);
CREATE TABLE threads_messages (
    id bigint NOT NULL,
    thread_id bigint NOT NULL,
    author_id bigint,
    body jsonb NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    hide_identity boolean DEFAULT false NOT NULL
);
CREATE TABLE uploaded_images (
    id bigint NOT NULL,
    url character varying(2048) NOT NULL,
    size integer NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    owner_id bigint NOT NULL,
    context character varying(64) NOT NULL,
    mod_id bigint,
    version_id bigint,
    thread_message_id bigint,
    report_id bigint,
    raw_url text NOT NULL
);
CREATE TABLE user_backup_codes (
    user_id bigint NOT NULL,
    code bigint NOT NULL
);
CREATE TABLE user_limits (
    user_id bigint,
    projects integer NOT NULL,
    organizations integer NOT NULL,
    collections integer NOT NULL
);
CREATE TABLE user_passkeys (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    name character varying(255) NOT NULL,
    credential_id bytea NOT NULL,
    passkey jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    last_used timestamp with time zone
);
CREATE TABLE user_preferences (
    user_id bigint NOT NULL,
    preferences jsonb NOT NULL
);
CREATE TABLE users (
    id bigint NOT NULL,
    github_id bigint,
    username character varying(255) NOT NULL,
    email character varying(255),
    avatar_url character varying(1024),
    bio character varying(160),
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    role character varying(50) DEFAULT 'developer'::character varying NOT NULL,
    badges bigint DEFAULT 0 NOT NULL,
    balance numeric(40,20) DEFAULT 0 NOT NULL,
    discord_id bigint,
    gitlab_id bigint,
    google_id character varying(256),
    steam_id bigint,
    microsoft_id character varying(256),
    password text,
    email_verified boolean DEFAULT false NOT NULL,
    totp_secret character varying(32),
    paypal_country text,
    paypal_email text,
    paypal_id text,
    venmo_handle text,
    stripe_customer_id text,
    raw_avatar_url text,
    allow_friend_requests boolean DEFAULT true NOT NULL,
    is_subscribed_to_newsletter boolean DEFAULT false NOT NULL,
    eligibility_verified_at timestamp with time zone
);
CREATE TABLE users_compliance (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    requested timestamp with time zone NOT NULL,
    signed timestamp with time zone,
    e_delivery_consented boolean NOT NULL,
    tin_matched boolean NOT NULL,
    last_checked timestamp with time zone NOT NULL,
    external_request_id character varying NOT NULL,
    reference_id character varying NOT NULL,
    form_type character varying,
    requires_manual_review boolean DEFAULT false NOT NULL
);
CREATE SEQUENCE users_compliance_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE users_compliance_id_seq OWNED BY users_compliance.id;
CREATE TABLE users_notifications_preferences (
    id bigint NOT NULL,
    user_id bigint,
    channel character varying(32) NOT NULL,
    notification_type character varying(32) NOT NULL,
    enabled boolean NOT NULL
);
CREATE SEQUENCE users_notifications_preferences_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE users_notifications_preferences_id_seq OWNED BY users_notifications_preferences.id;
CREATE TABLE users_redeemals (
    id integer NOT NULL,
    user_id bigint NOT NULL,
    offer character varying NOT NULL,
    redeemed timestamp with time zone NOT NULL,
    status character varying NOT NULL,
    last_attempt timestamp with time zone,
    n_attempts integer NOT NULL
);
CREATE SEQUENCE users_redeemals_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE users_redeemals_id_seq OWNED BY users_redeemals.id;
CREATE TABLE users_subscriptions (
    id bigint NOT NULL,
    user_id bigint NOT NULL,
    price_id bigint NOT NULL,
    "interval" text NOT NULL,
    created timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    status character varying(255) NOT NULL,
    metadata jsonb
);
CREATE TABLE users_subscriptions_affiliations (
    subscription_id bigint NOT NULL,
    affiliate_code bigint NOT NULL,
    created_at timestamp with time zone DEFAULT CURRENT_TIMESTAMP NOT NULL,
    deactivated_at timestamp with time zone
);
CREATE TABLE users_subscriptions_affiliations_payouts (
    id bigint NOT NULL,
    charge_id bigint NOT NULL,
    subscription_id bigint NOT NULL,
    affiliate_code bigint NOT NULL,
    payout_value_id bigint NOT NULL
);
CREATE SEQUENCE users_subscriptions_affiliations_payouts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE users_subscriptions_affiliations_payouts_id_seq OWNED BY users_subscriptions_affiliations_payouts.id;
CREATE SEQUENCE users_subscriptions_affiliations_payouts_payout_value_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE users_subscriptions_affiliations_payouts_payout_value_id_seq OWNED BY users_subscriptions_affiliations_payouts.payout_value_id;
CREATE TABLE users_subscriptions_credits (
    id integer NOT NULL,
    subscription_id bigint NOT NULL,
    user_id bigint NOT NULL,
    creditor_id bigint NOT NULL,
    days integer NOT NULL,
    previous_due timestamp with time zone NOT NULL,
    next_due timestamp with time zone NOT NULL,
    created timestamp with time zone DEFAULT now() NOT NULL
);
CREATE SEQUENCE users_subscriptions_credits_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE users_subscriptions_credits_id_seq OWNED BY users_subscriptions_credits.id;
CREATE TABLE version_fields (
    version_id bigint NOT NULL,
    field_id integer NOT NULL,
    int_value integer,
    enum_value integer DEFAULT '-1'::integer NOT NULL,
    string_value text
);
ALTER TABLE ONLY categories ALTER COLUMN id SET DEFAULT nextval('categories_id_seq'::regclass);
ALTER TABLE ONLY dependencies ALTER COLUMN id SET DEFAULT nextval('dependencies_id_seq'::regclass);
ALTER TABLE ONLY link_platforms ALTER COLUMN id SET DEFAULT nextval('link_platforms_id_seq'::regclass);
ALTER TABLE ONLY loader_field_enum_values ALTER COLUMN id SET DEFAULT nextval('loader_field_enum_values_id_seq'::regclass);
ALTER TABLE ONLY loader_field_enums ALTER COLUMN id SET DEFAULT nextval('loader_field_enums_id_seq'::regclass);
ALTER TABLE ONLY loader_fields ALTER COLUMN id SET DEFAULT nextval('loader_fields_id_seq'::regclass);
ALTER TABLE ONLY loaders ALTER COLUMN id SET DEFAULT nextval('loaders_id_seq'::regclass);
ALTER TABLE ONLY mods_gallery ALTER COLUMN id SET DEFAULT nextval('mods_gallery_id_seq'::regclass);
ALTER TABLE ONLY mods_links ALTER COLUMN id SET DEFAULT nextval('mods_links_id_seq'::regclass);
ALTER TABLE ONLY notifications_actions ALTER COLUMN id SET DEFAULT nextval('notifications_actions_id_seq'::regclass);
ALTER TABLE ONLY notifications_deliveries ALTER COLUMN id SET DEFAULT nextval('notifications_deliveries_id_seq'::regclass);
ALTER TABLE ONLY notifications_templates ALTER COLUMN id SET DEFAULT nextval('notifications_templates_id_seq'::regclass);
ALTER TABLE ONLY payouts_values ALTER COLUMN id SET DEFAULT nextval('payouts_values_id_seq'::regclass);
ALTER TABLE ONLY payouts_values_notifications ALTER COLUMN id SET DEFAULT nextval('payouts_values_notifications_id_seq'::regclass);
ALTER TABLE ONLY products_tax_identifiers ALTER COLUMN id SET DEFAULT nextval('products_tax_identifiers_id_seq'::regclass);
ALTER TABLE ONLY project_types ALTER COLUMN id SET DEFAULT nextval('project_types_id_seq'::regclass);
ALTER TABLE ONLY report_types ALTER COLUMN id SET DEFAULT nextval('report_types_id_seq'::regclass);
ALTER TABLE ONLY users_compliance ALTER COLUMN id SET DEFAULT nextval('users_compliance_id_seq'::regclass);
ALTER TABLE ONLY users_notifications_preferences ALTER COLUMN id SET DEFAULT nextval('users_notifications_preferences_id_seq'::regclass);
ALTER TABLE ONLY users_redeemals ALTER COLUMN id SET DEFAULT nextval('users_redeemals_id_seq'::regclass);
ALTER TABLE ONLY users_subscriptions_affiliations_payouts ALTER COLUMN id SET DEFAULT nextval('users_subscriptions_affiliations_payouts_id_seq'::regclass);
ALTER TABLE ONLY users_subscriptions_affiliations_payouts ALTER COLUMN payout_value_id SET DEFAULT nextval('users_subscriptions_affiliations_payouts_payout_value_id_seq'::regclass);
ALTER TABLE ONLY users_subscriptions_credits ALTER COLUMN id SET DEFAULT nextval('users_subscriptions_credits_id_seq'::regclass);
ALTER TABLE ONLY affiliate_codes
    ADD CONSTRAINT affiliate_codes_pkey PRIMARY KEY (id);
ALTER TABLE ONLY analytics_events
    ADD CONSTRAINT analytics_events_pkey PRIMARY KEY (id);
ALTER TABLE ONLY blocked_users
    ADD CONSTRAINT blocked_users_pkey PRIMARY KEY (user_id, blocked_id);
ALTER TABLE ONLY campaign_donations
    ADD CONSTRAINT campaign_donations_pkey PRIMARY KEY (id);
ALTER TABLE ONLY campaign_donations
    ADD CONSTRAINT campaign_donations_tiltify_event_id_key UNIQUE (tiltify_event_id);
ALTER TABLE ONLY categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (id);
ALTER TABLE ONLY charges
    ADD CONSTRAINT charges_pkey PRIMARY KEY (id);
ALTER TABLE ONLY collections_mods
    ADD CONSTRAINT collections_mods_pkey PRIMARY KEY (collection_id, mod_id);
ALTER TABLE ONLY collections
    ADD CONSTRAINT collections_pkey PRIMARY KEY (id);
ALTER TABLE ONLY delphi_global_detail_verdicts
    ADD CONSTRAINT delphi_global_detail_verdicts_pkey PRIMARY KEY (detail_key);
ALTER TABLE ONLY delphi_issue_detail_verdicts
    ADD CONSTRAINT delphi_issue_detail_verdicts_pkey PRIMARY KEY (project_id, detail_key);
ALTER TABLE ONLY delphi_report_issue_details
    ADD CONSTRAINT delphi_report_issue_details_pkey PRIMARY KEY (id);
ALTER TABLE ONLY delphi_report_issues
    ADD CONSTRAINT delphi_report_issues_pkey PRIMARY KEY (id);
ALTER TABLE ONLY delphi_report_issues
    ADD CONSTRAINT delphi_report_issues_report_id_issue_type_key UNIQUE (report_id, issue_type);
ALTER TABLE ONLY delphi_reports
    ADD CONSTRAINT delphi_reports_file_id_delphi_version_key UNIQUE (file_id, delphi_version);
ALTER TABLE ONLY delphi_reports
    ADD CONSTRAINT delphi_reports_pkey PRIMARY KEY (id);
ALTER TABLE ONLY dependencies
    ADD CONSTRAINT dependencies_pkey PRIMARY KEY (id);
ALTER TABLE ONLY users
    ADD CONSTRAINT email_unique UNIQUE (email);
ALTER TABLE ONLY file_scans
    ADD CONSTRAINT file_scans_pkey PRIMARY KEY (file_id);
ALTER TABLE ONLY files
    ADD CONSTRAINT files_pkey PRIMARY KEY (id);
ALTER TABLE ONLY friends
    ADD CONSTRAINT friends_pkey PRIMARY KEY (user_id, friend_id);
ALTER TABLE ONLY games
    ADD CONSTRAINT games_pkey PRIMARY KEY (id);
ALTER TABLE ONLY hashes
    ADD CONSTRAINT hashes_pkey PRIMARY KEY (file_id, algorithm);
ALTER TABLE ONLY payouts
    ADD CONSTRAINT historical_payouts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY link_platforms
    ADD CONSTRAINT link_platforms_name_key UNIQUE (name);
ALTER TABLE ONLY link_platforms
    ADD CONSTRAINT link_platforms_pkey PRIMARY KEY (id);
ALTER TABLE ONLY loader_field_enum_values
    ADD CONSTRAINT loader_field_enum_values_pkey PRIMARY KEY (id);
ALTER TABLE ONLY loader_field_enums
    ADD CONSTRAINT loader_field_enums_pkey PRIMARY KEY (id);
ALTER TABLE ONLY loader_fields
    ADD CONSTRAINT loader_fields_field_key UNIQUE (field);
ALTER TABLE ONLY loader_fields_loaders
    ADD CONSTRAINT loader_fields_loaders_pkey PRIMARY KEY (loader_id, loader_field_id);
ALTER TABLE ONLY loader_fields
    ADD CONSTRAINT loader_fields_pkey PRIMARY KEY (id);
ALTER TABLE ONLY loaders
    ADD CONSTRAINT loaders_loader_key UNIQUE (loader);
ALTER TABLE ONLY loaders
    ADD CONSTRAINT loaders_pkey PRIMARY KEY (id);
ALTER TABLE ONLY loaders_project_types_games
    ADD CONSTRAINT loaders_project_types_games_pkey PRIMARY KEY (loader_id, project_type_id, game_id);
ALTER TABLE ONLY loaders_project_types
    ADD CONSTRAINT loaders_project_types_pkey PRIMARY KEY (joining_loader_id, joining_project_type_id);
ALTER TABLE ONLY loaders_versions
    ADD CONSTRAINT loaders_versions_pkey PRIMARY KEY (loader_id, version_id);
ALTER TABLE ONLY minecraft_java_server_versions
    ADD CONSTRAINT minecraft_java_server_versions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY mod_follows
    ADD CONSTRAINT mod_follows_pkey PRIMARY KEY (follower_id, mod_id);
ALTER TABLE ONLY moderation_external_files
    ADD CONSTRAINT moderation_external_files_pkey PRIMARY KEY (sha1);
ALTER TABLE ONLY moderation_external_licenses
    ADD CONSTRAINT moderation_external_licenses_pkey PRIMARY KEY (id);
ALTER TABLE ONLY moderation_locks
    ADD CONSTRAINT moderation_locks_pkey PRIMARY KEY (project_id);
ALTER TABLE ONLY mods_categories
    ADD CONSTRAINT mods_categories_pkey PRIMARY KEY (joining_mod_id, joining_category_id);
ALTER TABLE ONLY mods_gallery
    ADD CONSTRAINT mods_gallery_pkey PRIMARY KEY (id);
ALTER TABLE ONLY mods_links
    ADD CONSTRAINT mods_links_pkey PRIMARY KEY (id);
ALTER TABLE ONLY mods
    ADD CONSTRAINT mods_pkey PRIMARY KEY (id);
ALTER TABLE ONLY mods
    ADD CONSTRAINT mods_slug_key UNIQUE (slug);
ALTER TABLE ONLY notifications_actions
    ADD CONSTRAINT notifications_actions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY notifications_deliveries
    ADD CONSTRAINT notifications_deliveries_notification_id_channel_key UNIQUE (notification_id, channel);
ALTER TABLE ONLY notifications_deliveries
    ADD CONSTRAINT notifications_deliveries_pkey PRIMARY KEY (id);
ALTER TABLE ONLY notifications
    ADD CONSTRAINT notifications_pkey PRIMARY KEY (id);
ALTER TABLE ONLY notifications_templates
    ADD CONSTRAINT notifications_templates_pkey PRIMARY KEY (id);
ALTER TABLE ONLY notifications_types
    ADD CONSTRAINT notifications_types_pkey PRIMARY KEY (name);
ALTER TABLE ONLY oauth_access_tokens
    ADD CONSTRAINT oauth_access_tokens_pkey PRIMARY KEY (id);
ALTER TABLE ONLY oauth_access_tokens
    ADD CONSTRAINT oauth_access_tokens_token_hash_key UNIQUE (token_hash);
ALTER TABLE ONLY oauth_client_authorizations
    ADD CONSTRAINT oauth_client_authorizations_client_id_user_id_key UNIQUE (client_id, user_id);
ALTER TABLE ONLY oauth_client_authorizations
    ADD CONSTRAINT oauth_client_authorizations_pkey PRIMARY KEY (id);
ALTER TABLE ONLY oauth_client_redirect_uris
    ADD CONSTRAINT oauth_client_redirect_uris_pkey PRIMARY KEY (id);
ALTER TABLE ONLY oauth_clients
    ADD CONSTRAINT oauth_clients_pkey PRIMARY KEY (id);
ALTER TABLE ONLY organizations
    ADD CONSTRAINT organizations_pkey PRIMARY KEY (id);
ALTER TABLE ONLY override_file_sources
    ADD CONSTRAINT override_file_sources_pkey PRIMARY KEY (sha1, file_id, file_path);
ALTER TABLE ONLY pats
    ADD CONSTRAINT pats_access_token_key UNIQUE (access_token);
ALTER TABLE ONLY pats
    ADD CONSTRAINT pats_pkey PRIMARY KEY (id);
ALTER TABLE ONLY payout_sources_balance
    ADD CONSTRAINT payout_sources_balance_pkey PRIMARY KEY (recorded, account_type, pending);
ALTER TABLE ONLY payouts_values_notifications
    ADD CONSTRAINT payouts_values_notifications_pkey PRIMARY KEY (id);
ALTER TABLE ONLY payouts_values
    ADD CONSTRAINT payouts_values_pkey PRIMARY KEY (id);
ALTER TABLE ONLY products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);
ALTER TABLE ONLY products_prices
    ADD CONSTRAINT products_prices_pkey PRIMARY KEY (id);
ALTER TABLE ONLY products_tax_identifiers
    ADD CONSTRAINT products_tax_identifiers_pkey PRIMARY KEY (id);
ALTER TABLE ONLY project_attribution_files
    ADD CONSTRAINT project_attribution_files_group_id_sha1_key UNIQUE (group_id, sha1);
ALTER TABLE ONLY project_attribution_groups
    ADD CONSTRAINT project_attribution_groups_pkey PRIMARY KEY (id);
ALTER TABLE ONLY project_disclosures
    ADD CONSTRAINT project_disclosures_pkey PRIMARY KEY (project_id, type);
ALTER TABLE ONLY project_types
    ADD CONSTRAINT project_types_name_key UNIQUE (name);
ALTER TABLE ONLY project_types
    ADD CONSTRAINT project_types_pkey PRIMARY KEY (id);
ALTER TABLE ONLY report_types
    ADD CONSTRAINT report_types_name_key UNIQUE (name);
ALTER TABLE ONLY report_types
    ADD CONSTRAINT report_types_pkey PRIMARY KEY (id);
ALTER TABLE ONLY reports
    ADD CONSTRAINT reports_pkey PRIMARY KEY (id);
ALTER TABLE ONLY sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY sessions
    ADD CONSTRAINT sessions_session_key UNIQUE (session);
ALTER TABLE ONLY team_members
    ADD CONSTRAINT team_members_pkey PRIMARY KEY (id);
ALTER TABLE ONLY teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (id);
ALTER TABLE ONLY threads_members
    ADD CONSTRAINT threads_members_pkey PRIMARY KEY (thread_id, user_id);
ALTER TABLE ONLY threads_messages
    ADD CONSTRAINT threads_messages_pkey PRIMARY KEY (id);
ALTER TABLE ONLY threads
    ADD CONSTRAINT threads_pkey PRIMARY KEY (id);
ALTER TABLE ONLY games
    ADD CONSTRAINT unique_game_name UNIQUE (name);
ALTER TABLE ONLY games
    ADD CONSTRAINT unique_game_slug UNIQUE (slug);
ALTER TABLE ONLY loaders
    ADD CONSTRAINT unique_loader_name UNIQUE (loader);
ALTER TABLE ONLY loader_field_enum_values
    ADD CONSTRAINT unique_variant_per_enum UNIQUE (enum_id, value);
ALTER TABLE ONLY uploaded_images
    ADD CONSTRAINT uploaded_images_pkey PRIMARY KEY (id);
ALTER TABLE ONLY user_backup_codes
    ADD CONSTRAINT user_backup_codes_pkey PRIMARY KEY (user_id, code);
ALTER TABLE ONLY user_passkeys
    ADD CONSTRAINT user_passkeys_credential_id_key UNIQUE (credential_id);
ALTER TABLE ONLY user_passkeys
    ADD CONSTRAINT user_passkeys_pkey PRIMARY KEY (id);
ALTER TABLE ONLY user_preferences
    ADD CONSTRAINT user_preferences_pkey PRIMARY KEY (user_id);
ALTER TABLE ONLY users
    ADD CONSTRAINT username_unique UNIQUE (username);
ALTER TABLE ONLY users_compliance
    ADD CONSTRAINT users_compliance_pkey PRIMARY KEY (id);
ALTER TABLE ONLY users_compliance
    ADD CONSTRAINT users_compliance_user_id_key UNIQUE (user_id);
ALTER TABLE ONLY users_notifications_preferences
    ADD CONSTRAINT users_notifications_preferences_pkey PRIMARY KEY (id);
ALTER TABLE ONLY users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);
ALTER TABLE ONLY users_redeemals
    ADD CONSTRAINT users_redeemals_pkey PRIMARY KEY (id);
ALTER TABLE ONLY users_subscriptions_affiliations_payouts
    ADD CONSTRAINT users_subscriptions_affiliations_payouts_charge_id_key UNIQUE (charge_id);
ALTER TABLE ONLY users_subscriptions_affiliations_payouts
    ADD CONSTRAINT users_subscriptions_affiliations_payouts_payout_value_id_key UNIQUE (payout_value_id);
ALTER TABLE ONLY users_subscriptions_affiliations_payouts
    ADD CONSTRAINT users_subscriptions_affiliations_payouts_pkey PRIMARY KEY (id);
ALTER TABLE ONLY users_subscriptions_affiliations
    ADD CONSTRAINT users_subscriptions_affiliations_subscription_id_key UNIQUE (subscription_id);
ALTER TABLE ONLY users_subscriptions_credits
    ADD CONSTRAINT users_subscriptions_credits_pkey PRIMARY KEY (id);
ALTER TABLE ONLY users_subscriptions
    ADD CONSTRAINT users_subscriptions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY version_fields
    ADD CONSTRAINT version_fields_pkey PRIMARY KEY (version_id, field_id, enum_value);
ALTER TABLE ONLY versions
    ADD CONSTRAINT versions_pkey PRIMARY KEY (id);
CREATE UNIQUE INDEX attributions_exemptions_project_id_idx ON attributions_exemptions USING btree (project_id) WHERE (project_id IS NOT NULL);
CREATE UNIQUE INDEX attributions_exemptions_version_id_idx ON attributions_exemptions USING btree (version_id) WHERE (version_id IS NOT NULL);
CREATE UNIQUE INDEX idx_one_owner_per_team ON team_members USING btree (team_id) WHERE (is_owner = true);
CREATE UNIQUE INDEX idx_unique_user_team ON team_members USING btree (user_id, team_id);
CREATE UNIQUE INDEX idx_users_notifications_preferences_partial_contextual_uniq ON users_notifications_preferences USING btree (COALESCE(user_id, ('-1'::integer)::bigint), channel, notification_type);
CREATE UNIQUE INDEX moderation_notes_organization_id_unique ON moderation_notes USING btree (organization_id) WHERE (organization_id IS NOT NULL);
CREATE UNIQUE INDEX moderation_notes_user_id_unique ON moderation_notes USING btree (user_id) WHERE (user_id IS NOT NULL);
CREATE UNIQUE INDEX payouts_values_notifications_date_available_user_id_idx ON payouts_values_notifications USING btree (date_available, user_id);
CREATE UNIQUE INDEX users_stripe_customer_id ON users USING btree (stripe_customer_id);
ALTER TABLE ONLY affiliate_codes
    ADD CONSTRAINT affiliate_codes_affiliate_fkey FOREIGN KEY (affiliate) REFERENCES users(id);
ALTER TABLE ONLY affiliate_codes
    ADD CONSTRAINT affiliate_codes_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id);
ALTER TABLE ONLY attributions_exemptions
    ADD CONSTRAINT attributions_exemptions_project_id_fkey FOREIGN KEY (project_id) REFERENCES mods(id) ON DELETE CASCADE;
ALTER TABLE ONLY attributions_exemptions
    ADD CONSTRAINT attributions_exemptions_version_id_fkey FOREIGN KEY (version_id) REFERENCES versions(id) ON DELETE CASCADE;
ALTER TABLE ONLY blocked_users
    ADD CONSTRAINT blocked_users_blocked_id_fkey FOREIGN KEY (blocked_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE ONLY blocked_users
    ADD CONSTRAINT blocked_users_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE ONLY campaign_donations
    ADD CONSTRAINT campaign_donations_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY categories
    ADD CONSTRAINT categories_project_type_fkey FOREIGN KEY (project_type) REFERENCES project_types(id);
ALTER TABLE ONLY charges
    ADD CONSTRAINT charges_parent_charge_id_fkey FOREIGN KEY (parent_charge_id) REFERENCES charges(id);
ALTER TABLE ONLY charges
    ADD CONSTRAINT charges_price_id_fkey FOREIGN KEY (price_id) REFERENCES products_prices(id);
ALTER TABLE ONLY charges
    ADD CONSTRAINT charges_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY collections_mods
    ADD CONSTRAINT collections_mods_collection_id_fkey FOREIGN KEY (collection_id) REFERENCES collections(id);
ALTER TABLE ONLY collections_mods
    ADD CONSTRAINT collections_mods_mod_id_fkey FOREIGN KEY (mod_id) REFERENCES mods(id);
ALTER TABLE ONLY collections
    ADD CONSTRAINT collections_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY delphi_issue_detail_verdicts
    ADD CONSTRAINT delphi_issue_detail_verdicts_project_id_fkey FOREIGN KEY (project_id) REFERENCES mods(id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE ONLY delphi_report_issue_details
    ADD CONSTRAINT delphi_report_issue_details_issue_id_fkey FOREIGN KEY (issue_id) REFERENCES delphi_report_issues(id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE ONLY delphi_report_issues
    ADD CONSTRAINT delphi_report_issues_report_id_fkey FOREIGN KEY (report_id) REFERENCES delphi_reports(id) ON UPDATE CASCADE ON DELETE CASCADE;
ALTER TABLE ONLY delphi_reports
    ADD CONSTRAINT delphi_reports_file_id_fkey FOREIGN KEY (file_id) REFERENCES files(id) ON UPDATE CASCADE ON DELETE SET NULL;
ALTER TABLE ONLY dependencies
    ADD CONSTRAINT dependencies_dependency_id_fkey FOREIGN KEY (dependency_id) REFERENCES versions(id) ON UPDATE CASCADE;
ALTER TABLE ONLY dependencies
    ADD CONSTRAINT dependencies_dependent_id_fkey FOREIGN KEY (dependent_id) REFERENCES versions(id) ON UPDATE CASCADE;
ALTER TABLE ONLY dependencies
    ADD CONSTRAINT dependencies_mod_dependency_id_fkey FOREIGN KEY (mod_dependency_id) REFERENCES mods(id) ON UPDATE CASCADE;
ALTER TABLE ONLY file_scans
    ADD CONSTRAINT file_scans_file_id_fkey FOREIGN KEY (file_id) REFERENCES files(id) ON DELETE CASCADE;
ALTER TABLE ONLY files
    ADD CONSTRAINT files_version_id_fkey FOREIGN KEY (version_id) REFERENCES versions(id);
ALTER TABLE ONLY friends
    ADD CONSTRAINT friends_friend_id_fkey FOREIGN KEY (friend_id) REFERENCES users(id);
ALTER TABLE ONLY friends
    ADD CONSTRAINT friends_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY hashes
    ADD CONSTRAINT hashes_file_id_fkey FOREIGN KEY (file_id) REFERENCES files(id);
ALTER TABLE ONLY payouts
    ADD CONSTRAINT historical_payouts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY loader_field_enum_values
    ADD CONSTRAINT loader_field_enum_values_enum_id_fkey FOREIGN KEY (enum_id) REFERENCES loader_field_enums(id);
ALTER TABLE ONLY loader_fields
    ADD CONSTRAINT loader_fields_enum_type_fkey FOREIGN KEY (enum_type) REFERENCES loader_field_enums(id);
ALTER TABLE ONLY loader_fields_loaders
    ADD CONSTRAINT loader_fields_loaders_loader_field_id_fkey FOREIGN KEY (loader_field_id) REFERENCES loader_fields(id);
ALTER TABLE ONLY loader_fields_loaders
    ADD CONSTRAINT loader_fields_loaders_loader_id_fkey FOREIGN KEY (loader_id) REFERENCES loaders(id);
ALTER TABLE ONLY loaders_project_types_games
    ADD CONSTRAINT loaders_project_types_games_game_id_fkey FOREIGN KEY (game_id) REFERENCES games(id);
ALTER TABLE ONLY loaders_project_types_games
    ADD CONSTRAINT loaders_project_types_games_loader_id_fkey FOREIGN KEY (loader_id) REFERENCES loaders(id);
ALTER TABLE ONLY loaders_project_types_games
    ADD CONSTRAINT loaders_project_types_games_project_type_id_fkey FOREIGN KEY (project_type_id) REFERENCES project_types(id);
ALTER TABLE ONLY loaders_project_types
    ADD CONSTRAINT loaders_project_types_joining_loader_id_fkey FOREIGN KEY (joining_loader_id) REFERENCES loaders(id) ON UPDATE CASCADE;
ALTER TABLE ONLY loaders_project_types
    ADD CONSTRAINT loaders_project_types_joining_project_type_id_fkey FOREIGN KEY (joining_project_type_id) REFERENCES project_types(id) ON UPDATE CASCADE;
ALTER TABLE ONLY loaders_versions
    ADD CONSTRAINT loaders_versions_loader_id_fkey FOREIGN KEY (loader_id) REFERENCES loaders(id) ON UPDATE CASCADE;
ALTER TABLE ONLY loaders_versions
    ADD CONSTRAINT loaders_versions_version_id_fkey FOREIGN KEY (version_id) REFERENCES versions(id) ON UPDATE CASCADE;
ALTER TABLE ONLY minecraft_java_server_versions
    ADD CONSTRAINT minecraft_java_server_versions_id_fkey FOREIGN KEY (id) REFERENCES versions(id);
ALTER TABLE ONLY minecraft_java_server_versions
    ADD CONSTRAINT minecraft_java_server_versions_modpack_id_fkey FOREIGN KEY (modpack_id) REFERENCES versions(id);
ALTER TABLE ONLY mod_follows
    ADD CONSTRAINT mod_follows_follower_id_fkey FOREIGN KEY (follower_id) REFERENCES users(id);
ALTER TABLE ONLY mod_follows
    ADD CONSTRAINT mod_follows_mod_id_fkey FOREIGN KEY (mod_id) REFERENCES mods(id);
ALTER TABLE ONLY moderation_external_files
    ADD CONSTRAINT moderation_external_files_external_license_id_fkey FOREIGN KEY (external_license_id) REFERENCES moderation_external_licenses(id);
ALTER TABLE ONLY moderation_external_files
    ADD CONSTRAINT moderation_external_files_inserted_by_fkey FOREIGN KEY (inserted_by) REFERENCES users(id);
ALTER TABLE ONLY moderation_external_files
    ADD CONSTRAINT moderation_external_files_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users(id);
ALTER TABLE ONLY moderation_external_licenses
    ADD CONSTRAINT moderation_external_licenses_inserted_by_fkey FOREIGN KEY (inserted_by) REFERENCES users(id);
ALTER TABLE ONLY moderation_external_licenses
    ADD CONSTRAINT moderation_external_licenses_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users(id);
ALTER TABLE ONLY moderation_locks
    ADD CONSTRAINT moderation_locks_moderator_id_fkey FOREIGN KEY (moderator_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE ONLY moderation_locks
    ADD CONSTRAINT moderation_locks_project_id_fkey FOREIGN KEY (project_id) REFERENCES mods(id) ON DELETE CASCADE;
ALTER TABLE ONLY moderation_notes
    ADD CONSTRAINT moderation_notes_last_author_fkey FOREIGN KEY (last_author) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE ONLY moderation_notes
    ADD CONSTRAINT moderation_notes_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY moderation_notes
    ADD CONSTRAINT moderation_notes_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE ONLY mods_categories
    ADD CONSTRAINT mods_categories_joining_category_id_fkey FOREIGN KEY (joining_category_id) REFERENCES categories(id) ON UPDATE CASCADE;
ALTER TABLE ONLY mods_categories
    ADD CONSTRAINT mods_categories_joining_mod_id_fkey FOREIGN KEY (joining_mod_id) REFERENCES mods(id) ON UPDATE CASCADE;
ALTER TABLE ONLY mods_gallery
    ADD CONSTRAINT mods_gallery_mod_id_fkey FOREIGN KEY (mod_id) REFERENCES mods(id) ON UPDATE CASCADE;
ALTER TABLE ONLY mods_links
    ADD CONSTRAINT mods_links_joining_mod_id_fkey FOREIGN KEY (joining_mod_id) REFERENCES mods(id);
ALTER TABLE ONLY mods_links
    ADD CONSTRAINT mods_links_joining_platform_id_fkey FOREIGN KEY (joining_platform_id) REFERENCES link_platforms(id);
ALTER TABLE ONLY mods
    ADD CONSTRAINT mods_organization_id_fkey FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE SET NULL;
ALTER TABLE ONLY mods
    ADD CONSTRAINT mods_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id);
ALTER TABLE ONLY notifications_actions
    ADD CONSTRAINT notifications_actions_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES notifications(id);
ALTER TABLE ONLY notifications_deliveries
    ADD CONSTRAINT notifications_deliveries_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES notifications(id);
ALTER TABLE ONLY notifications_deliveries
    ADD CONSTRAINT notifications_deliveries_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY notifications_templates
    ADD CONSTRAINT notifications_templates_notification_type_fkey FOREIGN KEY (notification_type) REFERENCES notifications_types(name);
ALTER TABLE ONLY notifications
    ADD CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY oauth_access_tokens
    ADD CONSTRAINT oauth_access_tokens_authorization_id_fkey FOREIGN KEY (authorization_id) REFERENCES oauth_client_authorizations(id) ON DELETE CASCADE;
ALTER TABLE ONLY oauth_client_authorizations
    ADD CONSTRAINT oauth_client_authorizations_client_id_fkey FOREIGN KEY (client_id) REFERENCES oauth_clients(id) ON DELETE CASCADE;
ALTER TABLE ONLY oauth_client_authorizations
    ADD CONSTRAINT oauth_client_authorizations_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE ONLY oauth_client_redirect_uris
    ADD CONSTRAINT oauth_client_redirect_uris_client_id_fkey FOREIGN KEY (client_id) REFERENCES oauth_clients(id) ON DELETE CASCADE;
ALTER TABLE ONLY oauth_clients
    ADD CONSTRAINT oauth_clients_created_by_fkey FOREIGN KEY (created_by) REFERENCES users(id);
ALTER TABLE ONLY organizations
    ADD CONSTRAINT organizations_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id) ON UPDATE CASCADE;
ALTER TABLE ONLY override_file_sources
    ADD CONSTRAINT override_file_sources_file_id_fkey FOREIGN KEY (file_id) REFERENCES files(id) ON DELETE CASCADE;
ALTER TABLE ONLY pats
    ADD CONSTRAINT pats_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY payouts_values
    ADD CONSTRAINT payouts_values_mod_id_fkey FOREIGN KEY (mod_id) REFERENCES mods(id);
ALTER TABLE ONLY payouts_values_notifications
    ADD CONSTRAINT payouts_values_notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY payouts_values
    ADD CONSTRAINT payouts_values_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY products_prices
    ADD CONSTRAINT products_prices_product_id_fkey FOREIGN KEY (product_id) REFERENCES products(id);
ALTER TABLE ONLY products_tax_identifiers
    ADD CONSTRAINT products_tax_identifiers_product_id_fkey FOREIGN KEY (product_id) REFERENCES products(id);
ALTER TABLE ONLY project_attribution_files
    ADD CONSTRAINT project_attribution_files_group_id_fkey FOREIGN KEY (group_id) REFERENCES project_attribution_groups(id) ON DELETE CASCADE;
ALTER TABLE ONLY project_attribution_files
    ADD CONSTRAINT project_attribution_files_moderation_external_license_id_fkey FOREIGN KEY (moderation_external_license_id) REFERENCES moderation_external_licenses(id);
ALTER TABLE ONLY project_attribution_groups
    ADD CONSTRAINT project_attribution_groups_attributed_by_fkey FOREIGN KEY (attributed_by) REFERENCES users(id);
ALTER TABLE ONLY project_attribution_groups
    ADD CONSTRAINT project_attribution_groups_project_id_fkey FOREIGN KEY (project_id) REFERENCES mods(id) ON DELETE CASCADE;
ALTER TABLE ONLY project_disclosures
    ADD CONSTRAINT project_disclosures_project_id_fkey FOREIGN KEY (project_id) REFERENCES mods(id) ON DELETE CASCADE;
ALTER TABLE ONLY project_disclosures
    ADD CONSTRAINT project_disclosures_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE ONLY reports
    ADD CONSTRAINT reports_mod_id_fkey FOREIGN KEY (mod_id) REFERENCES mods(id) ON UPDATE CASCADE;
ALTER TABLE ONLY reports
    ADD CONSTRAINT reports_report_type_id_fkey FOREIGN KEY (report_type_id) REFERENCES report_types(id) ON UPDATE CASCADE;
ALTER TABLE ONLY reports
    ADD CONSTRAINT reports_reporter_fkey FOREIGN KEY (reporter) REFERENCES users(id) ON UPDATE CASCADE;
ALTER TABLE ONLY reports
    ADD CONSTRAINT reports_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE CASCADE;
ALTER TABLE ONLY reports
    ADD CONSTRAINT reports_version_id_fkey FOREIGN KEY (version_id) REFERENCES versions(id) ON UPDATE CASCADE;
ALTER TABLE ONLY sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY team_members
    ADD CONSTRAINT team_members_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id);
ALTER TABLE ONLY team_members
    ADD CONSTRAINT team_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY threads_members
    ADD CONSTRAINT threads_members_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES threads(id) ON UPDATE CASCADE;
ALTER TABLE ONLY threads_members
    ADD CONSTRAINT threads_members_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE CASCADE;
ALTER TABLE ONLY threads_messages
    ADD CONSTRAINT threads_messages_author_id_fkey FOREIGN KEY (author_id) REFERENCES users(id) ON UPDATE CASCADE;
ALTER TABLE ONLY threads_messages
    ADD CONSTRAINT threads_messages_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES threads(id) ON UPDATE CASCADE;
ALTER TABLE ONLY threads
    ADD CONSTRAINT threads_report_id_fkey FOREIGN KEY (report_id) REFERENCES reports(id) ON UPDATE CASCADE;
ALTER TABLE ONLY uploaded_images
    ADD CONSTRAINT uploaded_images_mod_id_fkey FOREIGN KEY (mod_id) REFERENCES mods(id);
ALTER TABLE ONLY uploaded_images
    ADD CONSTRAINT uploaded_images_owner_id_fkey FOREIGN KEY (owner_id) REFERENCES users(id);
ALTER TABLE ONLY uploaded_images
    ADD CONSTRAINT uploaded_images_report_id_fkey FOREIGN KEY (report_id) REFERENCES reports(id);
ALTER TABLE ONLY uploaded_images
    ADD CONSTRAINT uploaded_images_thread_message_id_fkey FOREIGN KEY (thread_message_id) REFERENCES threads_messages(id);
ALTER TABLE ONLY uploaded_images
    ADD CONSTRAINT uploaded_images_version_id_fkey FOREIGN KEY (version_id) REFERENCES versions(id);
ALTER TABLE ONLY user_backup_codes
    ADD CONSTRAINT user_backup_codes_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY user_limits
    ADD CONSTRAINT user_limits_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY user_passkeys
    ADD CONSTRAINT user_passkeys_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE ONLY user_preferences
    ADD CONSTRAINT user_preferences_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE;
ALTER TABLE ONLY users_compliance
    ADD CONSTRAINT users_compliance_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY users_notifications_preferences
    ADD CONSTRAINT users_notifications_preferences_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY users_redeemals
    ADD CONSTRAINT users_redeemals_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY users_subscriptions_affiliations
    ADD CONSTRAINT users_subscriptions_affiliations_affiliate_code_fkey FOREIGN KEY (affiliate_code) REFERENCES affiliate_codes(id);
ALTER TABLE ONLY users_subscriptions_affiliations_payouts
    ADD CONSTRAINT users_subscriptions_affiliations_payouts_affiliate_code_fkey FOREIGN KEY (affiliate_code) REFERENCES affiliate_codes(id);
ALTER TABLE ONLY users_subscriptions_affiliations_payouts
    ADD CONSTRAINT users_subscriptions_affiliations_payouts_charge_id_fkey FOREIGN KEY (charge_id) REFERENCES charges(id);
ALTER TABLE ONLY users_subscriptions_affiliations_payouts
    ADD CONSTRAINT users_subscriptions_affiliations_payouts_payout_value_id_fkey FOREIGN KEY (payout_value_id) REFERENCES payouts_values(id);
ALTER TABLE ONLY users_subscriptions_affiliations_payouts
    ADD CONSTRAINT users_subscriptions_affiliations_payouts_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES users_subscriptions(id);
ALTER TABLE ONLY users_subscriptions_affiliations
    ADD CONSTRAINT users_subscriptions_affiliations_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES users_subscriptions(id);
ALTER TABLE ONLY users_subscriptions_credits
    ADD CONSTRAINT users_subscriptions_credits_creditor_id_fkey FOREIGN KEY (creditor_id) REFERENCES users(id);
ALTER TABLE ONLY users_subscriptions_credits
    ADD CONSTRAINT users_subscriptions_credits_subscription_id_fkey FOREIGN KEY (subscription_id) REFERENCES users_subscriptions(id);
ALTER TABLE ONLY users_subscriptions_credits
    ADD CONSTRAINT users_subscriptions_credits_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY users_subscriptions
    ADD CONSTRAINT users_subscriptions_price_id_fkey FOREIGN KEY (price_id) REFERENCES products_prices(id);
ALTER TABLE ONLY users_subscriptions
    ADD CONSTRAINT users_subscriptions_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(id);
ALTER TABLE ONLY version_fields
    ADD CONSTRAINT version_fields_field_id_fkey FOREIGN KEY (field_id) REFERENCES loader_fields(id);
ALTER TABLE ONLY version_fields
    ADD CONSTRAINT version_fields_version_id_fkey FOREIGN KEY (version_id) REFERENCES versions(id);
ALTER TABLE ONLY versions
    ADD CONSTRAINT versions_author_id_fkey FOREIGN KEY (author_id) REFERENCES users(id);
ALTER TABLE ONLY versions
    ADD CONSTRAINT versions_mod_id_fkey FOREIGN KEY (mod_id) REFERENCES mods(id);
