-- Claims that mean something, the caller's follows, direct collaboration.

-- Every change of a claim (claim, proof of the record's ORCID iD, takeover, release, revocation) takes a revision from
-- one sequence, carried by its event: readers keep the highest revision per author, so claim events may arrive in
-- any order and over several topics. Claims made before revisions existed have revision 0.
CREATE SEQUENCE claim_revision;
ALTER TABLE author_claim ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

-- What a user follows, newest first (GET /api/v1/me/following).
CREATE INDEX author_follow_follower ON author_follow (follower_id, followed_at DESC, author_id DESC);

-- Collaboration requests to the owner of a claimed author. No foreign key to author: a request stays on record when
-- the claim is released and the author's page goes.
CREATE TABLE collaboration_request (
    request_id TEXT PRIMARY KEY,
    author_id  TEXT        NOT NULL,
    sender_id  TEXT        NOT NULL,
    owner_id   TEXT        NOT NULL, -- who owned the author when the request was sent
    message    TEXT        NOT NULL,
    status     TEXT        NOT NULL CHECK (status IN ('PENDING', 'ACCEPTED', 'DECLINED')),
    sent_at    TIMESTAMPTZ NOT NULL,
    decided_at TIMESTAMPTZ
);
-- The inbox of an author's owner, newest first; a sender's requests in the rate-limit window.
CREATE INDEX collaboration_request_inbox ON collaboration_request (author_id, sent_at DESC, request_id DESC);
CREATE INDEX collaboration_request_sender ON collaboration_request (sender_id, sent_at);
