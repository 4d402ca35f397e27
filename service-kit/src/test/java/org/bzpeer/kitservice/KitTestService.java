package org.bzpeer.kitservice;

import java.util.List;
import java.util.function.Consumer;

import org.bzpeer.kit.messaging.EventConsumers;
import org.bzpeer.schemas.events.FollowCreated;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.messaging.Message;
import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/**
 * A service made of the kit alone plus one consumer, to test what the kit gives every service on the real broker
 * and PostgreSQL. It applies {@code follow.created} events once per event id, counting deliveries, and refuses
 * (a failure that is not transient, so the record is dead-lettered) follows of authors listed in
 * {@code refused_author}, until the row is deleted: the cause fixed.
 */
@SpringBootApplication
public class KitTestService {

    @Bean
    Consumer<Message<List<byte[]>>> followCreated(EventConsumers consumers, DatabaseClient database) {
        return consumers.of(FollowCreated.class, follows -> apply(database, follows));
    }

    private static Mono<Long> apply(DatabaseClient database, List<FollowCreated> follows) {
        String[] authors = follows.stream().map(FollowCreated::getAuthorId).toArray(String[]::new);
        return database.sql("SELECT author_id FROM refused_author WHERE author_id = ANY(:authors)")
                .bind("authors", authors)
                .map((row, meta) -> row.get("author_id", String.class)).all().collectList()
                .flatMap(refused -> !refused.isEmpty()
                        ? Mono.error(new IllegalStateException("Follows of " + refused + " are refused"))
                        : database.sql("""
                                INSERT INTO applied_follow (event_id, author_id)
                                SELECT * FROM unnest(CAST(:events AS text[]), CAST(:authors AS text[]))
                                ON CONFLICT (event_id) DO UPDATE SET deliveries = applied_follow.deliveries + 1
                                """)
                                .bind("events", follows.stream().map(FollowCreated::getEventId).toArray(String[]::new))
                                .bind("authors", authors)
                                .fetch().rowsUpdated());
    }
}
