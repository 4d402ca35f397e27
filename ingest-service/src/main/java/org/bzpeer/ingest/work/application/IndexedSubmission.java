package org.bzpeer.ingest.work.application;

import org.bzpeer.ingest.work.model.SubmittedWork;

/** A parsed, valid record and its 0-based position in the request. */
public record IndexedSubmission(int index, SubmittedWork work) {
}
