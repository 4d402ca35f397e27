package org.bzpeer.profile.author.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/**
 * Finds authors by the {@link NameTokens tokens} of their display name, through the GIN index on
 * {@code array_to_tsvector(author.name_tokens)}: a query token matches a name token it equals or begins, and a
 * one-letter name token (an initial) matches any query token beginning with that letter.
 */
@Repository
public class AuthorSearchStore {

    /**
     * Ranks candidates: tier 0 when the name's tokens are the query's, in order; tier 1 when every query token
     * equals a name token, or is an initial of one, or begins with a name token that is an initial; tier 2 when some
     * query token only begins a name token. The candidates are those the tsquery admits; ties by works, then id.
     */
    private static final String SEARCH = """
            WITH hits AS (
                SELECT a.author_id, a.display_name, a.orcid, a.affiliation_id, a.affiliation_name, a.work_count,
                    CASE WHEN a.name_tokens = CAST(:tokens AS text[]) THEN 0
                         WHEN NOT EXISTS (
                             SELECT 1 FROM unnest(CAST(:tokens AS text[])) AS q(token)
                             WHERE NOT EXISTS (
                                 SELECT 1 FROM unnest(a.name_tokens) AS n(token)
                                 WHERE n.token = q.token
                                    OR (length(q.token) = 1 AND left(n.token, 1) = q.token)
                                    OR (length(n.token) = 1 AND n.token = left(q.token, 1))))
                         THEN 1 ELSE 2 END AS tier
                FROM author a
                WHERE array_to_tsvector(a.name_tokens) @@ CAST(:query AS tsquery) %s
            )
            SELECT * FROM hits %s
            ORDER BY tier, work_count DESC, author_id
            LIMIT :limit
            """;

    /**
     * Suggestions: the authors with a name token beginning with {@code :first} (the longest query token), read from
     * the {@code author_name_prefix} index in ranking order, each kept only when every other query token
     * ({@code :others}) begins some token of its name too (one probe of the same index each); cut at {@code :limit}
     * before an author row is read.
     */
    private static final String SUGGEST = """
            SELECT a.author_id, a.display_name, c.work_count
            FROM (SELECT p.author_id, p.work_count FROM author_name_prefix p
                  WHERE p.prefix = :first
                    AND NOT EXISTS (SELECT 1 FROM unnest(CAST(:others AS text[])) AS q(prefix)
                                    WHERE NOT EXISTS (SELECT 1 FROM author_name_prefix o
                                                      WHERE o.prefix = q.prefix AND o.work_count = p.work_count
                                                        AND o.author_id = p.author_id))
                  ORDER BY p.work_count DESC, p.author_id
                  LIMIT :limit) AS c
            JOIN author a ON a.author_id = c.author_id
            ORDER BY c.work_count DESC, c.author_id
            """;

    /** Where a hit stands in a ranking; the key of keyset pagination. */
    public record SearchPosition(int tier, int workCount, String authorId) {
    }

    /** One author found, with where it stands. */
    public record AuthorHit(String authorId, String displayName, String orcid, String affiliationId,
            String affiliationName, int workCount, SearchPosition position) {
    }

    /** One author suggested while a name is typed. */
    public record Suggestion(String authorId, String displayName, int workCount) {
    }

    private final DatabaseClient database;

    public AuthorSearchStore(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Authors whose name matches every one of {@code tokens}, best first, strictly after {@code after} when given;
     * only those with ORCID iD {@code orcid} and with an affiliation whose id is {@code institution} or whose name
     * contains it (ignoring case), when given.
     */
    public Mono<List<AuthorHit>> search(List<String> tokens, String orcid, String institution, SearchPosition after,
            int limit) {
        String filters = (orcid == null ? "" : "AND a.orcid = :orcid ")
                + (institution == null ? ""
                        : "AND (a.affiliation_id = :institution OR a.affiliation_name ILIKE :institutionPattern) ");
        String afterCondition = after == null ? ""
                : "WHERE (tier, -work_count, author_id) > (:afterTier, :afterWorks, :afterAuthor)";
        DatabaseClient.GenericExecuteSpec query = database.sql(SEARCH.formatted(filters, afterCondition))
                .bind("tokens", tokens.toArray(String[]::new))
                .bind("query", tokens.stream().map(AuthorSearchStore::tokenOrInitial)
                        .collect(Collectors.joining(" & ")))
                .bind("limit", limit);
        if (orcid != null) {
            query = query.bind("orcid", orcid);
        }
        if (institution != null) {
            query = query.bind("institution", institution)
                    .bind("institutionPattern", "%" + institution.replaceAll("([\\\\%_])", "\\\\$1") + "%");
        }
        if (after != null) {
            query = query.bind("afterTier", after.tier()).bind("afterWorks", -after.workCount())
                    .bind("afterAuthor", after.authorId());
        }
        return query.map((row, meta) -> {
            String authorId = row.get("author_id", String.class);
            int workCount = row.get("work_count", Integer.class);
            return new AuthorHit(authorId, row.get("display_name", String.class), row.get("orcid", String.class),
                    row.get("affiliation_id", String.class), row.get("affiliation_name", String.class), workCount,
                    new SearchPosition(row.get("tier", Integer.class), workCount, authorId));
        }).all().collectList();
    }

    /** Authors with a name token beginning with each of {@code prefixes}, most works first. */
    public Mono<List<Suggestion>> suggest(List<String> prefixes, int limit) {
        String first = prefixes.stream().max(Comparator.comparingInt(String::length)).orElseThrow();
        List<String> others = new ArrayList<>(prefixes);
        others.remove(first);
        return database.sql(SUGGEST)
                .bind("first", first)
                .bind("others", others.toArray(String[]::new))
                .bind("limit", limit)
                .map((row, meta) -> new Suggestion(row.get("author_id", String.class),
                        row.get("display_name", String.class), row.get("work_count", Integer.class)))
                .all()
                .collectList();
    }

    /** A token of one letter matches names with a token it begins; a longer one also names with its initial. */
    private static String tokenOrInitial(String token) {
        if (token.codePointCount(0, token.length()) == 1) {
            return prefix(token);
        }
        return "(" + prefix(token) + " | " + lexeme(token.substring(0, Character.charCount(token.codePointAt(0))))
                + ")";
    }

    private static String prefix(String token) {
        return lexeme(token) + ":*";
    }

    /** A quoted tsquery lexeme; tokens are letters and digits, quoting keeps the query syntax out of them anyway. */
    private static String lexeme(String token) {
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
