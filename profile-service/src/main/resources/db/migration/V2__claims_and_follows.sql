-- Which user claimed which author record; an author is claimed by at most one user.
CREATE TABLE author_claim (
    author_id      TEXT PRIMARY KEY REFERENCES author (author_id),
    user_id        TEXT        NOT NULL,
    verified_orcid TEXT,
    claimed_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Who follows whom; following twice is still one follow.
CREATE TABLE author_follow (
    author_id   TEXT        NOT NULL REFERENCES author (author_id),
    follower_id TEXT        NOT NULL,
    followed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (author_id, follower_id)
);
