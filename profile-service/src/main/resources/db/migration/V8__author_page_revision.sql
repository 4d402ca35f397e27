-- A page revision per author: a number drawn from one sequence, never reused (an author removed and created again
-- never gets back a revision it had), that changes in the same transaction as anything its researcher page shows
-- except the summary its generated description is written from: the author row's page fields, followers, claim,
-- owner's edit, disowned works, external ids, graph summary and trust. Triggers keep it, so no write path can forget
-- it; profile-service's instances use it to tell whether a page they built is still the page
-- (org.bzpeer.profile.author.application.ResearcherPages).
CREATE SEQUENCE author_page_revision;
ALTER TABLE author ADD COLUMN page_revision BIGINT NOT NULL DEFAULT nextval('author_page_revision');

CREATE FUNCTION author_page_fields_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.page_revision = OLD.page_revision
       AND (NEW.display_name, NEW.orcid, NEW.affiliation_id, NEW.affiliation_name, NEW.work_count)
           IS DISTINCT FROM (OLD.display_name, OLD.orcid, OLD.affiliation_id, OLD.affiliation_name, OLD.work_count)
    THEN
        NEW.page_revision := nextval('author_page_revision');
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER author_page_fields_changed BEFORE UPDATE ON author
    FOR EACH ROW EXECUTE FUNCTION author_page_fields_changed();

-- Authors named by the statement's changed rows get a new revision; they are locked in id order, as the projection
-- locks them, so writers touching the same authors wait for each other instead of deadlocking.
CREATE FUNCTION author_pages_touched() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM author WHERE author_id IN (SELECT author_id FROM changed_rows)
        ORDER BY author_id FOR NO KEY UPDATE;
    UPDATE author SET page_revision = nextval('author_page_revision')
    WHERE author_id IN (SELECT author_id FROM changed_rows);
    RETURN NULL;
END $$;

DO $$
DECLARE
    page_table TEXT;
BEGIN
    FOREACH page_table IN ARRAY ARRAY['author_follow', 'author_claim', 'author_edit', 'disowned_work',
        'author_external_id', 'author_graph_summary', 'author_trust']
    LOOP
        EXECUTE format('CREATE TRIGGER %1$s_inserted AFTER INSERT ON %1$s REFERENCING NEW TABLE AS changed_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION author_pages_touched()', page_table);
        EXECUTE format('CREATE TRIGGER %1$s_updated AFTER UPDATE ON %1$s REFERENCING NEW TABLE AS changed_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION author_pages_touched()', page_table);
        EXECUTE format('CREATE TRIGGER %1$s_deleted AFTER DELETE ON %1$s REFERENCING OLD TABLE AS changed_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION author_pages_touched()', page_table);
    END LOOP;
END $$;
