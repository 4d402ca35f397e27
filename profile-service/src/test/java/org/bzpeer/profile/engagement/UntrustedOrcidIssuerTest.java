package org.bzpeer.profile.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bzpeer.profile.ImportedAuthors.imported;
import static org.bzpeer.profile.ImportedAuthors.uniqueOrcid;

import org.bzpeer.testkit.ServiceTest;
import org.bzpeer.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An ORCID iD counts only from an issuer trusted for ORCID assertions: here profile-service trusts another issuer
 * than the one of the (otherwise valid) test tokens, so even the right iD proves nothing.
 */
@ServiceTest
@TestPropertySource(properties = "bzpeer.profile.claims.orcid-issuers=https://orcid-verifying-idp.example")
class UntrustedOrcidIssuerTest {

    @Autowired
    WebTestClient http;

    @Test
    void theRecordsOrcidFromAnIssuerNotTrustedForOrcidIsNoProof() {
        String orcid = uniqueOrcid();
        String author = imported(http, orcid);
        http.post().uri("/api/v1/authors/{id}/claim", author)
                .header("Authorization", "Bearer " + TestTokens.userTokenWithOrcid("researcher-" + author, orcid))
                .exchange().expectStatus().isForbidden().expectBody()
                .jsonPath("$.type").isEqualTo("https://bzpeer.org/problems/orcid-issuer-not-trusted")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains(TestTokens.ISSUER));
        http.get().uri("/api/v1/authors/{id}", author).exchange().expectBody().jsonPath("$.claimed").isEqualTo(false);
    }
}
