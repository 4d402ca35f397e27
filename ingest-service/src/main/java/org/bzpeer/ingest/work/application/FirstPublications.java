package org.bzpeer.ingest.work.application;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.bzpeer.ingest.author.model.PublishedMention;
import org.bzpeer.kit.outbox.OutboxWriter.OutboundEvent;
import org.bzpeer.schemas.events.WorkImported;

/**
 * Which works of a planned batch are held back until author resolution has settled their authors, so a new work is
 * published once, with its resolved authors, instead of first with ids of their own that resolution replaces moments
 * later (most re-assignments of a bulk import were such provisional ids). Held: a work never published (new, or held
 * already) that has an authorship known only by name, unless it absorbs a published work (that work's readers would
 * lose it until the hold ends). Its events are recorded but not published; it waits for every block of its mentions
 * (all of them marked for resolution by this import). A held work that no longer qualifies is let go (its event of
 * this batch is published), and a held work retired before it was ever published leaves no tombstone.
 *
 * @param held   the works to hold, each with the blocks it now waits for
 * @param letGo  works held before that are not any more (published by this batch's events, or retired)
 * @param events the batch's events to publish now, in order
 */
record FirstPublications(Map<String, Set<String>> held, Set<String> letGo, List<OutboundEvent<WorkImported>> events) {

    /**
     * @param events         the batch's events, as planned
     * @param mentions       the mentions of each work published with authorships, as planned
     * @param heldBefore     those of the works the batch touched that were held
     * @param recordedBefore those of the works the batch touched that had been recorded (published or held)
     */
    static FirstPublications of(List<OutboundEvent<WorkImported>> events,
            Map<String, List<PublishedMention>> mentions, Set<String> heldBefore, Set<String> recordedBefore) {
        Set<String> retired = new HashSet<>();
        Set<String> absorbingPublished = new HashSet<>();
        for (OutboundEvent<WorkImported> event : events) {
            String mergedInto = event.value().getMergedInto();
            if (mergedInto != null) {
                retired.add(event.key());
                if (recordedBefore.contains(event.key()) && !heldBefore.contains(event.key())) {
                    absorbingPublished.add(mergedInto);
                }
            }
        }
        Map<String, Set<String>> held = new LinkedHashMap<>();
        Set<String> letGo = new TreeSet<>();
        List<OutboundEvent<WorkImported>> published = new ArrayList<>();
        for (OutboundEvent<WorkImported> event : events) {
            String workId = event.key();
            List<PublishedMention> byline = mentions.getOrDefault(workId, List.of());
            boolean unpublished = !recordedBefore.contains(workId) || heldBefore.contains(workId);
            if (unpublished && !retired.contains(workId) && !absorbingPublished.contains(workId)
                    && byline.stream().anyMatch(mention -> !mention.mention().identified())) {
                Set<String> blocks = held.computeIfAbsent(workId, id -> new TreeSet<>());
                byline.forEach(mention -> blocks.add(mention.mention().name().block()));
            } else {
                if (heldBefore.contains(workId)) {
                    letGo.add(workId);
                }
                if (!(heldBefore.contains(workId) && retired.contains(workId))) {
                    published.add(event);
                }
            }
        }
        return new FirstPublications(held, letGo, published);
    }
}
