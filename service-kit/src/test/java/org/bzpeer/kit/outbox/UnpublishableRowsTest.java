package org.bzpeer.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/**
 * Which send failures park an outbox row: only those the same row will always meet. A broker that is away, slow,
 * electing a leader, or not yet letting the service write is waited out, never parks a row.
 */
class UnpublishableRowsTest {

    @Test
    void rowsTheBrokerCanNeverTakeAreParked() {
        assertThat(OutboxRelay.unpublishable(new RecordTooLargeException("too large"))).isTrue();
        assertThat(OutboxRelay.unpublishable(new InvalidTopicException("bad name"))).isTrue();
        assertThat(OutboxRelay.unpublishable(new InvalidRecordException("invalid"))).isTrue();
        assertThat(OutboxRelay.unpublishable(new SerializationException("cannot serialize"))).isTrue();
    }

    @Test
    void failuresThatPassAreWaitedOut() {
        assertThat(OutboxRelay.unpublishable(new TimeoutException("no ack in time"))).isFalse();
        assertThat(OutboxRelay.unpublishable(new NetworkException("connection reset"))).isFalse();
        assertThat(OutboxRelay.unpublishable(new NotLeaderOrFollowerException("election"))).isFalse();
        assertThat(OutboxRelay.unpublishable(new UnknownTopicOrPartitionException("not yet created"))).isFalse();
        assertThat(OutboxRelay.unpublishable(new TopicAuthorizationException("ACL not yet granted"))).isFalse();
    }
}
