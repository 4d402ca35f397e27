package org.bzpeer.ingest.work.application;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.bzpeer.ingest.work.application.RecordOutcome.Change;
import org.bzpeer.ingest.work.format.Normalize;
import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.ingest.work.store.IdentityStore.Link;
import org.bzpeer.ingest.work.store.IdentityStore.PublishedWork;
import org.bzpeer.ingest.work.store.IdentityStore.WorkChange;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.Topic;
import org.bzpeer.schemas.events.Venue;
import org.bzpeer.schemas.events.WorkIdentifiers;
import org.bzpeer.schemas.events.WorkImported;

/**
 * The import of one batch, decided in memory from identities loaded up front: which work each record is (de-duplication),
 * who its authors are (author resolution), and whether it changes what was published. Records are applied in
 * order, so a batch that holds the same work twice sees its own first record. Not thread-safe; one per batch.
 *
 * <p>Rules. A work is the one its highest-priority known identifier points to (doi, openalex, arxiv, pmid, pmcid,
 * then other schemes); a work with no identifier at all is known by a title fingerprint (title, year, first author).
 * An author is the one their highest-priority known identifier points to (orcid, openalex, then pipeline schemes);
 * identifiers not yet known are linked to the resolved work or author; an identifier already linked elsewhere is
 * never moved. An authorship with no identifier gets an author id derived from the work and the name, stable across
 * re-imports. A work whose resolved content hashes the same as its last published version is unchanged.
 */
final class BatchPlan {

    static final String TITLE_FINGERPRINT = "title-fingerprint";
    private static final List<String> WORK_SCHEME_PRIORITY = List.of("doi", "openalex", "arxiv", "pmid", "pmcid");
    private static final List<String> AUTHOR_SCHEME_PRIORITY = List.of("orcid", "openalex");

    private final Map<Key, String> workIds;
    private final Map<Key, String> authorIds;
    private final Map<String, PublishedWork> published;
    private final Map<String, WorkChange> workChanges = new LinkedHashMap<>();
    private final List<Link> newWorkLinks = new ArrayList<>();
    private final List<Link> newAuthorLinks = new ArrayList<>();
    private final List<OutboundEvent<WorkImported>> events = new ArrayList<>();
    private final List<RecordOutcome> outcomes = new ArrayList<>();

    BatchPlan(Map<Key, String> workIds, Map<Key, String> authorIds, Map<String, PublishedWork> published) {
        this.workIds = workIds;
        this.authorIds = authorIds;
        this.published = published;
    }

    /** The identifiers a submission's work may already be known by, best first. */
    static List<Key> workKeys(SubmittedWork work) {
        if (work.identifiers().isEmpty()) {
            String firstAuthor = work.authorships().isEmpty() ? "" : work.authorships().get(0).name();
            return List.of(new Key(TITLE_FINGERPRINT, Normalize.matchKey(String.valueOf(work.title())) + "|"
                    + work.publicationYear() + "|" + Normalize.matchKey(firstAuthor)));
        }
        return byPriority(work.identifiers(), WORK_SCHEME_PRIORITY);
    }

    /** The identifiers an authorship's author may already be known by, best first. */
    static List<Key> authorKeys(SubmittedAuthorship authorship) {
        return byPriority(authorship.ids(), AUTHOR_SCHEME_PRIORITY);
    }

