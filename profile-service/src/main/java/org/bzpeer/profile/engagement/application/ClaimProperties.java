package org.bzpeer.profile.engagement.application;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How claims of author records are checked.
 *
 * @param orcidIssuers token issuers ({@code iss}) trusted to assert a user's ORCID iD in the token's {@code orcid}
 *                     claim; an iD from any other issuer proves nothing
 */
@ConfigurationProperties("bzpeer.profile.claims")
public record ClaimProperties(@DefaultValue List<String> orcidIssuers) {

    /** Whether {@code issuer} may assert ORCID iDs. */
    public boolean trustsOrcidFrom(String issuer) {
        return issuer != null && orcidIssuers.contains(issuer);
    }
}
