package org.bzpeer.profile.author.application;

/**
 * A read asked for an author merged into {@code survivorId} ({@code author.merged}) by someone the merge did not leave
 * it to (see {@link AuthorRedirects}); the API answers with a redirect to the survivor.
 */
public class MergedAuthorException extends RuntimeException {

    private final String survivorId;

    public MergedAuthorException(String authorId, String survivorId) {
        super("Author '" + authorId + "' was merged into author '" + survivorId + "'", null, false, false);
        this.survivorId = survivorId;
    }

    public String survivorId() {
        return survivorId;
    }
}
