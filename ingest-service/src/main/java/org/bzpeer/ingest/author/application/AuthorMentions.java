package org.bzpeer.ingest.author.application;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bzpeer.ingest.author.model.AuthorMention;
import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.kit.text.Names;

/**
 * The authorships of a submitted work as author resolution sees them ({@link AuthorMention}): the printed name taken
 * apart, the ORCID iD and the sources' person ids, the other authors' blocks as co-authors, institutions, venue and
 * topics by id when the source gives one, else by their folded names. An authorship whose name holds no letters is
 * left out. On a byline of more than {@value #MAX_COAUTHOR_CONTEXT} names co-authors are no evidence (a
 * collaboration's thousands of names say nothing about one of them) and are left out, which also keeps the mentions
 * of a work linear in its byline.
 */
public final class AuthorMentions {

    /** Longest byline whose names count as each other's co-authors. */
    public static final int MAX_COAUTHOR_CONTEXT = 100;

    private AuthorMentions() {
    }

    /** The mentions of the authorships of {@code work}, known as {@code workId}. */
    public static List<AuthorMention> of(String workId, SubmittedWork work) {
        List<PersonName> names = work.authorships().stream().map(SubmittedAuthorship::name).map(PersonName::parse)
                .toList();
        String venue = work.venue() == null ? null
                : work.venue().id() != null ? work.venue().id() : Names.matchKey(work.venue().name());
        Set<String> topics = new HashSet<>();
        for (SubmittedTopic topic : work.topics()) {
            topics.add(topic.id() != null ? topic.id() : Names.matchKey(topic.name()));
        }
        List<AuthorMention> mentions = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null) {
                continue;
            }
            SubmittedAuthorship authorship = work.authorships().get(i);
            Set<String> coauthors = new HashSet<>();
            for (int j = 0; j < names.size() && names.size() <= MAX_COAUTHOR_CONTEXT; j++) {
                if (j != i && names.get(j) != null) {
                    coauthors.add(names.get(j).block());
                }
            }
            Set<String> institutions = new HashSet<>();
            for (SubmittedInstitution institution : authorship.institutions()) {
                institutions.add(institution.id() != null ? institution.id() : Names.matchKey(institution.name()));
            }
            Map<String, String> sourceIds = new HashMap<>(authorship.ids());
            String orcid = sourceIds.remove("orcid");
            mentions.add(new AuthorMention(workId, i, names.get(i), orcid, sourceIds, coauthors, institutions, venue,
                    topics, work.publicationYear()));
        }
        return mentions;
    }
}
