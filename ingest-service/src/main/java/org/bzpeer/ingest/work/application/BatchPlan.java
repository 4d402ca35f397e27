package org.bzpeer.ingest.work.application;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import org.bzpeer.ingest.author.application.AuthorMentions;
import org.bzpeer.ingest.author.application.BylineAuthors;
import org.bzpeer.ingest.author.model.PublishedMention;
import org.bzpeer.ingest.work.application.RecordOutcome.Change;
import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.store.IdentityStore.Copy;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.ingest.work.store.IdentityStore.PublishedWork;
import org.bzpeer.ingest.work.store.IdentityStore.WorkChange;
import org.bzpeer.ingest.work.store.OrcidClaimStore.OrcidClaim;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.kit.text.Names;
import org.bzpeer.schemas.EventCodec;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.Topic;
import org.bzpeer.schemas.events.Venue;
import org.bzpeer.schemas.events.WorkIdentifiers;
import org.bzpeer.schemas.events.WorkImported;

/**
 * The import of one batch, decided in memory from identities loaded up front: which work each record is
 * (de-duplication, {@link WorkComponents}), who its authors are (author resolution), and whether it changes what was
 * published. Records are applied in order, so a batch that holds the same work twice ends with its last record. Not
 * thread-safe; one per batch.
 *
 * <p>Rules. A work's id derives from the best identifier linked to it (doi, openalex, arxiv, pmid, pmcid, then other
 * schemes; a work with no identifier at all is known by a title fingerprint of title, year and first author); a work
 * id retired by a merge is published once more with {@code mergedInto} and nothing else. Author ids are first decided by
 * {@link BylineAuthors} and settled by author resolution, which publishes the works again when it renames their
 * authors ({@link #renameAuthors}); ids are thus a function of the records, never of their order, once resolution has
 * run. Authorships the author's owner disowned are left out. A work whose resolved content hashes the same as its last
 * published version is unchanged.
 *
 * <p>A copy (a record without identifiers) that {@link WorkComponents#joinByTitle joins an identified work by its
 * title} adds nothing to that work's content (the record is unchanged): the content is that of the work's records
 * with identifiers, whichever arrived first, so a copy never wipes out the identifiers, abstract or anything else they
 * gave. (Its abstract is not taken over either when theirs has none: content is the last record's, never pieced
 * together, which is what keeps it a function of the records and not of their order.) The copy's own id is published
 * as merged into that work, and published with the copy's own content again should the join no longer hold. That
 * content is stored with the authors its record alone names (identified ones by their identifiers, the others by ids
 * of their own, never ids taken from earlier imports), so it is a function of the record whatever the history; author
 * resolution settles them once the copy is published with it.
 *
 * <p>A record whose byline is partial (an ORCID work summary) is the exception to "the last record's content": it is
 * merged into the content the work has ({@link PartialBylines}), so it never shrinks a fuller byline; and every full
 * record of the work is built with what such records claimed of it, so a full record lacking an owner's ORCID iD
 * never drops it.
 */
final class BatchPlan {

    private final WorkComponents works;
    private final Map<String, PublishedWork> published;
    private final Map<String, Set<String>> disowned;
    private final BylineAuthors authors;
    private final Map<String, WorkChange> workChanges = new LinkedHashMap<>();
    private final Map<String, WorkImported> lastContent = new HashMap<>();
    private final List<OutboundEvent<WorkImported>> events = new ArrayList<>();
    private final List<RecordOutcome> outcomes = new ArrayList<>();
    private final Map<String, Copy> storedCopies;
    private final Map<String, byte[]> storedContents;
    private final Map<String, byte[]> copyContents = new HashMap<>();
    private final List<Copy> copyChanges = new ArrayList<>();
    private final Map<Integer, String> absorbed = new LinkedHashMap<>();
    private final Map<String, List<PublishedMention>> mentions = new LinkedHashMap<>();
    private final Map<String, List<OrcidClaim>> claims = new HashMap<>();

