package org.bzpeer.ingest.author.store;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.kit.store.ColumnArrays;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/**
 * The names ORCID records give their owners (table {@code orcid_name}), replaced per ORCID iD by each import of the
 * owner's record and read block by block when a block is resolved. Joins the caller's transaction; a replace is two
 * round trips, a read one. Two imports of one owner's record at once conflict on the names' key, and the import that
 * fails is retried as after any conflict.
 */
@Repository
public class OrcidNameStore {

    /** One name of the owner of {@code orcid}, as printed. */
    public record OrcidName(String orcid, String printed) {
    }

    /** A stored row, as compared to tell which blocks changed. */
    private record Row(String orcid, String nameKey, String block) {
    }

    private final DatabaseClient database;

    public OrcidNameStore(DatabaseClient database) {
        this.database = database;
    }

    /**
     * Replaces the names of each owner of {@code namesByOrcid} by theirs (names without letters are left out);
     * answers the blocks of the names that came or went.
     */
    public Mono<Set<String>> replace(Map<String, List<String>> namesByOrcid) {
        if (namesByOrcid.isEmpty()) {
            return Mono.just(new HashSet<>());
        }
        Map<Row, String> wanted = new LinkedHashMap<>();
        new TreeMap<>(namesByOrcid).forEach((orcid, names) -> names.forEach(printed -> {
            PersonName name = PersonName.parse(printed);
            if (name != null) {
                wanted.putIfAbsent(new Row(orcid, name.key(), name.block()), printed);
            }
        }));
        Mono<Set<Row>> removed = database.sql("""
                        DELETE FROM orcid_name WHERE orcid = ANY(CAST(:orcids AS text[]))
                        RETURNING orcid, name_key, block""")
                .bind("orcids", namesByOrcid.keySet().stream().sorted().toArray(String[]::new))
                .map((row, meta) -> new Row(row.get("orcid", String.class), row.get("name_key", String.class),
                        row.get("block", String.class)))
                .all()
                .collect(HashSet::new, Set::add);
        return removed.flatMap(before -> insert(wanted).thenReturn(changedBlocks(before, wanted.keySet())));
    }

    private Mono<Void> insert(Map<Row, String> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        ColumnArrays columns = new ColumnArrays(4);
        rows.forEach((row, printed) -> columns.add(row.orcid(), row.nameKey(), row.block(), printed));
        return database.sql("""
                        INSERT INTO orcid_name (orcid, name_key, block, printed)
                        SELECT * FROM unnest(CAST(:orcids AS text[]), CAST(:keys AS text[]), CAST(:blocks AS text[]),
                                             CAST(:printed AS text[]))""")
                .bind("orcids", columns.texts(0))
                .bind("keys", columns.texts(1))
                .bind("blocks", columns.texts(2))
                .bind("printed", columns.texts(3))
                .fetch().rowsUpdated().then();
    }

    /** The blocks of the rows only one of {@code before} and {@code after} holds. */
    private static Set<String> changedBlocks(Set<Row> before, Set<Row> after) {
        Set<String> blocks = new HashSet<>();
        before.stream().filter(row -> !after.contains(row)).forEach(row -> blocks.add(row.block()));
        after.stream().filter(row -> !before.contains(row)).forEach(row -> blocks.add(row.block()));
        return blocks;
    }

    /** The owners' names in {@code blocks}, each block looked up on its own index probe. */
    public Mono<List<OrcidName>> findByBlocks(Collection<String> blocks) {
        if (blocks.isEmpty()) {
            return Mono.just(List.of());
        }
        return database.sql("""
                        SELECT n.orcid, n.printed FROM unnest(CAST(:blocks AS text[])) AS b(block)
                        CROSS JOIN LATERAL (SELECT orcid, printed FROM orcid_name
                                            WHERE block = b.block OFFSET 0) AS n""")
                .bind("blocks", blocks.toArray(String[]::new))
                .map((row, meta) -> new OrcidName(row.get("orcid", String.class), row.get("printed", String.class)))
                .all()
                .collectList();
    }
}
