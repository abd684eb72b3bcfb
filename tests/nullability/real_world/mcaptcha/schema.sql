-- Schema of https://github.com/mCaptcha/mCaptcha (commit b215a411ed3e53e3c5d77465f73b40d35986ec93): its
-- db/db-sqlx-postgres/migrations applied in order to PostgreSQL 15, then dumped (pg_dump --schema-only)
-- and reduced to what the corpus queries use.
CREATE TABLE mcaptcha_config (
    config_id integer NOT NULL,
    user_id integer NOT NULL,
    key character varying(100) NOT NULL,
    name character varying(100) NOT NULL,
    duration integer DEFAULT 30 NOT NULL
);
CREATE SEQUENCE mcaptcha_config_config_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE mcaptcha_config_config_id_seq OWNED BY mcaptcha_config.config_id;
CREATE TABLE mcaptcha_levels (
    config_id integer,
    difficulty_factor integer NOT NULL,
    visitor_threshold integer NOT NULL,
    level_id integer NOT NULL
);
CREATE SEQUENCE mcaptcha_levels_level_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE mcaptcha_levels_level_id_seq OWNED BY mcaptcha_levels.level_id;
CREATE TABLE mcaptcha_notifications (
    id integer NOT NULL,
    tx integer NOT NULL,
    rx integer NOT NULL,
    heading character varying(100) NOT NULL,
    message character varying(250) NOT NULL,
    read boolean,
    received timestamp with time zone DEFAULT now() NOT NULL
);
CREATE SEQUENCE mcaptcha_notifications_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE mcaptcha_notifications_id_seq OWNED BY mcaptcha_notifications.id;
CREATE TABLE mcaptcha_pow_analytics (
    config_id integer,
    "time" integer NOT NULL,
    difficulty_factor integer NOT NULL,
    worker_type character varying(100) NOT NULL,
    id integer NOT NULL
);
CREATE SEQUENCE mcaptcha_pow_analytics_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE mcaptcha_pow_analytics_id_seq OWNED BY mcaptcha_pow_analytics.id;
CREATE TABLE mcaptcha_pow_confirmed_stats (
    config_id integer,
    "time" timestamp with time zone DEFAULT now() NOT NULL
);
CREATE TABLE mcaptcha_pow_fetched_stats (
    config_id integer,
    "time" timestamp with time zone DEFAULT now() NOT NULL
);
CREATE TABLE mcaptcha_pow_solved_stats (
    config_id integer,
    "time" timestamp with time zone DEFAULT now() NOT NULL
);
CREATE TABLE mcaptcha_psuedo_campaign_id (
    id integer NOT NULL,
    config_id integer NOT NULL,
    psuedo_id character varying(100) NOT NULL
);
CREATE SEQUENCE mcaptcha_psuedo_campaign_id_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE mcaptcha_psuedo_campaign_id_id_seq OWNED BY mcaptcha_psuedo_campaign_id.id;
CREATE TABLE mcaptcha_sitekey_user_provided_avg_traffic (
    config_id integer NOT NULL,
    avg_traffic integer NOT NULL,
    peak_sustainable_traffic integer NOT NULL,
    broke_my_site_traffic integer
);
CREATE TABLE mcaptcha_track_nonce (
    nonce integer DEFAULT 0 NOT NULL,
    level_id integer,
    id integer NOT NULL
);
CREATE SEQUENCE mcaptcha_track_nonce_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE mcaptcha_track_nonce_id_seq OWNED BY mcaptcha_track_nonce.id;
CREATE TABLE mcaptcha_users (
    name character varying(100) NOT NULL,
    email character varying(100) DEFAULT NULL::character varying,
    email_verified boolean,
    secret character varying(50) NOT NULL,
    password text NOT NULL,
    id integer NOT NULL
);
CREATE SEQUENCE mcaptcha_users_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;
ALTER SEQUENCE mcaptcha_users_id_seq OWNED BY mcaptcha_users.id;
ALTER TABLE ONLY mcaptcha_config ALTER COLUMN config_id SET DEFAULT nextval('mcaptcha_config_config_id_seq'::regclass);
ALTER TABLE ONLY mcaptcha_levels ALTER COLUMN level_id SET DEFAULT nextval('mcaptcha_levels_level_id_seq'::regclass);
ALTER TABLE ONLY mcaptcha_notifications ALTER COLUMN id SET DEFAULT nextval('mcaptcha_notifications_id_seq'::regclass);
ALTER TABLE ONLY mcaptcha_pow_analytics ALTER COLUMN id SET DEFAULT nextval('mcaptcha_pow_analytics_id_seq'::regclass);
ALTER TABLE ONLY mcaptcha_psuedo_campaign_id ALTER COLUMN id SET DEFAULT nextval('mcaptcha_psuedo_campaign_id_id_seq'::regclass);
ALTER TABLE ONLY mcaptcha_track_nonce ALTER COLUMN id SET DEFAULT nextval('mcaptcha_track_nonce_id_seq'::regclass);
ALTER TABLE ONLY mcaptcha_users ALTER COLUMN id SET DEFAULT nextval('mcaptcha_users_id_seq'::regclass);
ALTER TABLE ONLY mcaptcha_config
    ADD CONSTRAINT mcaptcha_config_key_key UNIQUE (key);
