package org.bzpeer.profile.author.application;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.kit.web.ProblemException;
import org.bzpeer.profile.author.store.PageStore;
import org.bzpeer.profile.engagement.application.Claims;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorshipDisowned;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/**
 * An owner's edits of their researcher page: description, open to collaborate, and "not my work". Only the user
 * who owns (claimed) the author may edit. A disowned work leaves the list at once and, through
 * {@code authorship.disowned}, every read model once ingest publishes the work without the authorship; re-imports
 * of the work keep it out. The edit and its events commit together.
 */
@Service
public class OwnerEdits {

    /** Longest description an owner may write, in characters. */
    public static final int MAX_DESCRIPTION = 2000;
    /** Most works one edit may disown. */
    public static final int MAX_DISOWNED_PER_EDIT = 100;

    private final ResearcherPages pages;
    private final Claims claims;
    private final PageStore store;
    private final OutboxWriter outbox;
    private final OutboxRelay relay;
    private final TransactionalOperator transactions;

    public OwnerEdits(ResearcherPages pages, Claims claims, PageStore store, OutboxWriter outbox, OutboxRelay relay,
            TransactionalOperator transactions) {
        this.pages = pages;
        this.claims = claims;
        this.store = store;
        this.outbox = outbox;
        this.relay = relay;
        this.transactions = transactions;
    }

    /**
     * An edit; {@code setDescription} says whether the description changes ({@code description} null reverts to the
     * generated one), {@code openToCollaborate} null leaves it as it is, {@code notMyWork} lists works to disown.
     */
    public record Edit(boolean setDescription, String description, Boolean openToCollaborate,
            List<String> notMyWork) {

        public Edit {
            notMyWork = List.copyOf(notMyWork);
        }
    }

    /** Applies {@code edit} of {@code authorId} by {@code userId}. */
    public Mono<Void> edit(String authorId, String userId, Edit edit) {
        validate(edit);
        return pages.page(authorId, null)
                .then(claims.requireOwner(authorId, userId))
                .then(transactions.transactional(apply(authorId, userId, edit)))
                .doOnSuccess(done -> relay.wakeUp());
    }

    private Mono<Void> apply(String authorId, String userId, Edit edit) {
        Mono<Void> saveEdit = edit.setDescription() || edit.openToCollaborate() != null
                ? store.saveEdit(authorId, userId, edit.setDescription(), edit.description(), edit.openToCollaborate())
                : Mono.empty();
        if (edit.notMyWork().isEmpty()) {
            return saveEdit;
        }
        return store.knownWorks(authorId, edit.notMyWork()).flatMap(known -> {
            for (int i = 0; i < edit.notMyWork().size(); i++) {
                if (!known.contains(edit.notMyWork().get(i))) {
                    return Mono.error(ProblemException.invalid("notMyWork[" + i + "]",
                            "work " + edit.notMyWork().get(i) + " is not listed for author " + authorId));
                }
            }
            return saveEdit.then(store.disown(authorId, userId, edit.notMyWork()))
                    .flatMap(disowned -> outbox.appendAll(disowned.stream()
                            .map(workId -> new OutboundEvent<>(Topics.AUTHORSHIP_DISOWNED, authorId,
                                    AuthorshipDisowned.newBuilder()
                                            .setEventId(UUID.randomUUID().toString())
                                            .setOccurredAt(Instant.now())
                                            .setAuthorId(authorId)
                                            .setWorkId(workId)
                                            .setUserId(userId)
                                            .build()))
                            .toList()));
        });
    }

    private static void validate(Edit edit) {
        if (edit.description() != null) {
            if (edit.description().length() > MAX_DESCRIPTION) {
                throw ProblemException.invalid("description", "at most " + MAX_DESCRIPTION + " characters");
            }
            if (edit.description().codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
                throw ProblemException.invalid("description", "control characters other than line breaks");
            }
        }
        if (edit.notMyWork().size() > MAX_DISOWNED_PER_EDIT) {
            throw ProblemException.invalid("notMyWork", "at most " + MAX_DISOWNED_PER_EDIT + " works per edit");
        }
    }
}
