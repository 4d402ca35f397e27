package org.bzpeer.ingest.author.model;

/**
 * An authorship as last published: the mention resolution sees, the name as the record printed it, and the author id
 * the work was published with at that byline position.
 *
 * @param mention  the authorship as author resolution sees it
 * @param printed  the name as printed (its {@code Names.matchKey} seeds the id of a person known only by name)
 * @param authorId the author id published for it
 */
public record PublishedMention(AuthorMention mention, String printed, String authorId) {

    public PublishedMention withAuthorId(String newAuthorId) {
        return new PublishedMention(mention, printed, newAuthorId);
    }
}
