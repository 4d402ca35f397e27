package org.bzpeer.schemas;

/** Bytes on a topic that no kept schema can read; the reason says why. Never retried: the bytes will not change. */
public class UndecodableEventException extends RuntimeException {

    public UndecodableEventException(String reason) {
        super(reason);
    }

    public UndecodableEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
