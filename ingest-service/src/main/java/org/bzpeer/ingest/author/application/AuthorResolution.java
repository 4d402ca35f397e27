package org.bzpeer.ingest.author.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.author.model.PublishedMention;
import org.bzpeer.ingest.author.store.MentionStore;
import org.bzpeer.ingest.author.store.MentionStore.Reassignment;
import org.bzpeer.ingest.author.store.OrcidNameStore;
import org.bzpeer.ingest.work.application.WorkRepublishing;
import org.bzpeer.ingest.work.store.ConcurrentImportException;
import org.bzpeer.kit.outbox.OutboxRelay;
import org.bzpeer.kit.outbox.OutboxWriter;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.kit.pending.PendingDerivation;
import org.bzpeer.kit.pending.PendingKeys;
import org.bzpeer.schemas.Topics;
import org.bzpeer.schemas.events.AuthorMerged;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Settles who the authors of the published works are. Imports record works with a first decision ({@link
 * BylineAuthors}) and mark the blocks (surname and first initial) whose mentions changed; after a short linger, each
 * marked block is resolved as a whole from every mention it holds and the names ORCID records give their owners in it
 * ({@link AuthorClustering}; a record whose names change marks their blocks too), and every person is given their id
 * ({@link AuthorIds}). Mentions whose id changes are published again, their works naming the new id (one new
 * version per work); an author id no mention holds any more is retired with {@code author.merged} (when a published
 * work carried it), naming the id that took most of its mentions; and a new work held until its authors are settled is
 * published once the last of its blocks is resolved ({@link WorkRepublishing#settleAuthors}). All in one transaction,
 * the works locked as imports lock them before any mention changes (a resolution that still deadlocks with an import
 * is rolled back and tried again, its blocks still marked). So once the queue is empty, every id is a function of the
 * published records and the owners' last ORCID records alone, whatever order they came in. Safe with several
 * instances (see {@link PendingKeys}).
 */
@Service
public class AuthorResolution implements SmartLifecycle {

    private final MentionStore mentions;
    private final OrcidNameStore orcidNames;
    private final WorkRepublishing republishing;
    private final OutboxWriter outbox;
    private final PendingKeys unresolved;
    private final PendingDerivation resolver;
    private final ResolutionProperties properties;
    private final Counter renamed;
    private final Counter merged;

    public AuthorResolution(MentionStore mentions, OrcidNameStore orcidNames, WorkRepublishing republishing,
            OutboxWriter outbox, DatabaseClient database, OutboxRelay relay, TransactionalOperator transactions,
            ResolutionProperties properties, MeterRegistry meters) {
        this.mentions = mentions;
        this.orcidNames = orcidNames;
        this.republishing = republishing;
        this.outbox = outbox;
        this.properties = properties;
        this.unresolved = new PendingKeys(database, "unresolved_block");
        Duration poll = properties.linger().compareTo(Duration.ofMillis(50)) > 0
                ? properties.linger() : Duration.ofMillis(50);
        this.resolver = new PendingDerivation("author-resolution", unresolved, transactions, properties.batchSize(),
                this::resolve, relay::wakeUp, poll);
        this.renamed = Counter.builder("bzpeer.ingest.resolution.renamed")
                .description("Authorships given another author id by resolution").register(meters);
        this.merged = Counter.builder("bzpeer.ingest.resolution.merged")
                .description("Author ids retired by resolution and announced (author.merged)").register(meters);
    }

    /**
     * Replaces the mentions of {@code workIds} (works published again or retired) by {@code published} and marks their
     * blocks, old and new, for resolution; run it in the transaction that publishes the works.
     */
    public Mono<Void> replaceMentions(Collection<String> workIds, Map<String, List<PublishedMention>> published) {
        List<PublishedMention> all = new ArrayList<>();
        published.values().forEach(all::addAll);
        return mentions.replace(workIds, all).flatMap(blocks -> {
            all.forEach(mention -> blocks.add(mention.mention().name().block()));
            return unresolved.mark(blocks, properties.linger());
        }).doOnSuccess(done -> resolver.wakeUp());
    }

    /** The mentions last published of {@code workIds} and the owners of the written-out names of a batch. */
    public Mono<BylineAuthors> bylineAuthors(Collection<String> workIds, Set<PersonName> writtenNames) {
        return Mono.zip(mentions.findByWorks(workIds), mentions.findAuthorsByWrittenName(writtenNames))
                .map(found -> new BylineAuthors(found.getT1(), found.getT2()));
    }

    /** Resolves one batch of due blocks now; answers how many (tests and tools drain the queue with it). */
    public int resolveDueBlocks() {
        return resolver.deriveBatch();
    }

    /**
     * Replaces the names each owner of {@code namesByOrcid} goes by (from their ORCID record: the name they are
     * printed under first) and marks the blocks of the names that came or went for resolution; run it in the
     * transaction that imports the record.
     */
    public Mono<Void> replaceOrcidNames(Map<String, List<String>> namesByOrcid) {
        return orcidNames.replace(namesByOrcid).flatMap(blocks -> blocks.isEmpty() ? Mono.<Void>empty()
                : unresolved.mark(blocks, properties.linger()).doOnSuccess(done -> resolver.wakeUp()));
    }

    private Mono<Void> resolve(List<String> blocks) {
        return Mono.zip(mentions.findByBlocks(blocks), ownersNamedIn(blocks))
                .publishOn(Schedulers.boundedElastic())
                .flatMap(read -> settle(blocks, read.getT1(), read.getT2()));
    }

    /** Resolves {@code blocks} from every mention {@code found} in them and the ORCID owners named there. */
    private Mono<Void> settle(List<String> blocks, List<PublishedMention> found,
            List<AuthorClustering.OrcidName> ownersNamed) {
        Decision decision = decide(found, ownersNamed);
        Map<String, Set<String>> resolvedByWork = new HashMap<>();
        found.forEach(mention -> resolvedByWork.computeIfAbsent(mention.mention().workId(), id -> new HashSet<>())
                .add(mention.mention().name().block()));
        if (decision.reassignments().isEmpty()) {
            return republishing.settleAuthors(Map.of(), resolvedByWork).then();
        }
        Set<String> works = decision.renames().keySet();
        return republishing.lock(works)
                .then(mentions.findByWorks(works))
                .flatMap(current -> stillAsRead(found, current, Set.copyOf(blocks))
                        ? apply(decision, resolvedByWork)
                        : Mono.error(new ConcurrentImportException("an import changed works of blocks "
                                + "being resolved; resolving them again from what it published")));
    }

    /** The names ORCID records give their owners in {@code blocks}, with the source ids published with each iD. */
    private Mono<List<AuthorClustering.OrcidName>> ownersNamedIn(List<String> blocks) {
        return orcidNames.findByBlocks(blocks).flatMap(named -> mentions.findSourceIdsByOrcid(named.stream()
                        .map(OrcidNameStore.OrcidName::orcid).collect(Collectors.toCollection(TreeSet::new)))
                .map(sourceIds -> named.stream().map(name -> new AuthorClustering.OrcidName(
                        PersonName.parse(name.printed()), name.orcid(),
                        sourceIds.getOrDefault(name.orcid(), Set.of()))).toList()));
    }

    /**
     * Whether the mentions of the works to publish again, in {@code blocks}, are still those {@code found} before the
     * works were locked. If an import changed one meanwhile, this resolution is rolled back and its blocks are
     * resolved again, from what that import published (dropping it alone would leave the batch's other blocks, and
     * the works held for them, unresolved until marked again).
     */
    private static boolean stillAsRead(List<PublishedMention> found,
            Map<String, Map<Integer, PublishedMention>> current, Set<String> blocks) {
        Set<PublishedMention> read = new HashSet<>();
        found.stream().filter(mention -> current.containsKey(mention.mention().workId())).forEach(read::add);
        Set<PublishedMention> now = new HashSet<>();
        current.values().forEach(byPosition -> byPosition.values().stream()
                .filter(mention -> blocks.contains(mention.mention().name().block())).forEach(now::add));
        return read.equals(now);
    }

    /**
     * Applies {@code decision} and announces each id it retired that readers may know: one that some work published
     * before carried (an id only works never published carried, such as a held work's own first id, goes silently).
     */
    private Mono<Void> apply(Decision decision, Map<String, Set<String>> resolvedByWork) {
        return republishing.settleAuthors(decision.renames(), resolvedByWork)
                .flatMap(neverPublished -> mentions.reassign(decision.reassignments())
                        .then(mentions.findNamed(decision.survivors().keySet()))
                        .flatMap(stillNamed -> {
                            Set<String> published = new HashSet<>();
                            decision.renames().forEach((workId, byOldId) -> {
                                if (!neverPublished.contains(workId)) {
                                    published.addAll(byOldId.keySet());
                                }
                            });
                            List<OutboundEvent<AuthorMerged>> merges = new ArrayList<>();
                            decision.survivors().forEach((retired, survivor) -> {
                                if (!stillNamed.contains(retired) && published.contains(retired)) {
                                    merges.add(merge(retired, survivor, decision.reasons().get(retired)));
                                }
                            });
                            renamed.increment(decision.reassignments().size());
                            merged.increment(merges.size());
                            return outbox.appendAll(merges);
                        }));
    }

    /**
     * What resolving {@code found} (every mention of some blocks, whose owners of ORCID records go by
     * {@code orcidNames} there) changes: the mentions given another id, the renames per work, and for each id that lost
     * mentions, the id that took most of them and why.
     */
    static Decision decide(List<PublishedMention> found, List<AuthorClustering.OrcidName> orcidNames) {
        Map<String, PublishedMention> byPosition = new HashMap<>();
        Map<String, Map<Integer, String>> bylines = new HashMap<>();
        for (PublishedMention mention : found) {
            byPosition.put(position(mention.mention()), mention);
            bylines.computeIfAbsent(mention.mention().workId(), id -> new TreeMap<>())
                    .put(mention.mention().position(), mention.printed());
        }
        Set<String> repeated = new HashSet<>();
        bylines.forEach((workId, byline) -> {
            List<Integer> positions = List.copyOf(byline.keySet());
            AuthorIds.repeatedNames(List.copyOf(byline.values()))
                    .forEach(index -> repeated.add(workId + "#" + positions.get(index)));
        });
        List<Reassignment> reassignments = new ArrayList<>();
        Map<String, Map<String, String>> renames = new TreeMap<>();
        Map<String, Map<String, Integer>> takenBy = new TreeMap<>();
        Map<String, String> reasons = new HashMap<>();
        for (AuthorClustering.Person person : AuthorClustering.resolve(
                found.stream().map(PublishedMention::mention).toList(), orcidNames)) {
            List<PublishedMention> theirs = person.mentions().stream()
                    .map(mention -> byPosition.get(position(mention))).toList();
            String id = AuthorIds.ofPerson(person.identifiers(), theirs,
                    mention -> repeated.contains(position(mention.mention())));
            boolean identified = !person.identifiers().isEmpty();
            for (PublishedMention mention : theirs) {
                if (!mention.authorId().equals(id)) {
                    reassignments.add(new Reassignment(mention.mention().workId(), mention.mention().position(),
                            mention.authorId(), id));
                    renames.computeIfAbsent(mention.mention().workId(), work -> new LinkedHashMap<>())
                            .put(mention.authorId(), id);
                    takenBy.computeIfAbsent(mention.authorId(), old -> new TreeMap<>()).merge(id, 1, Integer::sum);
                    reasons.put(mention.authorId(), identified ? "one person by ORCID iD or source author id"
                            : "compatible names and shared co-authors, institutions, venues or topics");
                }
            }
        }
        Map<String, String> survivors = new TreeMap<>();
        takenBy.forEach((old, targets) -> survivors.put(old, mostTaken(targets)));
        return new Decision(reassignments, renames, survivors, reasons);
    }

    /** The id that took most mentions (the smallest id of a tie). */
    private static String mostTaken(Map<String, Integer> countsById) {
        String best = null;
        for (Map.Entry<String, Integer> entry : countsById.entrySet()) {
            if (best == null || entry.getValue() > countsById.get(best)) {
                best = entry.getKey();
            }
        }
        return best;
    }

    /**
     * @param reassignments mentions given another id
     * @param renames       by work: old author id to new
     * @param survivors     each id that lost mentions, with the id that took most of them (retired if no mention
     *                      holds it any more)
     * @param reasons       why each of those lost them
     */
    record Decision(List<Reassignment> reassignments, Map<String, Map<String, String>> renames,
            Map<String, String> survivors, Map<String, String> reasons) {
    }

    private static OutboundEvent<AuthorMerged> merge(String retired, String survivor, String reason) {
        return new OutboundEvent<>(Topics.AUTHOR_MERGED, retired, AuthorMerged.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now())
                .setAuthorId(retired)
                .setMergedInto(survivor)
                .setReason(reason)
                .build());
    }

    private static String position(AuthorMention mention) {
        return mention.workId() + "#" + mention.position();
    }

    @Override
    public void start() {
        resolver.start();
    }

    @Override
    public void stop() {
        resolver.stop();
    }

    @Override
    public boolean isRunning() {
        return resolver.isRunning();
    }
}
