package org.bzpeer.profile.author.store;

import java.util.Locale;

import org.bzpeer.schemas.events.WorkImported;

/**
 * Where a work stands in an author's list: newest first ({@code sortYear}, -1 when unknown, so last), then by
 * lower-case title, then by work id; the key of keyset pagination.
 */
public record WorkListPosition(int sortYear, String sortTitle, String workId) {

    static WorkListPosition of(WorkImported work) {
        return new WorkListPosition(work.getPublicationYear() == null ? -1 : work.getPublicationYear(),
                work.getTitle() == null ? "" : work.getTitle().toLowerCase(Locale.ROOT), work.getWorkId());
    }
}
