package org.bzpeer.graph.coauthorship.application;

import static org.bzpeer.graph.coauthorship.model.Neighbourhood.nodeId;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bzpeer.graph.coauthorship.model.AuthorRef;
import org.bzpeer.graph.coauthorship.model.Neighbourhood;
import org.bzpeer.graph.coauthorship.model.Neighbourhood.Edge;
import org.bzpeer.graph.coauthorship.model.Neighbourhood.Node;
import org.bzpeer.graph.coauthorship.model.Neighbourhood.Omitted;
import org.bzpeer.graph.coauthorship.model.RankedEntries;
import org.bzpeer.graph.coauthorship.store.CollaboratorRecord;
import org.bzpeer.graph.coauthorship.store.ExplorerStore;
import org.bzpeer.graph.coauthorship.store.PairRecord;
import org.bzpeer.graph.coauthorship.store.RankedEntryRecord;
import org.bzpeer.graph.coauthorship.store.RankedRows;
import org.bzpeer.graph.coauthorship.store.SecondDegreeRecords;
import org.bzpeer.graph.coauthorship.store.WorkRecord;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * The explorer's use cases on one author: their topics and institutions ranked with counts and years, and a bounded
 * neighbourhood (see {@link Neighbourhood} for what it holds and its bounds). Each reads a fixed number of ranked
 * slices, whatever the size of the author's neighbourhood; an author no stored work lists fails with
 * {@link UnknownAuthorException}.
 */
@Service
public class AuthorExplorer {

    private final ExplorerStore store;
    private final GraphProperties properties;

    public AuthorExplorer(ExplorerStore store, GraphProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** The {@code limit} topics on most of the author's works, and how many they have. */
    public Mono<RankedEntries> topics(String authorId, int limit) {
        return known(authorId).then(store.topTopics(authorId, limit)).map(rows -> entries(authorId, rows));
    }

    /** The {@code limit} institutions on most of the author's authorships, and how many they have. */
    public Mono<RankedEntries> institutions(String authorId, int limit) {
        return known(authorId).then(store.topInstitutions(authorId, limit)).map(rows -> entries(authorId, rows));
    }

    /** The author's neighbourhood at {@code depth} 1 or 2 with at most {@code limit} nodes of each kind. */
    public Mono<Neighbourhood> neighbourhood(String authorId, int depth, int limit) {
        return known(authorId).flatMap(name -> Mono.zip(store.topCoauthors(authorId, limit),
                        store.topWorks(authorId, limit), store.topTopics(authorId, limit),
                        store.topInstitutions(authorId, limit))
                .flatMap(slices -> {
                    List<String> firstDegree = slices.getT1().rows().stream().map(CollaboratorRecord::authorId)
                            .toList();
                    Mono<SecondDegreeRecords> secondDegree = depth < 2
                            ? Mono.just(new SecondDegreeRecords(List.of(), 0, List.of(), false))
                            : store.secondDegree(authorId, firstDegree, properties.neighbourhoodScanPerAuthor(),
                                    limit);
                    return secondDegree.map(second -> new NeighbourhoodBuilder(new AuthorRef(authorId, name),
                            depth, limit).build(slices.getT1(), slices.getT2(), slices.getT3(), slices.getT4(),
                            second));
                }));
    }

    private Mono<String> known(String authorId) {
        return store.findName(authorId).switchIfEmpty(Mono.error(() -> new UnknownAuthorException(authorId)));
    }

    private static RankedEntries entries(String authorId, RankedRows<RankedEntryRecord> rows) {
        return new RankedEntries(authorId, rows.rows().stream()
                .map(row -> new RankedEntries.Entry(row.key(), row.name(), row.works(), row.firstYear(),
                        row.lastYear()))
                .toList(), rows.total());
    }

    /** Assembles one neighbourhood from its ranked slices. */
    private record NeighbourhoodBuilder(AuthorRef centre, int depth, int limit) {

        Neighbourhood build(RankedRows<CollaboratorRecord> coauthors, RankedRows<WorkRecord> works,
                RankedRows<RankedEntryRecord> topics, RankedRows<RankedEntryRecord> institutions,
                SecondDegreeRecords second) {
            String centreNode = nodeId(Neighbourhood.AUTHOR, centre.id());
            List<Node> nodes = new ArrayList<>();
            List<Edge> edges = new ArrayList<>();
            nodes.add(new Node(centreNode, Neighbourhood.AUTHOR, centre.id(), centre.name(), works.total()));
            for (CollaboratorRecord coauthor : coauthors.rows()) {
                String node = nodeId(Neighbourhood.AUTHOR, coauthor.authorId());
                nodes.add(new Node(node, Neighbourhood.AUTHOR, coauthor.authorId(), coauthor.name(),
                        coauthor.sharedWorks()));
                edges.add(new Edge(centreNode, node, Neighbourhood.COAUTHOR, coauthor.sharedWorks()));
            }
            for (CollaboratorRecord author : second.authors()) {
                nodes.add(new Node(nodeId(Neighbourhood.AUTHOR, author.authorId()), Neighbourhood.AUTHOR,
                        author.authorId(), author.name(), author.sharedWorks()));
            }
            List<Edge> links = links(second.links());
            int linkLimit = 4 * limit;
            edges.addAll(links.subList(0, Math.min(linkLimit, links.size())));
            for (WorkRecord work : works.rows()) {
                String node = nodeId(Neighbourhood.WORK, work.workId());
                nodes.add(new Node(node, Neighbourhood.WORK, work.workId(),
                        work.title() == null ? work.workId() : work.title(), work.authorCount()));
                edges.add(new Edge(centreNode, node, Neighbourhood.AUTHORED, 1));
            }
            addEntries(nodes, edges, centreNode, Neighbourhood.TOPIC, Neighbourhood.STUDIES, topics);
            addEntries(nodes, edges, centreNode, Neighbourhood.INSTITUTION, Neighbourhood.AFFILIATION,
                    institutions);
            Omitted omitted = new Omitted(coauthors.omitted(), works.omitted(), topics.omitted(),
                    institutions.omitted(), second.candidates() - second.authors().size(),
                    Math.max(0, links.size() - linkLimit));
            return new Neighbourhood(centre, depth, limit, nodes, edges, omitted, !second.scanCapped());
        }

        /** Links among co-authors, each pair once, strongest first (then by node ids). */
        private static List<Edge> links(List<PairRecord> pairs) {
            Map<String, Edge> unique = new LinkedHashMap<>();
            for (PairRecord pair : pairs) {
                String a = nodeId(Neighbourhood.AUTHOR, pair.authorId());
                String b = nodeId(Neighbourhood.AUTHOR, pair.coauthorId());
                String source = a.compareTo(b) < 0 ? a : b;
                String target = source.equals(a) ? b : a;
                unique.putIfAbsent(source + "\u001f" + target,
                        new Edge(source, target, Neighbourhood.COAUTHOR, pair.sharedWorks()));
            }
            return unique.values().stream()
                    .sorted(Comparator.comparingLong(Edge::weight).reversed().thenComparing(Edge::source)
                            .thenComparing(Edge::target))
                    .toList();
        }

        private static void addEntries(List<Node> nodes, List<Edge> edges, String centreNode, String type,
                String edgeType, RankedRows<RankedEntryRecord> entries) {
            for (RankedEntryRecord entry : entries.rows()) {
                String node = nodeId(type, entry.key());
                nodes.add(new Node(node, type, entry.key(), entry.name(), entry.works()));
                edges.add(new Edge(centreNode, node, edgeType, entry.works()));
            }
        }
    }
}
