package org.bzpeer.profile.author.api;

import java.util.List;

/** A page of an author's works; {@code nextCursor} is null on the last page. */
record WorkPage(List<WorkItem> items, String nextCursor) {
}
