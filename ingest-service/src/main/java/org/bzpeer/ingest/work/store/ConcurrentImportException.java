package org.bzpeer.ingest.work.store;

/** Another import changed the same works between read and write; retrying with fresh state resolves it. */
public class ConcurrentImportException extends RuntimeException {

    public ConcurrentImportException(String message) {
        super(message);
    }
}