    private static List<Key> byPriority(Map<String, String> ids, List<String> priority) {
        return ids.entrySet().stream()
                .map(entry -> new Key(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingInt((Key key) -> rank(priority, key.scheme()))
                        .thenComparing(Key::scheme))
                .toList();
    }

    private static int rank(List<String> priority, String scheme) {
        int rank = priority.indexOf(scheme);
        return rank < 0 ? priority.size() : rank;
    }

    void apply(IndexedSubmission submission) {
        SubmittedWork work = submission.work();
        String workId = resolve(workKeys(work), workIds, newWorkLinks, BzpeerIds::newWorkId);
        WorkImported content = content(workId, work);
        String hash = hash(content);
        PublishedWork last = published.get(workId);
        if (last != null && last.contentHash().equals(hash)) {
            outcomes.add(new RecordOutcome.Imported(submission.index(), Change.UNCHANGED, workId, last.version()));
            return;
        }
        long version = last == null ? 1 : last.version() + 1;
        WorkChange earlier = workChanges.get(workId);
        long previousVersion = earlier != null ? earlier.previousVersion() : last == null ? 0 : last.version();
        workChanges.put(workId, new WorkChange(workId, previousVersion, version, hash, work.source()));
        published.put(workId, new PublishedWork(workId, version, hash));
        content.setVersion(version);
        content.setEventId(UUID.randomUUID().toString());
        content.setOccurredAt(Instant.now());
        events.add(new OutboundEvent<>(Topics.WORK_IMPORTED, workId, content));
        outcomes.add(new RecordOutcome.Imported(submission.index(),
                last == null ? Change.CREATED : Change.UPDATED, workId, version));
    }

    private static String resolve(List<Key> keys, Map<Key, String> owners, List<Link> newLinks,
            java.util.function.Supplier<String> mint) {
        String owner = keys.stream().map(owners::get).filter(id -> id != null).findFirst().orElseGet(mint);
        for (Key key : keys) {
            if (!owners.containsKey(key)) {
                owners.put(key, owner);
                newLinks.add(new Link(key, owner));
            }
        }
        return owner;
    }

    private WorkImported content(String workId, SubmittedWork work) {
        List<Authorship> authorships = new ArrayList<>();
        Set<String> seenAuthors = new LinkedHashSet<>();
        for (SubmittedAuthorship submitted : work.authorships()) {
            List<Key> keys = authorKeys(submitted);
            String authorId = keys.isEmpty()
                    ? BzpeerIds.derivedAuthorId(workId + "|" + Normalize.matchKey(submitted.name()))
                    : resolve(keys, authorIds, newAuthorLinks, BzpeerIds::newAuthorId);
            if (!seenAuthors.add(authorId)) {
                continue;
            }
            Map<String, String> externalIds = new TreeMap<>(submitted.ids());
            String orcid = externalIds.remove("orcid");
            authorships.add(Authorship.newBuilder()
                    .setPosition(authorships.size())
                    .setAuthorId(authorId)
                    .setDisplayName(submitted.name())
                    .setOrcid(orcid)
                    .setExternalIds(externalIds)
                    .setCorresponding(submitted.corresponding())
                    .setInstitutions(submitted.institutions().stream()
                            .map(institution -> Institution.newBuilder()
                                    .setId(institution.id())
                                    .setName(institution.name())
                                    .setRor(institution.ror())
                                    .setCountryCode(institution.countryCode())
                                    .build())
                            .toList())
                    .build());
        }
        Map<String, String> other = new TreeMap<>(work.identifiers());
        WorkIdentifiers identifiers = WorkIdentifiers.newBuilder()
                .setDoi(other.remove("doi"))
                .setArxivId(other.remove("arxiv"))
                .setOpenalexId(other.remove("openalex"))
                .setPmid(other.remove("pmid"))
                .setOther(other)
                .build();
        return WorkImported.newBuilder()
                .setEventId("")
                .setOccurredAt(Instant.EPOCH)
                .setWorkId(workId)
                .setVersion(0)
                .setSource(work.source())
                .setIdentifiers(identifiers)
                .setType(work.type())
                .setPublicationYear(work.publicationYear())
                .setPublicationDate(work.publicationDate())
                .setVenue(work.venue() == null ? null : Venue.newBuilder()
                        .setName(work.venue().name())
                        .setId(work.venue().id())
                        .setType(work.venue().type())
                        .setIssn(work.venue().issn())
                        .build())
                .setTitle(work.title())
                .setAbstractText(work.abstractText())
                .setLanguage(work.language())
                .setRetracted(work.retracted())
                .setAuthorships(authorships)
                .setTopics(work.topics().stream()
                        .map(topic -> Topic.newBuilder()
                                .setId(topic.id())
                                .setName(topic.name())
                                .setScore(topic.score())
                                .build())
                        .toList())
                .build();
    }

    /** Hash of the content with the per-event fields blanked: equal content, equal hash. */
    private static String hash(WorkImported content) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(EventCodec.instance().encode(content));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<WorkChange> workChanges() {
        return List.copyOf(workChanges.values());
    }

    List<Link> newWorkLinks() {
        return newWorkLinks;
    }

    List<Link> newAuthorLinks() {
        return newAuthorLinks;
    }

    List<OutboundEvent<WorkImported>> events() {
        return events;
    }

    List<RecordOutcome> outcomes() {
        return outcomes;
    }
}
