package org.bzpeer.kit.messaging;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;

/**
 * Tells failures that pass by themselves (a dependency down or overloaded, a timeout, a deadlock or serialization
 * conflict) from failures that the same input will always cause. A transient failure is waited out and the same
 * records are tried again; only a failure that is not transient may condemn a record to the dead-letter topic.
 */
public final class TransientFailures {

    private TransientFailures() {
    }

    /** Whether {@code failure}, or any of its causes, is transient. */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (isTransientItself(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }

    private static boolean isTransientItself(Throwable failure) {
        if (failure instanceof TransientDataAccessException || failure instanceof RecoverableDataAccessException
                || failure instanceof DataAccessResourceFailureException
                || failure instanceof CannotCreateTransactionException
                || failure instanceof R2dbcTransientException || failure instanceof R2dbcNonTransientResourceException
                || failure instanceof DeadLetters.DeadLetterFailedException || failure instanceof IOException
                || failure instanceof TimeoutException
                || failure instanceof org.apache.kafka.common.errors.RetriableException) {
            return true;
        }
        return failure instanceof R2dbcException database && isTransientState(database.getSqlState());
    }

    /**
     * SQL states of failures that pass: connection exceptions (08), transaction rollbacks such as deadlocks and
     * serialization failures (40), insufficient resources (53), operator intervention such as a shutdown (57P),
     * system errors (58).
     */
    static boolean isTransientState(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || sqlState.startsWith("40")
                || sqlState.startsWith("53") || sqlState.startsWith("57P") || sqlState.startsWith("58"));
    }
}
