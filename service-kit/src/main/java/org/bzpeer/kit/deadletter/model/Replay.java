package org.bzpeer.kit.deadletter.model;

import java.time.Instant;

/**
 * The replay of a dead letter: where it was republished, when and by whom. A dead letter is replayed at most once.
 *
 * @param deadLetter where the dead letter is
 * @param replayedTo where the republished record landed in the original topic
 * @param replayedAt when
 * @param replayedBy the operator (token subject) who asked
 */
public record Replay(DeadLetterPosition deadLetter, DeadLetterPosition replayedTo, Instant replayedAt,
        String replayedBy) {
}
