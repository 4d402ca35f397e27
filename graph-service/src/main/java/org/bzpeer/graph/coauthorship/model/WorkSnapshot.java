package org.bzpeer.graph.coauthorship.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.Institution;
import org.bzpeer.schemas.events.Topic;
import org.bzpeer.schemas.events.WorkImported;

/**
 * What the graph keeps of one version of a work. Invariants: each author appears once (an author listed twice keeps
 * the first byline place and gains the institutions of both listings); each topic of the work and each institution
 * of an authorship appears once by {@linkplain #key(String, String) key}; nameless, id-less entries are dropped.
 *
 * @param workId          the work
 * @param version         the work's version; only a higher one replaces what is stored
 * @param publicationYear null when unknown
 * @param title           null when the work has none
 * @param authors         in byline order
 * @param topics          in the order of the event
 */
public record WorkSnapshot(String workId, long version, Integer publicationYear, String title, List<Author> authors,
        List<Keyed> topics) {

    /** One author of the work, with the name printed there and the institutions of their authorship. */
    public record Author(String id, String name, int position, List<Keyed> institutions) {
    }

    /** A topic or institution: its identity {@code key} and its name. */
    public record Keyed(String key, String name) {
    }

    public WorkSnapshot {
        authors = List.copyOf(authors);
        topics = List.copyOf(topics);
    }

    /** The snapshot of {@code work}. */
    public static WorkSnapshot of(WorkImported work) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Integer> positions = new LinkedHashMap<>();
        Map<String, Map<String, Keyed>> institutions = new LinkedHashMap<>();
        for (Authorship authorship : work.getAuthorships()) {
            String authorId = authorship.getAuthorId();
            if (names.putIfAbsent(authorId, authorship.getDisplayName()) == null) {
                positions.put(authorId, authorship.getPosition());
            }
            Map<String, Keyed> ofAuthor = institutions.computeIfAbsent(authorId, id -> new LinkedHashMap<>());
            for (Institution institution : authorship.getInstitutions()) {
                keyed(institution.getId(), institution.getName()).ifPresent(k -> ofAuthor.putIfAbsent(k.key(), k));
            }
        }
        List<Author> authors = new ArrayList<>(names.size());
        names.forEach((id, name) -> authors.add(
                new Author(id, name, positions.get(id), List.copyOf(institutions.get(id).values()))));
        Map<String, Keyed> topics = new LinkedHashMap<>();
        for (Topic topic : work.getTopics()) {
            keyed(topic.getId(), topic.getName()).ifPresent(k -> topics.putIfAbsent(k.key(), k));
        }
        return new WorkSnapshot(work.getWorkId(), work.getVersion(), work.getPublicationYear(), work.getTitle(),
                authors, List.copyOf(topics.values()));
    }

    /**
     * This snapshot with each author in {@code survivors} replaced by their survivor; an author listed twice that way
     * keeps the first byline place and gains the institutions of both listings.
     */
    public WorkSnapshot withAuthorsRenamed(Map<String, String> survivors) {
        if (authors.stream().noneMatch(author -> survivors.containsKey(author.id()))) {
            return this;
        }
        Map<String, Author> renamed = new LinkedHashMap<>();
        for (Author author : authors) {
            String id = survivors.getOrDefault(author.id(), author.id());
            renamed.merge(id, new Author(id, author.name(), author.position(), author.institutions()),
                    (kept, other) -> {
                        Map<String, Keyed> institutions = new LinkedHashMap<>();
                        kept.institutions().forEach(k -> institutions.putIfAbsent(k.key(), k));
                        other.institutions().forEach(k -> institutions.putIfAbsent(k.key(), k));
                        return new Author(id, kept.name(), kept.position(), List.copyOf(institutions.values()));
                    });
        }
        return new WorkSnapshot(workId, version, publicationYear, title, List.copyOf(renamed.values()), topics);
    }

    /**
     * The identity of a topic or institution: its id when it has one, else {@code name:} and its name trimmed,
     * with inner whitespace collapsed and lower-cased, so the same name always counts as the same entry.
     */
    public static String key(String id, String name) {
        if (id != null && !id.isBlank()) {
            return id.strip();
        }
        String normalized = name == null ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
        return normalized.isEmpty() ? null : "name:" + normalized;
    }

    private static Optional<Keyed> keyed(String id, String name) {
        String key = key(id, name);
        return key == null ? Optional.empty() : Optional.of(new Keyed(key, name == null ? key : name.strip()));
    }
}
