package org.bzpeer.profile;

import static org.awaitility.Awaitility.await;
import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.WorkImported;
import org.bzpeer.testkit.TestEvents;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Authors imported through {@code work.imported} for profile-service tests, awaited until their page is served. */
public final class ImportedAuthors {

    private ImportedAuthors() {
    }

    /**
     * An ORCID iD no other test uses (profile-service does not check the digit), so look-ups by ORCID in other tests
     * sharing the database are not disturbed.
     */
    public static String uniqueOrcid() {
        String digits = String.format("%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        return "0009-" + digits.substring(0, 4) + "-" + digits.substring(4, 8) + "-" + digits.substring(8);
    }

    /** A new author whose record carries {@code orcid} (none when null); returns its id once its page is served. */
    public static String imported(WebTestClient http, String orcid) {
        String author = uniqueId("a_");
        String workId = uniqueId("w_");
        WorkImported work = work(workId, 1, 2024, "Claimable", List.of(author));
        work.getAuthorships().get(0).setOrcid(orcid);
        TestEvents.publish(Topics.WORK_IMPORTED, workId, work);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> http.get().uri("/api/v1/authors/{id}", author).exchange()
                        .returnResult(String.class).getStatus().is2xxSuccessful());
        return author;
    }
}
