package org.bzpeer.trust.assessment.model;

/**
 * One part of a trust score: the points it adds (negative for a penalty), the most it can add (0 for a penalty),
 * and a sentence with the numbers behind it.
 */
public record ScoreComponent(String name, int points, int maxPoints, String explanation) {
}
