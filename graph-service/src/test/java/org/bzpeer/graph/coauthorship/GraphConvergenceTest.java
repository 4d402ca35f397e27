package org.bzpeer.graph.coauthorship;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.bzpeer.graph.coauthorship.application.CoauthorshipGraph;
import org.bzpeer.kit.store.ReadModelSnapshot;
import org.bzpeer.testkit.ConvergingReadModel;
import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestInfrastructure;
import org.bzpeer.testkit.TestInfrastructure.DatabaseCoordinates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.test.context.TestPropertySource;

/**
 * Property: the co-authorship graph is a function of the final works. Random corpora and altered real works are
 * delivered through the real {@code work.imported} consumer in random histories (versions out of order, repeated,
 * in batches of any size) into a database of its own, and every history must leave the same rows as the final
 * versions alone.
 */
@ServiceTest
@TestPropertySource(properties = {
        "bzpeer.service-name=graph_convergence",
        "bzpeer.graph.summary-linger=0ms",
        "spring.cloud.stream.bindings.workImported-in-0.consumer.auto-startup=false"})
class GraphConvergenceTest {

    @Autowired
    @Qualifier("workImported")
    Consumer<Message<List<byte[]>>> workImported;

    @Autowired
    CoauthorshipGraph graph;

    private ConvergingReadModel readModel;

    @BeforeEach
    void readModel() {
        DatabaseCoordinates database = TestInfrastructure.database("graph_convergence");
        readModel = new ConvergingReadModel(database, List.of("work", "author", "coauthor_pair", "author_topic",
                        "author_institution", "pending_summary", "event_outbox"),
                workImported,
                ConvergingReadModel.draining(graph::summarizePending,
                        () -> ReadModelSnapshot.pendingDerivations(database.jdbcUrl(), database.user(),
                                database.password())),
                () -> ReadModelSnapshot.take(database.jdbcUrl(), database.user(), database.password(), Set.of()));
    }

    @Test
    void syntheticCorporaGiveTheSameGraphWhateverTheHistory() {
        readModel.assertConvergesOnSyntheticCorpora(20, 6);
    }

    @Test
    void alteredRealWorksGiveTheSameGraphWhateverTheHistory() {
        readModel.assertConvergesOnAlteredRealWorks(3, 4);
    }
}
