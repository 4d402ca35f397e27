package org.bzpeer.profile.author.api;

import java.util.Locale;

/**
 * Normalises external author ids as clients write them to the form ingest-service stores: ORCID iDs and OpenAlex
 * ids may be given as URLs or bare, in any case; other schemes are taken as given.
 */
final class ExternalIds {

    private ExternalIds() {
    }

    static String normalize(String scheme, String value) {
        String trimmed = value.trim();
        return switch (scheme.toLowerCase(Locale.ROOT)) {
            case "orcid" -> trimmed.replaceFirst("(?i)^https?:/+(www\\.)?orcid\\.org/", "").toUpperCase(Locale.ROOT);
            case "openalex" -> trimmed.replaceFirst("(?i)^https?:/+(api\\.)?openalex\\.org/(authors/)?", "")
                    .toUpperCase(Locale.ROOT);
            default -> trimmed;
        };
    }
}