    /**
     * @param works     which work each identifier names
     * @param published the last published state of every work the batch touches
     * @param disowned  the authors disowned on each of those works, left out of every version
     * @param authors   who the authors of each record are
     */
    BatchPlan(WorkComponents works, Map<String, PublishedWork> published, Map<String, Set<String>> disowned,
            BylineAuthors authors) {
        this(works, published, disowned, authors, Map.of(), Map.of(), List.of());
    }

    /**
     * @param copies   the stored state of the copies {@code works} decided on, by their own work id
     * @param contents the content last published of the works the batch's records with a partial byline name
     *                 ({@link PartialBylines}), by work id; other works may be left out
     * @param claims   what partial records claim of the works the batch touches (stored, and the batch's own)
     */
    BatchPlan(WorkComponents works, Map<String, PublishedWork> published, Map<String, Set<String>> disowned,
            BylineAuthors authors, Map<String, Copy> copies, Map<String, byte[]> contents, List<OrcidClaim> claims) {
        this.works = works;
        claims.forEach(claim -> this.claims.computeIfAbsent(works.workIdOf(claim.work()), id -> new ArrayList<>())
                .add(claim));
        this.published = published;
        this.disowned = disowned;
        this.authors = authors;
        this.storedCopies = copies;
        this.storedContents = contents;
    }

    /**
     * The identifiers a submission's work is known by: its own best first (or its title fingerprint when it has
     * none), then the identifiers of other versions of it that the record lists, which name the same work.
     */
    static List<Key> workKeys(SubmittedWork work) {
        List<Key> keys = new ArrayList<>();
        if (work.identifiers().isEmpty()) {
            String firstAuthor = work.authorships().isEmpty() ? "" : work.authorships().get(0).name();
            keys.add(new Key(WorkComponents.TITLE_FINGERPRINT, Names.matchKey(String.valueOf(work.title()))
                    + "|" + work.publicationYear() + "|" + Names.matchKey(firstAuthor)));
        }
        work.identifiers().entrySet().stream()
                .map(entry -> new Key(entry.getKey(), entry.getValue()))
                .sorted(WorkComponents.BEST_FIRST)
                .forEach(keys::add);
        work.versionIdentifiers().stream()
                .map(version -> new Key(version.scheme(), version.value()))
                .filter(key -> !keys.contains(key))
                .forEach(keys::add);
        return List.copyOf(keys);
    }

    void apply(IndexedSubmission submission) {
        String workId = works.workIdOf(workKeys(submission.work()).get(0));
        SubmittedWork work = submission.work().bylinePartial()
                ? PartialBylines.merge(currentContent(workId), submission.work())
                : PartialBylines.withClaims(submission.work(), claims.getOrDefault(workId, List.of()));
        WorkImported content = content(workId, work, authors);
        byte[] encoded = EventCodec.instance().encode(content);
        if (works.copies().containsKey(workId)) {
            copyContents.put(workId, EventCodec.instance().encode(
                    content(workId, work, new BylineAuthors(Map.of(), Map.of()))));
            String joined = works.copies().get(workId);
            if (joined != null) {
                absorbed.put(submission.index(), joined);
                return;
            }
        }
        lastContent.put(workId, content);
        PublishedWork last = published.get(workId);
        if (last != null && last.contentHash().equals(hash(encoded))) {
            outcomes.add(new RecordOutcome.Imported(submission.index(), Change.UNCHANGED, workId, last.version()));
            return;
        }
        long version = publish(content, encoded);
        mentions.put(workId, authors.mentions().get(workId));
        outcomes.add(new RecordOutcome.Imported(submission.index(),
                last == null ? Change.CREATED : Change.UPDATED, workId, version));
    }

