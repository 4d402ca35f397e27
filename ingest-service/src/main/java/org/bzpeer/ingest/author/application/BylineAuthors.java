package org.bzpeer.ingest.author.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.author.model.PublishedMention;
import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedWork;

/**
 * The author ids an import publishes a batch's works with: a first decision, cheap and local, that resolution of the
 * mentions' blocks ({@link AuthorResolution}) later confirms or corrects. For each authorship, in order: the id its
 * byline position was last published with, when it prints the same name with the same identifiers (so an unchanged
 * re-import is unchanged); else the id of its best identifier; else, for a written-out name, the one author already
 * published under exactly that name, if there is one; else an id of its own. Two authorships known only by name never
 * share an id on one work, nor take the id of an identified authorship of it. Not thread-safe; one per batch.
 */
public final class BylineAuthors {

    private final Map<String, Map<Integer, PublishedMention>> published;
    private final Map<String, Set<String>> authorsByWrittenName;
    private final Map<String, List<PublishedMention>> mentions = new LinkedHashMap<>();

    /**
     * @param published            the mentions last published of the works the batch touches, by work and position
     * @param authorsByWrittenName author ids published under each written-out name of the batch
     *                             ({@link #writtenNames})
     */
    public BylineAuthors(Map<String, Map<Integer, PublishedMention>> published,
            Map<String, Set<String>> authorsByWrittenName) {
        this.published = published;
        this.authorsByWrittenName = authorsByWrittenName;
    }

    /** The written-out names ({@link PersonName#full}) of {@code works}' authorships, to look up owners of. */
    public static Set<PersonName> writtenNames(Collection<SubmittedWork> works) {
        Set<PersonName> names = new HashSet<>();
        for (SubmittedWork work : works) {
            for (SubmittedAuthorship authorship : work.authorships()) {
                PersonName name = PersonName.parse(authorship.name());
                if (name != null && name.full()) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    /** The author id of each authorship of {@code work}, known as {@code workId}, in byline order. */
    public List<String> assign(String workId, SubmittedWork work) {
        Map<Integer, AuthorMention> named = new LinkedHashMap<>();
        AuthorMentions.of(workId, work).forEach(mention -> named.put(mention.position(), mention));
        Map<Integer, PublishedMention> before = published.getOrDefault(workId, Map.of());
        String[] ids = new String[work.authorships().size()];
        Set<Integer> repeated = AuthorIds.repeatedNames(work.authorships().stream().map(SubmittedAuthorship::name)
                .toList());
        Set<String> taken = new HashSet<>();
        for (boolean identified : new boolean[] {true, false}) {
            named.forEach((position, mention) -> {
                PublishedMention last = before.get(position);
                if (mention.identified() == identified && last != null
                        && last.printed().equals(work.authorships().get(position).name())
                        && Objects.equals(last.mention().orcid(), mention.orcid())
                        && last.mention().sourceIds().equals(mention.sourceIds())
                        && (identified || !taken.contains(last.authorId()))) {
                    ids[position] = last.authorId();
                } else if (mention.identified() == identified && identified) {
                    ids[position] = AuthorIds.identified(work.authorships().get(position).ids());
                }
                if (mention.identified() == identified && ids[position] != null) {
                    taken.add(ids[position]);
                }
            });
        }
        List<PublishedMention> assigned = new ArrayList<>();
        for (int position = 0; position < ids.length; position++) {
            SubmittedAuthorship authorship = work.authorships().get(position);
            AuthorMention mention = named.get(position);
            if (ids[position] == null) {
                String identified = AuthorIds.identified(authorship.ids());
                ids[position] = identified != null ? identified
                        : mention == null ? AuthorIds.unidentified(workId, position, authorship.name(), false)
                        : nameOnlyId(workId, mention, authorship.name(), repeated.contains(position), taken);
            }
            if (mention != null) {
                assigned.add(new PublishedMention(mention, authorship.name(), ids[position]));
            }
        }
        mentions.put(workId, assigned);
        return List.of(ids);
    }

    /**
     * The id of an authorship known only by name: the one author published under its written-out name, unless
     * another authorship of the work has that id, else an id of its own.
     */
    private String nameOnlyId(String workId, AuthorMention mention, String printed, boolean repeated,
            Set<String> taken) {
        Set<String> owners = mention.name().full()
                ? authorsByWrittenName.getOrDefault(mention.name().key(), Set.of()) : Set.of();
        String id = owners.size() == 1 && !taken.contains(owners.iterator().next()) ? owners.iterator().next()
                : AuthorIds.unidentified(workId, mention.position(), printed, repeated);
        taken.add(id);
        return id;
    }

    /** The mentions of each work assigned, as the last assignment of the work made them. */
    public Map<String, List<PublishedMention>> mentions() {
        return mentions;
    }
}
