-- Claims change over time (claim, proof of the record's ORCID iD, takeover, release, revocation) and the changes
-- arrive over several topics: each carries the author's claim revision, and only a higher revision replaces the
-- stored claim. A released or revoked claim stays as a row without user (user_id NULL), so an older change arriving
-- late cannot bring it back. Claims made before revisions existed have revision 0: the first of them wins.
ALTER TABLE author_claim
    ADD COLUMN revision BIGINT NOT NULL DEFAULT 0,
    ALTER COLUMN user_id DROP NOT NULL;
