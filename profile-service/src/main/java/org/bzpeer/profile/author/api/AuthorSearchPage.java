package org.bzpeer.profile.author.api;

import java.util.List;

import org.bzpeer.profile.author.store.AuthorSearchStore.AuthorHit;

/** A page of authors found, best first; {@code nextCursor} is null on the last page. */
record AuthorSearchPage(List<Hit> items, String nextCursor) {

    /** One author found; {@code affiliation} is null when none was imported. */
    record Hit(String id, String name, String orcid, AuthorProfile.Affiliation affiliation, int works) {

        static Hit from(AuthorHit hit) {
            return new Hit(hit.authorId(), hit.displayName(), hit.orcid(), hit.affiliationName() == null ? null
                    : new AuthorProfile.Affiliation(hit.affiliationId(), hit.affiliationName()), hit.workCount());
        }
    }
}
