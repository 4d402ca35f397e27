package org.bzpeer.trust.assessment.model;

/** Named ranges of the trust score, as pages show them ("21 - Emerging"); they cover 0 to 100 without gaps. */
public enum Band {
    NASCENT("Nascent", 0),
    EMERGING("Emerging", 20),
    ESTABLISHED("Established", 40),
    STRONG("Strong", 60),
    EXEMPLARY("Exemplary", 80);

    private final String label;
    private final int lowestScore;

    Band(String label, int lowestScore) {
        this.label = label;
        this.lowestScore = lowestScore;
    }

    /** The name pages show, e.g. "Emerging". */
    public String label() {
        return label;
    }

    /** The lowest score in this band. */
    public int lowestScore() {
        return lowestScore;
    }

    /** The band {@code score} (0 to 100) falls in. */
    public static Band of(int score) {
        if (score < 0 || score > 100) {
            throw new IllegalArgumentException("A trust score is between 0 and 100, not " + score);
        }
        Band[] bands = values();
        for (int i = bands.length - 1; i > 0; i--) {
            if (score >= bands[i].lowestScore) {
                return bands[i];
            }
        }
        return NASCENT;
    }
}
