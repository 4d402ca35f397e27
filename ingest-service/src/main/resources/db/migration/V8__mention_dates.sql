-- The publication date (ISO-8601 yyyy-MM-dd) of each mention's work: a person known only by name is known by their
-- first published mention, so that works arriving in publication order never rename the person's earlier ones.
-- Mentions stored before it stay without one until their work is published again.
ALTER TABLE author_mention ADD COLUMN published_on TEXT;
