package org.bzpeer.ingest.author.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.author.model.PublishedMention;
import org.bzpeer.kit.store.ColumnArrays;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import io.r2dbc.spi.Row;
import reactor.core.publisher.Mono;

/**
 * The authorships of the published works as author resolution sees them (table {@code author_mention}): replaced
 * work by work when a work is published again, read block by block when a block is resolved, and given new author
 * ids by resolution. Every method takes or returns whole batches, one round trip each, and joins the caller's
 * transaction. Reads look each key up on its own ({@code LATERAL} sub-queries that {@code OFFSET 0} keeps from being
 * merged into a join): a bulk import grows the table faster than statistics follow, and {@code = ANY} of a batch's
 * keys or a join on them was then planned as a scan of the whole table, per batch.
 */
@Repository
public class MentionStore {

    /** Separates the items of a set column while it travels as one text per row ({@code string_to_array}). */
    private static final String ITEM_SEPARATOR = "\u001f";

    private final DatabaseClient database;

    public MentionStore(DatabaseClient database) {
        this.database = database;
    }

    /** An author id given to the mention at a byline position, in place of the one it was published with. */
    public record Reassignment(String workId, int position, String from, String to) {
    }

    /** The mentions of {@code workIds}, by work and byline position. */
    public Mono<Map<String, Map<Integer, PublishedMention>>> findByWorks(Collection<String> workIds) {
        if (workIds.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        return database.sql("""
                        SELECT m.* FROM unnest(CAST(:ids AS text[])) AS w(work_id)
                        CROSS JOIN LATERAL (SELECT * FROM author_mention WHERE work_id = w.work_id OFFSET 0) AS m""")
                .bind("ids", workIds.toArray(String[]::new))
                .map((row, meta) -> mention(row))
                .all()
                .collect(HashMap::new, (byWork, mention) -> byWork
                        .computeIfAbsent(mention.mention().workId(), id -> new TreeMap<>())
                        .put(mention.mention().position(), mention));
    }

    /** Every mention of {@code blocks}. */
    public Mono<List<PublishedMention>> findByBlocks(Collection<String> blocks) {
        if (blocks.isEmpty()) {
            return Mono.just(List.of());
        }
        return database.sql("""
                        SELECT m.* FROM unnest(CAST(:blocks AS text[])) AS b(block)
                        CROSS JOIN LATERAL (SELECT * FROM author_mention WHERE block = b.block OFFSET 0) AS m""")
                .bind("blocks", blocks.toArray(String[]::new))
                .map((row, meta) -> mention(row))
                .all()
                .collectList();
    }

    /**
     * For each written-out name of {@code names}, by its {@link PersonName#key}, the author ids published for it (in
     * its block, on the index of blocks and name keys).
     */
    public Mono<Map<String, Set<String>>> findAuthorsByWrittenName(Collection<PersonName> names) {
        if (names.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        return database.sql("""
                        SELECT DISTINCT k.name_key, m.author_id
                        FROM unnest(CAST(:blocks AS text[]), CAST(:keys AS text[])) AS k(block, name_key)
                        CROSS JOIN LATERAL (SELECT author_id FROM author_mention
                                            WHERE block = k.block AND name_key = k.name_key OFFSET 0) AS m""")
                .bind("blocks", names.stream().map(PersonName::block).toArray(String[]::new))
                .bind("keys", names.stream().map(PersonName::key).toArray(String[]::new))
                .map((row, meta) -> Map.entry(row.get("name_key", String.class), row.get("author_id", String.class)))
                .all()
                .collect(HashMap::new, (byName, pair) -> byName
                        .computeIfAbsent(pair.getKey(), key -> new HashSet<>()).add(pair.getValue()));
    }

    /**
     * For each of {@code orcids}, the source ids published with it (as {@code scheme:value}), from every block: an
     * index probe per iD, on the authorships that carry one.
     */
    public Mono<Map<String, Set<String>>> findSourceIdsByOrcid(Collection<String> orcids) {
        if (orcids.isEmpty()) {
            return Mono.just(new HashMap<>());
        }
        return database.sql("""
                        SELECT DISTINCT o.orcid, unnest(m.source_ids) AS source_id
                        FROM unnest(CAST(:orcids AS text[])) AS o(orcid)
                        CROSS JOIN LATERAL (SELECT source_ids FROM author_mention
                                            WHERE orcid = o.orcid OFFSET 0) AS m""")
                .bind("orcids", orcids.toArray(String[]::new))
                .map((row, meta) -> Map.entry(row.get("orcid", String.class), row.get("source_id", String.class)))
                .all()
                .collect(HashMap::new, (byOrcid, pair) -> byOrcid
                        .computeIfAbsent(pair.getKey(), orcid -> new HashSet<>()).add(pair.getValue()));
    }

    /**
     * Replaces the mentions of {@code workIds} by {@code mentions} (of those works); answers the blocks of the
     * mentions removed, which must be resolved again as well as those of the new ones.
     */
    public Mono<Set<String>> replace(Collection<String> workIds, List<PublishedMention> mentions) {
        Mono<Set<String>> removed = workIds.isEmpty() ? Mono.just(new HashSet<>()) : database.sql("""
                        DELETE FROM author_mention WHERE work_id = ANY(CAST(:ids AS text[])) RETURNING block""")
                .bind("ids", workIds.toArray(String[]::new))
                .map((row, meta) -> row.get("block", String.class))
                .all()
                .collect(HashSet::new, Set::add);
        return removed.flatMap(blocks -> insert(mentions).thenReturn(blocks));
    }

    private Mono<Void> insert(List<PublishedMention> mentions) {
        if (mentions.isEmpty()) {
            return Mono.empty();
        }
        ColumnArrays rows = new ColumnArrays(14);
        for (PublishedMention published : mentions) {
            AuthorMention mention = published.mention();
            PersonName name = mention.name();
            rows.add(mention.workId(), mention.position(), name.block(), name.full() ? name.key() : null,
                    published.printed(), mention.orcid(), joined(sourceIds(mention.sourceIds())),
                    joined(mention.coauthors()), joined(mention.institutions()), mention.venue(),
                    joined(mention.topics()), mention.year(), mention.date(), published.authorId());
        }
        return database.sql("""
                        INSERT INTO author_mention (work_id, position, block, name_key, printed, orcid, source_ids,
                                                    coauthors, institutions, venue, topics, year,
                                                    published_on, author_id)
                        SELECT work_id, position, block, name_key, printed, orcid,
                               string_to_array(source_ids, chr(31)), string_to_array(coauthors, chr(31)),
                               string_to_array(institutions, chr(31)), venue, string_to_array(topics, chr(31)),
                               year, published_on, author_id
                        FROM unnest(CAST(:works AS text[]), CAST(:positions AS int[]), CAST(:blocks AS text[]),
                                    CAST(:nameKeys AS text[]), CAST(:printed AS text[]), CAST(:orcids AS text[]),
                                    CAST(:sourceIds AS text[]), CAST(:coauthors AS text[]),
                                    CAST(:institutions AS text[]), CAST(:venues AS text[]), CAST(:topics AS text[]),
                                    CAST(:years AS int[]), CAST(:dates AS text[]), CAST(:authors AS text[]))
                             AS m(work_id, position, block, name_key, printed, orcid, source_ids, coauthors,
                                  institutions, venue, topics, year, published_on, author_id)""")
                .bind("works", rows.texts(0))
                .bind("positions", rows.integers(1))
                .bind("blocks", rows.texts(2))
                .bind("nameKeys", rows.texts(3))
                .bind("printed", rows.texts(4))
                .bind("orcids", rows.texts(5))
                .bind("sourceIds", rows.texts(6))
                .bind("coauthors", rows.texts(7))
                .bind("institutions", rows.texts(8))
                .bind("venues", rows.texts(9))
                .bind("topics", rows.texts(10))
                .bind("years", rows.integers(11))
                .bind("dates", rows.texts(12))
                .bind("authors", rows.texts(13))
                .fetch().rowsUpdated().then();
    }

    /**
     * Gives mentions their new author ids; a mention whose id changed since it was read (a newer version of its
     * work) keeps the newer one.
     */
    public Mono<Void> reassign(List<Reassignment> reassignments) {
        if (reassignments.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("""
                        UPDATE author_mention m SET author_id = r.target
                        FROM unnest(CAST(:works AS text[]), CAST(:positions AS int[]), CAST(:sources AS text[]),
                                    CAST(:targets AS text[])) AS r(work_id, position, source, target)
                        WHERE m.work_id = r.work_id AND m.position = r.position AND m.author_id = r.source""")
                .bind("works", reassignments.stream().map(Reassignment::workId).toArray(String[]::new))
                .bind("positions", reassignments.stream().map(Reassignment::position).toArray(Integer[]::new))
                .bind("sources", reassignments.stream().map(Reassignment::from).toArray(String[]::new))
                .bind("targets", reassignments.stream().map(Reassignment::to).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /** Those of {@code authorIds} still published for some mention. */
    public Mono<Set<String>> findNamed(Collection<String> authorIds) {
        if (authorIds.isEmpty()) {
            return Mono.just(new HashSet<>());
        }
        return database.sql("""
                        SELECT DISTINCT a.author_id FROM unnest(CAST(:ids AS text[])) AS a(author_id)
                        CROSS JOIN LATERAL (SELECT 1 FROM author_mention WHERE author_id = a.author_id OFFSET 0) AS m""")
                .bind("ids", authorIds.toArray(String[]::new))
                .map((row, meta) -> row.get("author_id", String.class))
                .all()
                .collect(HashSet::new, Set::add);
    }

    private static PublishedMention mention(Row row) {
        String printed = row.get("printed", String.class);
        Map<String, String> sourceIds = new HashMap<>();
        for (String id : row.get("source_ids", String[].class)) {
            int colon = id.indexOf(':');
            sourceIds.put(id.substring(0, colon), id.substring(colon + 1));
        }
        AuthorMention mention = new AuthorMention(row.get("work_id", String.class),
                row.get("position", Integer.class), PersonName.parse(printed), row.get("orcid", String.class),
                sourceIds, Set.of(row.get("coauthors", String[].class)),
                Set.of(row.get("institutions", String[].class)), row.get("venue", String.class),
                Set.of(row.get("topics", String[].class)), row.get("year", Integer.class),
                row.get("published_on", String.class));
        return new PublishedMention(mention, printed, row.get("author_id", String.class));
    }

    private static List<String> sourceIds(Map<String, String> ids) {
        List<String> joined = new ArrayList<>();
        ids.forEach((scheme, value) -> joined.add(scheme + ":" + value));
        return joined;
    }

    private static String joined(Collection<String> items) {
        return String.join(ITEM_SEPARATOR, items);
    }
}
