package org.bzpeer.graph.coauthorship.application;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bzpeer.graph.coauthorship.model.AuthorRef;
import org.bzpeer.graph.coauthorship.model.CollaborationPath;
import org.bzpeer.graph.coauthorship.model.CollaborationPath.LinkingWork;
import org.bzpeer.graph.coauthorship.model.CollaborationPath.Step;
import org.bzpeer.graph.coauthorship.store.ExplorerStore;
import org.bzpeer.graph.coauthorship.store.LinkingWorkRecord;
import org.bzpeer.graph.coauthorship.store.PairRecord;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * The collaboration distance between two authors: a bidirectional breadth-first search over co-author pairs, one
 * query per hop, always expanding the smaller frontier. The chain found is a shortest one; among equally short ones
 * it is the one whose authors are reached through the pair sharing most works (then the smallest author id), so the
 * answer depends only on the stored works. A frontier larger than {@code bzpeer.graph.path-frontier-limit} ends the
 * search, reported as incomplete.
 */
@Service
public class CollaborationPaths {

    /** The longest chain ever looked for. */
    public static final int MAX_HOPS = 6;

    private final ExplorerStore store;
    private final GraphProperties properties;

    public CollaborationPaths(ExplorerStore store, GraphProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** A shortest chain of at most {@code maxHops} co-authorships from {@code fromId} to {@code toId}. */
    public Mono<CollaborationPath> find(String fromId, String toId, int maxHops) {
        return known(fromId).zipWith(known(toId)).flatMap(names -> {
            Search search = new Search(new Side(fromId), new Side(toId), maxHops);
            return search.run().flatMap(outcome -> describe(outcome, new AuthorRef(fromId, names.getT1()),
                    new AuthorRef(toId, names.getT2()), maxHops));
        });
    }

    private Mono<String> known(String authorId) {
        return store.findName(authorId).switchIfEmpty(Mono.error(() -> new UnknownAuthorException(authorId)));
    }

    private Mono<CollaborationPath> describe(Outcome outcome, AuthorRef from, AuthorRef to, int maxHops) {
        if (outcome.chain() == null) {
            return Mono.just(new CollaborationPath(from, to, maxHops, false, null, List.of(), outcome.complete()));
        }
        List<String> chain = outcome.chain();
        return Mono.zip(store.names(chain),
                        store.linkingWorks(chain, properties.pathWorksPerStep(), properties.maxCoauthorshipAuthors()))
                .map(found -> {
                    Map<Integer, List<LinkingWork>> works = new HashMap<>();
                    for (LinkingWorkRecord work : found.getT2()) {
                        works.computeIfAbsent(work.step(), step -> new ArrayList<>())
                                .add(new LinkingWork(work.workId(), work.title(), work.publicationYear()));
                    }
                    List<Step> steps = new ArrayList<>();
                    for (int i = 0; i + 1 < chain.size(); i++) {
                        steps.add(new Step(new AuthorRef(chain.get(i), found.getT1().get(chain.get(i))),
                                new AuthorRef(chain.get(i + 1), found.getT1().get(chain.get(i + 1))),
                                outcome.sharedWorks().get(i), works.getOrDefault(i, List.of())));
                    }
                    return new CollaborationPath(from, to, maxHops, true, steps.size(), steps, true);
                });
    }

    /** How an author was reached: from {@code previous} ({@code null} at the start), at {@code hops}. */
    private record Reached(String previous, long sharedWorks, int hops) {

        boolean strongerThan(Reached other) {
            return sharedWorks != other.sharedWorks ? sharedWorks > other.sharedWorks
                    : previous.compareTo(other.previous) < 0;
        }
    }

    /** One side of the search: every author it reached, and the last hop's frontier. */
    private static final class Side {

        final Map<String, Reached> reached = new HashMap<>();
        Set<String> frontier;
        int hops;

        Side(String start) {
            reached.put(start, new Reached(null, 0, 0));
            frontier = Set.of(start);
        }

        /** The chain from this side's start to {@code author}, start first, with each step's shared works. */
        List<String> chainTo(String author, List<Long> sharedWorks) {
            List<String> chain = new ArrayList<>();
            for (String at = author; at != null; at = reached.get(at).previous()) {
                chain.add(at);
                if (reached.get(at).previous() != null) {
                    sharedWorks.add(reached.get(at).sharedWorks());
                }
            }
            Collections.reverse(chain);
            Collections.reverse(sharedWorks);
            return chain;
        }
    }

    /** A chain with the shared works of each step, or none ({@code complete}: whether the search was exhaustive). */
    private record Outcome(List<String> chain, List<Long> sharedWorks, boolean complete) {
    }

    /** The search between two sides, one hop at a time. */
    private final class Search {

        private final Side start;
        private final Side end;
        private final int maxHops;

        Search(Side start, Side end, int maxHops) {
            this.start = start;
            this.end = end;
            this.maxHops = maxHops;
        }

        Mono<Outcome> run() {
            if (start.reached.containsKey(end.frontier.iterator().next())) {
                return Mono.just(outcome(end.frontier.iterator().next()));
            }
            return hop();
        }

        private Mono<Outcome> hop() {
            if (start.hops + end.hops >= maxHops) {
                return Mono.just(new Outcome(null, null, true));
            }
            Side side = start.frontier.size() <= end.frontier.size() ? start : end;
            if (side.frontier.isEmpty()) {
                return Mono.just(new Outcome(null, null, true));
            }
            if (side.frontier.size() > properties.pathFrontierLimit()) {
                return Mono.just(new Outcome(null, null, false));
            }
            Side other = side == start ? end : start;
            return store.neighbours(side.frontier).flatMap(pairs -> {
                expand(side, pairs);
                String meeting = meeting(side, other);
                return meeting == null ? hop() : Mono.just(outcome(meeting));
            });
        }

        private void expand(Side side, List<PairRecord> pairs) {
            int hops = side.hops + 1;
            Map<String, Reached> next = new HashMap<>();
            for (PairRecord pair : pairs) {
                if (side.reached.containsKey(pair.coauthorId())) {
                    continue;
                }
                Reached candidate = new Reached(pair.authorId(), pair.sharedWorks(), hops);
                next.merge(pair.coauthorId(), candidate, (kept, other) -> other.strongerThan(kept) ? other : kept);
            }
            side.reached.putAll(next);
            side.frontier = next.keySet();
            side.hops = hops;
        }

        /**
         * The author of the frontier just reached by {@code expanded} that {@code other} reached too with the fewest
         * hops (then the smallest id), or null. Before this hop the sides had met nowhere, so only the new frontier
         * can meet the other side.
         */
        private static String meeting(Side expanded, Side other) {
            String best = null;
            int bestHops = Integer.MAX_VALUE;
            for (String author : expanded.frontier) {
                Reached there = other.reached.get(author);
                if (there != null && (there.hops() < bestHops
                        || there.hops() == bestHops && author.compareTo(best) < 0)) {
                    best = author;
                    bestHops = there.hops();
                }
            }
            return best;
        }

        private Outcome outcome(String meeting) {
            List<Long> sharedWorks = new ArrayList<>();
            List<String> chain = new ArrayList<>(start.chainTo(meeting, sharedWorks));
            List<Long> backWorks = new ArrayList<>();
            List<String> back = end.chainTo(meeting, backWorks);
            Collections.reverse(back);
            Collections.reverse(backWorks);
            chain.addAll(back.subList(1, back.size()));
            sharedWorks.addAll(backWorks);
            return new Outcome(chain, sharedWorks, true);
        }
    }
}
