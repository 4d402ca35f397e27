package org.bzpeer.ingest.work.application;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

import org.bzpeer.ingest.author.model.PersonName;
import org.bzpeer.ingest.work.model.SubmittedAuthorship;
import org.bzpeer.ingest.work.model.SubmittedInstitution;
import org.bzpeer.ingest.work.model.SubmittedTopic;
import org.bzpeer.ingest.work.model.SubmittedVenue;
import org.bzpeer.ingest.work.model.SubmittedWork;
import org.bzpeer.ingest.work.store.IdentityStore.Key;
import org.bzpeer.ingest.work.store.OrcidClaimStore.OrcidClaim;
import org.bzpeer.schemas.events.Authorship;
import org.bzpeer.schemas.events.WorkIdentifiers;
import org.bzpeer.schemas.events.WorkImported;

/**
 * How a record whose byline is partial ({@link SubmittedWork#bylinePartial}: an ORCID work summary, naming its owner
 * alone) meets the content a work already has, so that it never shrinks a fuller byline.
 *
 * <p>Rules. The work keeps its authorships, in order; each of the record's authors (the owner) is found on it by ORCID,
 * else as the one authorship without an ORCID whose name is {@link PersonName#compatible compatible} with theirs (the
 * one written out the same way, when several are compatible), else with the first of their
 * {@link SubmittedAuthorship#otherNames other names} that finds one so (a byline printing a former or transliterated
 * name), which gains the ORCID; an owner found nowhere is added
 * at the end only when the work's byline is partial itself (it came from such records alone), never to a full one.
 * A work whose content came from a full record keeps its fields and only gains those it lacks (identifiers of a scheme
 * it has none of, title, year, date, venue); a work whose content came from partial records alone takes the record's
 * fields over its own, as a re-import would, keeping the authors the others added. The merge of a record into content
 * that already holds all it says is that content again, so an unchanged re-import publishes nothing. A full record
 * that arrives later replaces the content of the work as any re-import does, yet keeps what the partial records said
 * of the work ({@link #withClaims}): each record is stored as claims ({@link #claims}), and every full record of the
 * work meets them again as the work met them.
 */
final class PartialBylines {

    /** Claims by owner, then by what their summary says, so that the order they were stored in never matters. */
    private static final Comparator<OrcidClaim> CLAIM_ORDER = Comparator.comparing(OrcidClaim::orcid)
            .thenComparing(claim -> new TreeMap<>(claim.summary().identifiers()).toString())
            .thenComparing(claim -> String.valueOf(claim.summary().title()))
            .thenComparing(claim -> String.valueOf(claim.summary().publicationDate()));

    private PartialBylines() {
    }

    /** {@code partial} merged into {@code current}, the content of the work it names, or {@code partial} when new. */
    static SubmittedWork merge(WorkImported current, SubmittedWork partial) {
        return current == null ? partial : merge(submitted(current), partial);
    }

    private static SubmittedWork merge(SubmittedWork known, SubmittedWork partial) {
        boolean knownPartial = known.bylinePartial();
        List<SubmittedAuthorship> authorships = new ArrayList<>(known.authorships());
        for (SubmittedAuthorship owner : partial.authorships()) {
            claim(authorships, owner, knownPartial);
        }
        Map<String, String> identifiers = new LinkedHashMap<>(knownPartial ? partial.identifiers() : Map.of());
        known.identifiers().forEach(identifiers::putIfAbsent);
        partial.identifiers().forEach(identifiers::putIfAbsent);
        SubmittedWork first = knownPartial ? partial : known;
        SubmittedWork second = knownPartial ? known : partial;
        return new SubmittedWork(known.source(), identifiers, first.type(),
                either(first, second, SubmittedWork::publicationYear),
                either(first, second, SubmittedWork::publicationDate),
                either(first, second, SubmittedWork::venue),
                either(first, second, SubmittedWork::title),
                known.abstractText(), known.language(), known.retracted(), authorships, known.topics(),
                known.listedAuthorshipCount());
    }

    /** What {@code partial} (a record with a partial byline) claims: for each owner with an ORCID iD, each identifier. */
    static List<OrcidClaim> claims(SubmittedWork partial) {
        List<OrcidClaim> claims = new ArrayList<>();
        for (SubmittedAuthorship owner : partial.authorships()) {
            String orcid = owner.ids().get("orcid");
            if (orcid != null) {
                partial.identifiers().forEach((scheme, value) -> claims.add(
                        new OrcidClaim(new Key(scheme, value), orcid, partial)));
            }
        }
        return claims;
    }

    /**
     * The names the owners of the partial records of {@code works} go by, by ORCID iD: the name they are printed under,
     * then their other names (a later record of an owner replacing an earlier one's).
     */
    static Map<String, List<String>> ownerNames(List<SubmittedWork> works) {
        Map<String, List<String>> names = new TreeMap<>();
        works.stream().filter(SubmittedWork::bylinePartial).flatMap(work -> work.authorships().stream())
                .filter(owner -> owner.ids().containsKey("orcid"))
                .forEach(owner -> {
                    List<String> theirs = new ArrayList<>(List.of(owner.name()));
                    theirs.addAll(owner.otherNames());
                    names.put(owner.ids().get("orcid"), theirs);
                });
        return names;
    }

