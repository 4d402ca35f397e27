package org.bzpeer.graph.coauthorship.model;

import java.util.List;

/**
 * A bounded neighbourhood of one author, for an explorer. Nodes come most significant first within their kind: the
 * author, then co-authors by shared works, second-degree co-authors (depth 2) by works shared with the co-authors
 * shown, works most recent first, topics and institutions by the author's works listing them. Invariants: at most
 * {@code limit} nodes of each kind besides the author, at most {@code 4 * limit} links among co-authors, and
 * every edge joins two nodes of the list.
 *
 * @param author         the author at the centre
 * @param depth          1, or 2 with co-authors' co-authors
 * @param limit          most nodes of each kind
 * @param nodes          the author first
 * @param edges          strongest first within their type
 * @param omitted        what was left out, by kind
 * @param omittedIsExact false when a depth-2 scan read only the strongest co-authors of some co-author, so more
 *                       second-degree authors may exist than {@code omitted.secondDegreeAuthors} says
 */
public record Neighbourhood(AuthorRef author, int depth, int limit, List<Node> nodes, List<Edge> edges,
        Omitted omitted, boolean omittedIsExact) {

    /** Node kinds. */
    public static final String AUTHOR = "author";
    public static final String WORK = "work";
    public static final String TOPIC = "topic";
    public static final String INSTITUTION = "institution";

    /** Edge types. */
    public static final String COAUTHOR = "coauthor";
    public static final String AUTHORED = "authored";
    public static final String STUDIES = "topic";
    public static final String AFFILIATION = "affiliation";

    /**
     * A node: {@code id} is {@code type + ":" + key}, unique in the neighbourhood; {@code weight} is the work count of
     * the centre, the shared works of a co-author, the byline size of a work, the author's works listing a topic or
     * institution.
     */
    public record Node(String id, String type, String key, String label, long weight) {
    }

    /** An edge between two node ids; {@code weight} is shared works (coauthor), 1 (authored) or works (others). */
    public record Edge(String source, String target, String type, long weight) {
    }

    /** How many of each kind were left out; second-degree authors only at depth 2. */
    public record Omitted(long coauthors, long works, long topics, long institutions, long secondDegreeAuthors,
            long coauthorLinks) {
    }

    public Neighbourhood {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** The node id of {@code key} of kind {@code type}. */
    public static String nodeId(String type, String key) {
        return type + ":" + key;
    }
}
