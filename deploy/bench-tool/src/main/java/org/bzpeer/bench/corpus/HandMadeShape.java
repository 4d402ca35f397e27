package org.bzpeer.bench.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * A small hand-made corpus shape for when the real OpenAlex sample is absent (a fresh clone without
 * {@code ../shared/data}): the synthetic corpus can still be generated, with this shape instead of the sample's.
 */
public final class HandMadeShape {

    private HandMadeShape() {
    }

    /**
     * 300 works with a few prolific first authors and a wide tail of co-authors, a quarter of them with ORCID iDs,
     * some authorships naming nobody known, years 1995-2024, zero to three topics and institutions.
     */
    public static CorpusShape shape() {
        CorpusShape.Builder shape = CorpusShape.builder();
        for (int i = 0; i < 300; i++) {
            int authors = 1 + i % 6 + (i % 37 == 0 ? 20 : 0);
            List<CorpusWork.Authorship> authorships = new ArrayList<>();
            for (int position = 0; position < authors; position++) {
                int author = position == 0 ? i % 8 : 8 + (i * 31 + position * 17) % 700;
                boolean known = (i + position) % 40 != 0;
                List<CorpusWork.Institution> institutions = new ArrayList<>();
                for (int k = 0; k < (i + position) % 3; k++) {
                    institutions.add(new CorpusWork.Institution("I" + (author % 50 + k + 1), "Inst " + (author % 50 + k),
                            "SA"));
                }
                authorships.add(new CorpusWork.Authorship(known ? "A" + (author + 1) : null,
                        known && author % 4 == 0 ? "0000-0002-1825-0097" : null, "Person " + author, institutions));
            }
            List<CorpusWork.Topic> topics = new ArrayList<>();
            for (int t = 0; t < i % 4; t++) {
                topics.add(new CorpusWork.Topic("T" + (i * t % 40 + 1), "Topic " + (i * t % 40)));
            }
            shape.accept(new CorpusWork("W" + (i + 1), null, i % 10 == 0 ? "preprint" : "article", 1995 + (i * 7) % 30,
                    "A title of " + (3 + i % 9) + " words here", i % 3 == 0 ? null : "Some abstract words " + i,
                    i % 5 == 0 ? null : "Venue " + i % 12, authorships, topics));
        }
        return shape.shape();
    }
}
