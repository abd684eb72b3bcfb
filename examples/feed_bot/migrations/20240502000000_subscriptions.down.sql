DROP TABLE subscriptions;
DROP TABLE subscribers;
