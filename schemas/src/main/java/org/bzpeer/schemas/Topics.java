package org.bzpeer.schemas;

import java.util.List;

import org.bzpeer.schemas.events.AuthorClaimed;
import org.bzpeer.schemas.events.AuthorGraphUpdated;
import org.bzpeer.schemas.events.FollowCreated;
import org.bzpeer.schemas.events.FollowDeleted;
import org.bzpeer.schemas.events.TrustUpdated;
import org.bzpeer.schemas.events.WorkImported;

/** Every topic the services talk through, with its value type. Keys are the aggregate id named per topic. */
public final class Topics {

    /** Works as imported; key = work id. Produced by ingest-service. */
    public static final Topic<WorkImported> WORK_IMPORTED = new Topic<>("work.imported", WorkImported.class);

    /** Claims of author records by users; key = author id. Produced by profile-service. */
    public static final Topic<AuthorClaimed> AUTHOR_CLAIMED = new Topic<>("author.claimed", AuthorClaimed.class);

    /** New follows; key = followed author id. Produced by profile-service. */
    public static final Topic<FollowCreated> FOLLOW_CREATED = new Topic<>("follow.created", FollowCreated.class);

    /** Removed follows; key = followed author id. Produced by profile-service. */
    public static final Topic<FollowDeleted> FOLLOW_DELETED = new Topic<>("follow.deleted", FollowDeleted.class);

    /** Per-author neighbourhood summaries; key = author id. Produced by graph-service. */
    public static final Topic<AuthorGraphUpdated> AUTHOR_GRAPH_UPDATED =
            new Topic<>("author.graph.updated", AuthorGraphUpdated.class);

    /** Trust assessments; key = author id. Produced by trust-service. */
    public static final Topic<TrustUpdated> TRUST_UPDATED = new Topic<>("trust.updated", TrustUpdated.class);

    /** All topics, for tooling that creates or inspects them. */
    public static final List<Topic<?>> ALL =
            List.of(WORK_IMPORTED, AUTHOR_CLAIMED, FOLLOW_CREATED, FOLLOW_DELETED, AUTHOR_GRAPH_UPDATED, TRUST_UPDATED);

    private Topics() {
    }

    /** The name of the dead-letter topic where {@code consumerGroup} parks records of {@code topic} it cannot process. */
    public static String deadLetterTopic(String topic, String consumerGroup) {
        return topic + ".dlq." + consumerGroup;
    }
}