    /**
     * The content {@code workId} has now: the last the batch gave it, else the last published, else, when the batch
     * joins works into it, the last published of one of those (a full byline rather than a partial one); null when
     * none.
     */
    private WorkImported currentContent(String workId) {
        if (lastContent.containsKey(workId)) {
            return lastContent.get(workId);
        }
        return Stream.concat(Stream.of(workId), works.retiredWorkIds().entrySet().stream()
                        .filter(retired -> retired.getValue().equals(workId)).map(Map.Entry::getKey))
                .map(storedContents::get).filter(Objects::nonNull)
                .map(content -> EventCodec.instance().decode(content, WorkImported.class))
                .min(Comparator.comparing(content -> SubmittedWork.PARTIAL_BYLINE_SOURCE.equals(content.getSource())))
                .orElse(null);
    }

    /**
     * Publishes, for each retired work id that was published, a last version saying which work it became. Call after
     * every record is applied.
     */
    void retire(Map<String, String> retiredToSurviving) {
        retiredToSurviving.forEach((retired, survivor) -> {
            if (published.containsKey(retired)) {
                WorkImported tombstone = tombstone(retired, survivor, lastContent.get(survivor));
                publish(tombstone, EventCodec.instance().encode(tombstone));
            }
        });
    }

    /**
     * Publishes each copy the batch decided on as it now stands, unless it was so already: merged into the work it
     * joins (a version naming it in {@code mergedInto}), or, when it joins none, its own content (a copy the batch
     * holds was published so by {@link #apply}). Call after every record is applied.
     */
    void settleCopies() {
        works.copies().forEach((copyId, joined) -> {
            Copy stored = storedCopies.get(copyId);
            byte[] own = copyContents.containsKey(copyId) ? copyContents.get(copyId)
                    : stored == null ? null : stored.ownContent();
            if (own == null) {
                return;
            }
            WorkImported ownContent = EventCodec.instance().decode(own, WorkImported.class);
            if (joined != null) {
                publishIfChanged(tombstone(copyId, joined, ownContent));
            } else if (!copyContents.containsKey(copyId) && publishIfChanged(ownContent)) {
                mentions.put(copyId, AuthorMentions.ofPublished(ownContent));
            }
            if (copyContents.containsKey(copyId) || stored == null || !Objects.equals(joined, stored.mergedInto())) {
                copyChanges.add(new Copy(copyId, own, joined));
            }
        });
    }

    /** Publishes {@code content} as the next version of its work unless it is the last published; answers whether. */
    private boolean publishIfChanged(WorkImported content) {
        byte[] encoded = EventCodec.instance().encode(content);
        PublishedWork last = published.get(content.getWorkId());
        if (last != null && last.contentHash().equals(hash(encoded))) {
            return false;
        }
        publish(content, encoded);
        return true;
    }

    /** The last version of {@code retired}: merged into {@code survivor}, of the source and type of {@code basis}. */
    private static WorkImported tombstone(String retired, String survivor, WorkImported basis) {
        return unpublished(retired, basis.getSource(), basis.getType())
                .setIdentifiers(WorkIdentifiers.newBuilder().build())
                .setMergedInto(survivor)
                .setAuthorships(List.of())
                .build();
    }

    /**
     * Publishes {@code stored} (a work's last published content) again without the authorships of
     * {@code disownedAuthors}, as the next version, unless none of them is on it.
     */
    void disown(WorkImported stored, Set<String> disownedAuthors) {
        renameAuthors(stored, Map.of(), disownedAuthors);
    }

    /**
     * Publishes {@code stored} (a work's last published content) again with its authors renamed by {@code renames}
     * (old id to new), leaving out those in {@code disownedAuthors} and the later of two authorships that now name
     * one author, as the next version, unless that changes nothing.
     */
    void renameAuthors(WorkImported stored, Map<String, String> renames, Set<String> disownedAuthors) {
        List<Authorship> kept = new ArrayList<>();
        Set<String> seen = new HashSet<>(disownedAuthors);
        boolean changed = false;
        for (Authorship authorship : stored.getAuthorships()) {
            String authorId = renames.getOrDefault(authorship.getAuthorId(), authorship.getAuthorId());
            changed |= !authorId.equals(authorship.getAuthorId());
            if (seen.add(authorId)) {
                authorship.setAuthorId(authorId);
                authorship.setPosition(kept.size());
                kept.add(authorship);
            }
        }
        if (changed || kept.size() < stored.getAuthorships().size()) {
            stored.setAuthorships(kept);
            publish(stored, EventCodec.instance().encode(stored));
        }
    }

