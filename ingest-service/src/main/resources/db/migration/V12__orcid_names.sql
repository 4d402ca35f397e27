-- The names an ORCID record gives its owner (the name it is printed under, the given and family names, the other
-- names), each with its blocking key: author resolution meets the owner under each of them, also in blocks where no
-- authorship carrying the iD was published (a former or transliterated name printed by name-only sources). Replaced
-- per ORCID iD by each import of the owner's record.
CREATE TABLE orcid_name (
    orcid    TEXT NOT NULL,
    name_key TEXT NOT NULL,
    block    TEXT NOT NULL,
    printed  TEXT NOT NULL,
    PRIMARY KEY (orcid, name_key)
);
CREATE INDEX orcid_name_block ON orcid_name (block);

-- The identifiers published with an ORCID iD, which the owner's names bring into the blocks resolved (only authorships
-- carrying an iD are indexed: name-only sources add nothing to it).
CREATE INDEX author_mention_orcid ON author_mention (orcid) WHERE orcid IS NOT NULL;
