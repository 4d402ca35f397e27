package org.bzpeer.schemas;

import java.util.List;

import static org.bzpeer.schemas.Topic.Retention.EVERY_EVENT;
import static org.bzpeer.schemas.Topic.Retention.LATEST_PER_KEY;

import org.bzpeer.schemas.events.AuthorClaimReleased;
import org.bzpeer.schemas.events.AuthorClaimRevoked;
import org.bzpeer.schemas.events.AuthorClaimTakenOver;
import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.AuthorMerged;
import org.bzpeer.schemas.events.AuthorshipDisowned;
import org.bzpeer.schemas.events.CollaborationAccepted;
import org.bzpeer.schemas.events.CollaborationDeclined;
import org.bzpeer.schemas.events.CollaborationRequested;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;

/** Every topic the services talk through, with its value type. Keys are the aggregate id named per topic. */
public final class Topics {

    /** Works as imported; key = work id. Produced by ingest-service. */
    public static final Topic<WorkImported> WORK_IMPORTED =
            new Topic<>("work.imported", WorkImported.class, LATEST_PER_KEY);

    /**
     * Author ids retired by author resolution, each with the id that took its authorships; key = retired author id.
     * Produced by ingest-service, in the same transaction as the works it publishes again naming the survivor.
     */
    public static final Topic<AuthorMerged> AUTHOR_MERGED =
            new Topic<>("author.merged", AuthorMerged.class, LATEST_PER_KEY);

    /**
     * Claims of author records by users, and a claimant's later proof of the record's ORCID iD; key = author id.
     * Produced by profile-service. The claim topics of one author are ordered by the events' claim revision.
     */
    public static final Topic<AuthorClaimed> AUTHOR_CLAIMED =
            new Topic<>("author.claimed", AuthorClaimed.class, EVERY_EVENT);

    /** Unverified claims taken over by the user who proved the record's ORCID iD; key = author id. Profile. */
    public static final Topic<AuthorClaimTakenOver> AUTHOR_CLAIM_TAKEN_OVER =
            new Topic<>("author.claim.taken-over", AuthorClaimTakenOver.class, EVERY_EVENT);

    /** Claims released by their claimant; key = author id. Produced by profile-service. */
    public static final Topic<AuthorClaimReleased> AUTHOR_CLAIM_RELEASED =
            new Topic<>("author.claim.released", AuthorClaimReleased.class, EVERY_EVENT);

    /** Claims revoked by an operator; key = author id. Produced by profile-service. */
    public static final Topic<AuthorClaimRevoked> AUTHOR_CLAIM_REVOKED =
            new Topic<>("author.claim.revoked", AuthorClaimRevoked.class, EVERY_EVENT);

    /** New follows; key = followed author id. Produced by profile-service. */
    public static final Topic<FollowCreated> FOLLOW_CREATED =
            new Topic<>("follow.created", FollowCreated.class, EVERY_EVENT);

    /** Removed follows; key = followed author id. Produced by profile-service. */
    public static final Topic<FollowDeleted> FOLLOW_DELETED =
            new Topic<>("follow.deleted", FollowDeleted.class, EVERY_EVENT);

    /** Authorships an author's owner disowned ("not my work"); key = author id. Produced by profile-service. */
    public static final Topic<AuthorshipDisowned> AUTHORSHIP_DISOWNED =
            new Topic<>("authorship.disowned", AuthorshipDisowned.class, EVERY_EVENT);

    /** Collaboration requests sent to the owner of a claimed author; key = author id. Produced by profile-service. */
    public static final Topic<CollaborationRequested> COLLABORATION_REQUESTED =
            new Topic<>("collaboration.requested", CollaborationRequested.class, EVERY_EVENT);

    /** Collaboration requests the owner accepted; key = author id. Produced by profile-service. */
    public static final Topic<CollaborationAccepted> COLLABORATION_ACCEPTED =
            new Topic<>("collaboration.accepted", CollaborationAccepted.class, EVERY_EVENT);

    /** Collaboration requests the owner declined; key = author id. Produced by profile-service. */
    public static final Topic<CollaborationDeclined> COLLABORATION_DECLINED =
            new Topic<>("collaboration.declined", CollaborationDeclined.class, EVERY_EVENT);

    /** Per-author neighbourhood summaries; key = author id. Produced by graph-service. */
    public static final Topic<AuthorGraphUpdated> AUTHOR_GRAPH_UPDATED =
            new Topic<>("author.graph.updated", AuthorGraphUpdated.class, LATEST_PER_KEY);

    /** Trust assessments; key = author id. Produced by trust-service. */
    public static final Topic<TrustUpdated> TRUST_UPDATED =
            new Topic<>("trust.updated", TrustUpdated.class, LATEST_PER_KEY);

    /** All topics, for tooling that creates or inspects them. */
    public static final List<Topic<?>> ALL = List.of(WORK_IMPORTED, AUTHOR_MERGED, AUTHOR_CLAIMED,
            AUTHOR_CLAIM_TAKEN_OVER, AUTHOR_CLAIM_RELEASED, AUTHOR_CLAIM_REVOKED, FOLLOW_CREATED, FOLLOW_DELETED,
            AUTHORSHIP_DISOWNED, COLLABORATION_REQUESTED, COLLABORATION_ACCEPTED, COLLABORATION_DECLINED,
            AUTHOR_GRAPH_UPDATED, TRUST_UPDATED);

    private Topics() {
    }

    /** The name of the dead-letter topic where {@code consumerGroup} parks records of {@code topic} it cannot process. */
    public static String deadLetterTopic(String topic, String consumerGroup) {
        return topic + ".dlq." + consumerGroup;
    }
}
