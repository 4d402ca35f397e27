-- What ORCID records said of the works they list: the work summary (as JSON, the submitted work it was read as) of the
-- owner of an ORCID iD, on each identifier of the summary. Every build of a work's content from a full record
-- (Crossref, OpenAlex, ...) meets the summaries claiming the work's identifiers as the summaries met the work when they
-- arrived, so a later record lacking the ORCID iD never drops it. Keyed by identifier, not by work id, so claims
-- follow works that identifiers join.
CREATE TABLE orcid_claim (
    scheme  TEXT NOT NULL,
    value   TEXT NOT NULL,
    orcid   TEXT NOT NULL,
    summary TEXT NOT NULL,
    PRIMARY KEY (scheme, value, orcid)
);
