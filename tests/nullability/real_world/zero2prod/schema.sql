-- Schema of https://github.com/LukeMathWalker/zero-to-production (commit 970987c5f793af6fc8e557731c9bbb23b620451e): its
-- migrations applied in order to PostgreSQL 15, then dumped (pg_dump --schema-only)
-- and reduced to what the corpus queries use.
CREATE TYPE header_pair AS (
	name text,
	value bytea
);
CREATE TABLE idempotency (
    user_id uuid NOT NULL,
    idempotency_key text NOT NULL,
    response_status_code smallint,
    response_headers header_pair[],
    response_body bytea,
    created_at timestamp with time zone NOT NULL
);
CREATE TABLE issue_delivery_queue (
    newsletter_issue_id uuid NOT NULL,
    subscriber_email text NOT NULL
);
CREATE TABLE newsletter_issues (
    newsletter_issue_id uuid NOT NULL,
    title text NOT NULL,
    text_content text NOT NULL,
    html_content text NOT NULL,
    published_at text NOT NULL
);
CREATE TABLE subscription_tokens (
    subscription_token text NOT NULL,
    subscriber_id uuid NOT NULL
);
CREATE TABLE subscriptions (
    id uuid NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    subscribed_at timestamp with time zone NOT NULL,
    status text NOT NULL
);
CREATE TABLE users (
    user_id uuid NOT NULL,
    username text NOT NULL,
    password_hash text NOT NULL
);
ALTER TABLE ONLY idempotency
    ADD CONSTRAINT idempotency_pkey PRIMARY KEY (user_id, idempotency_key);
ALTER TABLE ONLY issue_delivery_queue
    ADD CONSTRAINT issue_delivery_queue_pkey PRIMARY KEY (newsletter_issue_id, subscriber_email);
ALTER TABLE ONLY newsletter_issues
    ADD CONSTRAINT newsletter_issues_pkey PRIMARY KEY (newsletter_issue_id);
ALTER TABLE ONLY subscription_tokens
    ADD CONSTRAINT subscription_tokens_pkey PRIMARY KEY (subscription_token);
ALTER TABLE ONLY subscriptions
    ADD CONSTRAINT subscriptions_email_key UNIQUE (email);
ALTER TABLE ONLY subscriptions
    ADD CONSTRAINT subscriptions_pkey PRIMARY KEY (id);
ALTER TABLE ONLY users
    ADD CONSTRAINT users_pkey PRIMARY KEY (user_id);
ALTER TABLE ONLY users
    ADD CONSTRAINT users_username_key UNIQUE (username);
ALTER TABLE ONLY idempotency
    ADD CONSTRAINT idempotency_user_id_fkey FOREIGN KEY (user_id) REFERENCES users(user_id);
ALTER TABLE ONLY issue_delivery_queue
    ADD CONSTRAINT issue_delivery_queue_newsletter_issue_id_fkey FOREIGN KEY (newsletter_issue_id) REFERENCES newsletter_issues(newsletter_issue_id);
ALTER TABLE ONLY subscription_tokens
    ADD CONSTRAINT subscription_tokens_subscriber_id_fkey FOREIGN KEY (subscriber_id) REFERENCES subscriptions(id);