    /**
     * {@code full} (a record with a full byline) as the summaries claiming its work make it: each merged into it as it
     * would be into the work's content ({@link #merge}), one after the other in a fixed order.
     */
    static SubmittedWork withClaims(SubmittedWork full, Collection<OrcidClaim> claims) {
        SubmittedWork work = full;
        for (SubmittedWork summary : claims.stream().sorted(CLAIM_ORDER).map(OrcidClaim::summary).distinct()
                .toList()) {
            work = merge(work, summary);
        }
        return work;
    }

    private static <T> T either(SubmittedWork first, SubmittedWork second,
            Function<SubmittedWork, T> field) {
        T value = field.apply(first);
        return value != null ? value : field.apply(second);
    }

    /**
     * Gives {@code owner}'s ORCID to the one authorship of {@code authorships} that is theirs (by their name, else by
     * one of their other names), or adds them at the end when none is and {@code bylinePartial}.
     */
    private static void claim(List<SubmittedAuthorship> authorships, SubmittedAuthorship owner,
            boolean bylinePartial) {
        String orcid = owner.ids().get("orcid");
        if (authorships.stream().anyMatch(authorship -> Objects.equals(orcid, authorship.ids().get("orcid")))) {
            return;
        }
        List<Integer> candidates = positionsNamed(authorships, owner.name());
        for (int other = 0; candidates.isEmpty() && other < owner.otherNames().size(); other++) {
            candidates = positionsNamed(authorships, owner.otherNames().get(other));
        }
        if (candidates.size() == 1) {
            SubmittedAuthorship theirs = authorships.get(candidates.get(0));
            Map<String, String> ids = new HashMap<>(theirs.ids());
            ids.put("orcid", orcid);
            authorships.set(candidates.get(0), new SubmittedAuthorship(theirs.name(), ids, theirs.institutions(),
                    theirs.corresponding()));
        } else if (candidates.isEmpty() && bylinePartial) {
            authorships.add(owner);
        }
    }

    /**
     * The positions of the authorships without an ORCID whose printed name is compatible with {@code name}; when
     * several are, those written out the same way.
     */
    private static List<Integer> positionsNamed(List<SubmittedAuthorship> authorships, String name) {
        PersonName parsed = PersonName.parse(name);
        List<Integer> candidates = parsed == null ? List.of() : positions(authorships,
                printed -> printed.compatible(parsed), List.of());
        if (candidates.size() > 1) {
            candidates = positions(authorships, printed -> printed.sameWrittenOut(parsed), candidates);
        }
        return candidates;
    }

    /**
     * The positions of the authorships without an ORCID whose printed name satisfies {@code which}, among
     * {@code among} (all when empty).
     */
    private static List<Integer> positions(List<SubmittedAuthorship> authorships, Predicate<PersonName> which,
            List<Integer> among) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < authorships.size(); i++) {
            PersonName printed = PersonName.parse(authorships.get(i).name());
            if ((among.isEmpty() || among.contains(i)) && !authorships.get(i).ids().containsKey("orcid")
                    && printed != null && which.test(printed)) {
                positions.add(i);
            }
        }
        return positions;
    }

    /** Published content as the submitted work it was built from (as far as content keeps it). */
    private static SubmittedWork submitted(WorkImported content) {
        WorkIdentifiers ids = content.getIdentifiers();
        Map<String, String> identifiers = new LinkedHashMap<>();
        putIfPresent(identifiers, "doi", ids.getDoi());
        putIfPresent(identifiers, "arxiv", ids.getArxivId());
        putIfPresent(identifiers, "openalex", ids.getOpenalexId());
        putIfPresent(identifiers, "pmid", ids.getPmid());
        ids.getOther().forEach(identifiers::put);
        return new SubmittedWork(content.getSource(), identifiers, content.getType(), content.getPublicationYear(),
                content.getPublicationDate(),
                content.getVenue() == null ? null : new SubmittedVenue(content.getVenue().getName(),
                        content.getVenue().getId(), content.getVenue().getType(), content.getVenue().getIssn()),
                content.getTitle(), content.getAbstractText(), content.getLanguage(), content.getRetracted(),
                content.getAuthorships().stream().map(PartialBylines::submitted).toList(),
                content.getTopics().stream()
                        .map(topic -> new SubmittedTopic(topic.getId(), topic.getName(), topic.getScore())).toList(),
                content.getListedAuthorshipCount());
    }

    private static SubmittedAuthorship submitted(Authorship authorship) {
        Map<String, String> ids = new HashMap<>(authorship.getExternalIds());
        putIfPresent(ids, "orcid", authorship.getOrcid());
        return new SubmittedAuthorship(authorship.getDisplayName(), ids, authorship.getInstitutions().stream()
                .map(institution -> new SubmittedInstitution(institution.getId(), institution.getName(),
                        institution.getRor(), institution.getCountryCode()))
                .toList(), authorship.getCorresponding());
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