ALTER TABLE ONLY mcaptcha_config
    ADD CONSTRAINT mcaptcha_config_pkey PRIMARY KEY (config_id);
ALTER TABLE ONLY mcaptcha_levels
    ADD CONSTRAINT mcaptcha_levels_pkey PRIMARY KEY (level_id);
ALTER TABLE ONLY mcaptcha_notifications
    ADD CONSTRAINT mcaptcha_notifications_pkey PRIMARY KEY (id);
ALTER TABLE ONLY mcaptcha_pow_analytics
    ADD CONSTRAINT mcaptcha_pow_analytics_pkey PRIMARY KEY (id);
ALTER TABLE ONLY mcaptcha_psuedo_campaign_id
    ADD CONSTRAINT mcaptcha_psuedo_campaign_id_pkey PRIMARY KEY (id);
ALTER TABLE ONLY mcaptcha_psuedo_campaign_id
    ADD CONSTRAINT mcaptcha_psuedo_campaign_id_psuedo_id_key UNIQUE (psuedo_id);
ALTER TABLE ONLY mcaptcha_sitekey_user_provided_avg_traffic
    ADD CONSTRAINT mcaptcha_sitekey_user_provided_avg_traffic_pkey PRIMARY KEY (config_id);
ALTER TABLE ONLY mcaptcha_track_nonce
    ADD CONSTRAINT mcaptcha_track_nonce_pkey PRIMARY KEY (id);
ALTER TABLE ONLY mcaptcha_users
    ADD CONSTRAINT mcaptcha_users_email_key UNIQUE (email);
ALTER TABLE ONLY mcaptcha_users
    ADD CONSTRAINT mcaptcha_users_name_key UNIQUE (name);
ALTER TABLE ONLY mcaptcha_users
    ADD CONSTRAINT mcaptcha_users_pkey PRIMARY KEY (id);
ALTER TABLE ONLY mcaptcha_users
    ADD CONSTRAINT mcaptcha_users_secret_key UNIQUE (secret);
ALTER TABLE ONLY mcaptcha_config
    ADD CONSTRAINT mcaptcha_config_user_id_fkey FOREIGN KEY (user_id) REFERENCES mcaptcha_users(id) ON DELETE CASCADE;
ALTER TABLE ONLY mcaptcha_levels
    ADD CONSTRAINT mcaptcha_levels_config_id_fkey FOREIGN KEY (config_id) REFERENCES mcaptcha_config(config_id) ON DELETE CASCADE;
ALTER TABLE ONLY mcaptcha_notifications
    ADD CONSTRAINT mcaptcha_notifications_rx_fkey FOREIGN KEY (rx) REFERENCES mcaptcha_users(id) ON DELETE CASCADE;
ALTER TABLE ONLY mcaptcha_notifications
    ADD CONSTRAINT mcaptcha_notifications_tx_fkey FOREIGN KEY (tx) REFERENCES mcaptcha_users(id) ON DELETE CASCADE;
ALTER TABLE ONLY mcaptcha_pow_analytics
    ADD CONSTRAINT mcaptcha_pow_analytics_config_id_fkey FOREIGN KEY (config_id) REFERENCES mcaptcha_config(config_id) ON DELETE CASCADE;
ALTER TABLE ONLY mcaptcha_pow_confirmed_stats
    ADD CONSTRAINT mcaptcha_pow_confirmed_stats_config_id_fkey FOREIGN KEY (config_id) REFERENCES mcaptcha_config(config_id) ON DELETE CASCADE;
ALTER TABLE ONLY mcaptcha_pow_fetched_stats
    ADD CONSTRAINT mcaptcha_pow_fetched_stats_config_id_fkey FOREIGN KEY (config_id) REFERENCES mcaptcha_config(config_id) ON DELETE CASCADE;
ALTER TABLE ONLY mcaptcha_pow_solved_stats
    ADD CONSTRAINT mcaptcha_pow_solved_stats_config_id_fkey FOREIGN KEY (config_id) REFERENCES mcaptcha_config(config_id) ON DELETE CASCADE;
ALTER TABLE ONLY mcaptcha_psuedo_campaign_id
    ADD CONSTRAINT mcaptcha_psuedo_campaign_id_config_id_fkey FOREIGN KEY (config_id) REFERENCES mcaptcha_config(config_id) ON DELETE CASCADE;
ALTER TABLE ONLY mcaptcha_sitekey_user_provided_avg_traffic
    ADD CONSTRAINT mcaptcha_sitekey_user_provided_avg_traffic_config_id_fkey FOREIGN KEY (config_id) REFERENCES mcaptcha_config(config_id) ON DELETE CASCADE;
ALTER TABLE ONLY mcaptcha_track_nonce
    ADD CONSTRAINT mcaptcha_track_nonce_level_id_fkey FOREIGN KEY (level_id) REFERENCES mcaptcha_levels(level_id) ON DELETE CASCADE;
