package org.bzpeer.profile.author.application;

import java.util.List;

import org.bzpeer.profile.author.store.PageStore.RecordSummary;

/**
 * A researcher page's description: the owner's words when they wrote some, otherwise sentences generated from the
 * author's record alone (how many works over which years, main topics, main venues), never anything invented.
 *
 * @param text   what the page shows
 * @param source {@code owner} or {@code generated}
 */
public record Description(String text, String source) {

    /** The description of an author whose owner wrote {@code ownerText} (null when none) and whose record is {@code summary}. */
    public static Description of(String ownerText, RecordSummary summary) {
        if (ownerText != null) {
            return new Description(ownerText, "owner");
        }
        return new Description(generated(summary), "generated");
    }

    static String generated(RecordSummary summary) {
        if (summary.works() == 0) {
            return "No works imported yet.";
        }
        StringBuilder text = new StringBuilder("Author of ").append(summary.works())
                .append(summary.works() == 1 ? " work" : " works");
        if (summary.firstYear() != null) {
            text.append(summary.firstYear().equals(summary.lastYear()) ? " in " + summary.firstYear()
                    : " from " + summary.firstYear() + " to " + summary.lastYear());
        }
        text.append('.');
        if (!summary.topics().isEmpty()) {
            text.append(" Main topics: ").append(enumerate(summary.topics())).append('.');
        }
        if (!summary.venues().isEmpty()) {
            text.append(" Published mostly in ").append(enumerate(summary.venues())).append('.');
        }
        return text.toString();
    }

    private static String enumerate(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
