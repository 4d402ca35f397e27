-- Title keys, for merging a work first seen without identifiers with a copy that has them (and the other way round):
-- the normalised title and first author's surname of every record that has both (see WorkTitleKeys), with its year
-- and the identifier the record is known by (its best own identifier, else its title fingerprint). The work a key
-- belongs to is that identifier's, so merges need not move these rows. Not unique per title: many records, several
-- works may share one; looked up by title.
CREATE TABLE work_title_key (
    title_key TEXT    NOT NULL,
    year      INTEGER NOT NULL,
    scheme    TEXT    NOT NULL,
    value     TEXT    NOT NULL,
    PRIMARY KEY (title_key, year, scheme, value),
    FOREIGN KEY (scheme, value) REFERENCES work_identifier (scheme, value)
);
CREATE INDEX work_title_key_identifier ON work_title_key (scheme, value);

-- A copy's own content (a work without identifiers, as its last record gave it): published again when the copy,
-- merged into an identified work by its title key, becomes ambiguous and a work of its own once more. Set for the
-- works known by title fingerprints alone.
ALTER TABLE work ADD COLUMN copy_content BYTEA;
UPDATE work SET copy_content = content
WHERE NOT EXISTS (SELECT 1 FROM work_identifier i
                  WHERE i.work_id = work.work_id AND i.scheme <> 'title-fingerprint');
