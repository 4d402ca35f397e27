package org.bzpeer.ingest.author.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.author.model.PublishedMention;
import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.kit.text.Names;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.WorkImported;

/**
 * The authorships of a work as author resolution sees them ({@link AuthorMention}): the printed name taken apart, the
 * ORCID iD and the sources' person ids, the other authors' blocks as co-authors, institutions, venue and topics by id
 * when the source gives one, else by their folded names. An authorship whose name holds no letters is left out. On a
 * byline of more than {@value #MAX_COAUTHOR_CONTEXT} names co-authors are no evidence (a collaboration's thousands of
 * names say nothing about one of them) and are left out, which also keeps the mentions of a work linear in its byline.
 * A submitted record and a published version of it give the same mentions.
 */
public final class AuthorMentions {

    /** Longest byline whose names count as each other's co-authors. */
    public static final int MAX_COAUTHOR_CONTEXT = 100;

    private AuthorMentions() {
    }

    /** One authorship as its mention needs it: the name as printed, the person's ids, its institutions' keys. */
    private record Signed(String printed, String orcid, Map<String, String> sourceIds, Set<String> institutions) {
    }

    /** The mentions of the authorships of {@code work}, known as {@code workId}. */
    public static List<AuthorMention> of(String workId, SubmittedWork work) {
        List<Signed> byline = new ArrayList<>();
        for (SubmittedAuthorship authorship : work.authorships()) {
            Map<String, String> sourceIds = new HashMap<>(authorship.ids());
            String orcid = sourceIds.remove("orcid");
            Set<String> institutions = new HashSet<>();
            authorship.institutions().forEach(institution -> institutions.add(key(institution.id(),
                    institution.name())));
            byline.add(new Signed(authorship.name(), orcid, sourceIds, institutions));
        }
        Set<String> topics = new HashSet<>();
        work.topics().forEach(topic -> topics.add(key(topic.id(), topic.name())));
        return of(workId, byline, work.venue() == null ? null : key(work.venue().id(), work.venue().name()), topics,
                work.publicationYear(), work.publicationDate());
    }

    /**
     * The mentions of the authorships of {@code work} (a published version that has authorships), each with the
     * author id it was published with; positions are those of its byline.
     */
    public static List<PublishedMention> ofPublished(WorkImported work) {
        List<Signed> byline = new ArrayList<>();
        for (Authorship authorship : work.getAuthorships()) {
            Set<String> institutions = new HashSet<>();
            authorship.getInstitutions().forEach(institution -> institutions.add(key(institution.getId(),
                    institution.getName())));
            byline.add(new Signed(authorship.getDisplayName(), authorship.getOrcid(), authorship.getExternalIds(),
                    institutions));
        }
        Set<String> topics = new HashSet<>();
        work.getTopics().forEach(topic -> topics.add(key(topic.getId(), topic.getName())));
        String venue = work.getVenue() == null ? null : key(work.getVenue().getId(), work.getVenue().getName());
        return of(work.getWorkId(), byline, venue, topics, work.getPublicationYear(), work.getPublicationDate())
                .stream()
                .map(mention -> new PublishedMention(mention, byline.get(mention.position()).printed(),
                        work.getAuthorships().get(mention.position()).getAuthorId()))
                .toList();
    }

    private static List<AuthorMention> of(String workId, List<Signed> byline, String venue, Set<String> topics,
            Integer year, String date) {
        List<PersonName> names = byline.stream().map(Signed::printed).map(PersonName::parse).toList();
        List<AuthorMention> mentions = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null) {
                continue;
            }
            Set<String> coauthors = new HashSet<>();
            for (int j = 0; j < names.size() && names.size() <= MAX_COAUTHOR_CONTEXT; j++) {
                if (j != i && names.get(j) != null) {
                    coauthors.add(names.get(j).block());
                }
            }
            Signed authorship = byline.get(i);
            mentions.add(new AuthorMention(workId, i, names.get(i), authorship.orcid(), authorship.sourceIds(),
                    coauthors, authorship.institutions(), venue, topics, year, date));
        }
        return mentions;
    }

    /** A venue's, topic's or institution's id when the source gives one, else its folded name. */
    private static String key(String id, String name) {
        return id != null ? id : Names.matchKey(name);
    }
}
