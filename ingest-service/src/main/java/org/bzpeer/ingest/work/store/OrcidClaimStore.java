package org.bzpeer.ingest.work.store;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.kit.store.ColumnArrays;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * What ORCID records said of the works they list (table {@code orcid_claim}): the work summary of the owner of an ORCID
 * iD, on each identifier of the summary, the latest summary of an owner on an identifier replacing the earlier. Joins
 * the caller's transaction; one round trip per call.
 */
@Repository
public class OrcidClaimStore {

    /**
     * One claim: the owner of {@code orcid} says, in {@code summary}, that they authored the work known by
     * {@code work}.
     *
     * @param work    one identifier of the summary
     * @param orcid   the owner's ORCID iD, bare
     * @param summary the work summary as read ({@link SubmittedWork#bylinePartial() a partial byline}: the owner)
     */
    public record OrcidClaim(Key work, String orcid, SubmittedWork summary) {
    }

    /** A row's key: one claim per owner and identifier (a statement may write a row once). */
    private record ClaimKey(Key work, String orcid) {
    }

    private final DatabaseClient database;
    private final JsonMapper json = JsonMapper.builder().build();

    public OrcidClaimStore(DatabaseClient database) {
        this.database = database;
    }

    /** Stores {@code claims}; a claim stored already (owner and identifier) takes the summary given now. */
    public Mono<Void> save(Collection<OrcidClaim> claims) {
        if (claims.isEmpty()) {
            return Mono.empty();
        }
        Map<ClaimKey, SubmittedWork> latest = new LinkedHashMap<>();
        claims.forEach(claim -> latest.put(new ClaimKey(claim.work(), claim.orcid()), claim.summary()));
        ColumnArrays rows = new ColumnArrays(4);
        latest.forEach((key, summary) -> rows.add(key.work().scheme(), key.work().value(), key.orcid(),
                json.writeValueAsString(summary)));
        return database.sql("""
                        INSERT INTO orcid_claim (scheme, value, orcid, summary)
                        SELECT * FROM unnest(CAST(:schemes AS text[]), CAST(:values AS text[]),
                                             CAST(:orcids AS text[]), CAST(:summaries AS text[]))
                        ORDER BY 1, 2, 3
                        ON CONFLICT (scheme, value, orcid) DO UPDATE SET summary = EXCLUDED.summary
                        WHERE orcid_claim.summary <> EXCLUDED.summary""")
                .bind("schemes", rows.texts(0))
                .bind("values", rows.texts(1))
                .bind("orcids", rows.texts(2))
                .bind("summaries", rows.texts(3))
                .fetch().rowsUpdated().then();
    }

    /**
     * The claims on any of {@code keys}, each key looked up on its own (an index probe per key, whatever the table's
     * statistics say).
     */
    public Mono<List<OrcidClaim>> find(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Mono.just(List.of());
        }
        return database.sql("""
                        SELECT c.* FROM unnest(CAST(:schemes AS text[]), CAST(:values AS text[])) AS k(scheme, value)
                        CROSS JOIN LATERAL (SELECT * FROM orcid_claim WHERE scheme = k.scheme AND value = k.value
                                            OFFSET 0) AS c""")
                .bind("schemes", keys.stream().map(Key::scheme).toArray(String[]::new))
                .bind("values", keys.stream().map(Key::value).toArray(String[]::new))
                .map((row, meta) -> new OrcidClaim(new Key(row.get("scheme", String.class),
                        row.get("value", String.class)), row.get("orcid", String.class),
                        json.readValue(row.get("summary", String.class), SubmittedWork.class)))
                .all()
                .collectList();
    }
}
