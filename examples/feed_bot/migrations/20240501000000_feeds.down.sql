DROP TABLE feed_items;
DROP TABLE feeds;