    private long publish(WorkImported content, byte[] encoded) {
        String workId = content.getWorkId();
        String hash = hash(encoded);
        PublishedWork last = published.get(workId);
        long version = last == null ? 1 : last.version() + 1;
        WorkChange earlier = workChanges.get(workId);
        long previousVersion = earlier != null ? earlier.previousVersion() : last == null ? 0 : last.version();
        workChanges.put(workId,
                new WorkChange(workId, previousVersion, version, hash, content.getSource(), encoded));
        published.put(workId, new PublishedWork(workId, version, hash));
        events.add(event(content, encoded, version));
        return version;
    }

    /** The event publishing a work's recorded content ({@link WorkChange#content}) as {@code version}. */
    static OutboundEvent<WorkImported> recorded(byte[] content, long version) {
        return event(EventCodec.instance().decode(content, WorkImported.class), content, version);
    }

    /** {@code content} (encoded as {@code encoded}) stamped as a new event of {@code version}. */
    private static OutboundEvent<WorkImported> event(WorkImported content, byte[] encoded, long version) {
        content.setVersion(version);
        content.setEventId(UUID.randomUUID().toString());
        content.setOccurredAt(Instant.now());
        return new OutboundEvent<>(Topics.WORK_IMPORTED, content.getWorkId(), content,
                StampedPayload.stamp(encoded, content.getEventId(), content.getOccurredAt(), version));
    }

    /** The content of {@code work} as {@code workId}, its authors as {@code byline} assigns them. */
    private WorkImported content(String workId, SubmittedWork work, BylineAuthors byline) {
        List<Authorship> authorships = new ArrayList<>();
        Set<String> seenAuthors = new LinkedHashSet<>(disowned.getOrDefault(workId, Set.of()));
        List<String> authorIds = byline.assign(workId, work);
        for (int i = 0; i < work.authorships().size(); i++) {
            SubmittedAuthorship submitted = work.authorships().get(i);
            String authorId = authorIds.get(i);
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
        return unpublished(workId, work.source(), work.type())
                .setIdentifiers(identifiers)
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
                .setAuthorshipsTruncated(work.authorshipsTruncated())
                .setListedAuthorshipCount(work.listedAuthorshipCount())
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

    /** A version of {@code workId} with the per-event fields blank ({@link #publish} sets them). */
    private static WorkImported.Builder unpublished(String workId, String source, String type) {
        return WorkImported.newBuilder()
                .setEventId("")
                .setOccurredAt(Instant.EPOCH)
                .setWorkId(workId)
                .setVersion(0)
                .setSource(source)
                .setType(type);
    }

    /** Hash of the encoded content with the per-event fields blanked: equal content, equal hash. */
    private static String hash(byte[] encoded) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded);
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<WorkChange> workChanges() {
        return List.copyOf(workChanges.values());
    }

    List<OutboundEvent<WorkImported>> events() {
        return events;
    }

    /**
     * The mentions of each work published with authorships, by work id, to replace those it had: a record's as
     * {@link BylineAuthors} assigned them, a copy's published with its stored content again those of that content
     * (their blocks are resolved again like any others). A retired id and a copy merged into a work have none.
     */
    Map<String, List<PublishedMention>> mentions() {
        return mentions;
    }

    /** The copies whose own content or join changed, to store. */
    List<Copy> copyChanges() {
        return copyChanges;
    }

    /** One outcome per record applied, in record order. */
    List<RecordOutcome> outcomes() {
        List<RecordOutcome> all = new ArrayList<>(outcomes);
        absorbed.forEach((index, workId) -> all.add(
                new RecordOutcome.Imported(index, Change.UNCHANGED, workId, published.get(workId).version())));
        all.sort(Comparator.comparingInt(RecordOutcome::index));
        return all;
    }
}
