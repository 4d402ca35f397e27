package org.bzpeer.bench.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

import org.bzpeer.bench.chaos.InputLedger.ExternalId;

/**
 * A burst of follows and unfollows on profile-service, as many signed-in users: each user follows some of the target
 * authors, then unfollows some of those, then follows a few of them again. Requests are sent one at a time, at a
 * steady rate, each until acknowledged (2xx): a request that got no answer or a 5xx (profile or its database down) is
 * sent again, which is harmless since follow and unfollow are idempotent. Every acknowledged change is recorded in the
 * {@link InputLedger}, which so knows every author's final followers.
 */
final class FollowBurst {

    /** An author to follow: external id and the BZPEER id profile serves them under. */
    record Target(ExternalId author, String authorId) {
    }

    private record Change(String user, Target target, boolean follow) {
    }

    private static final Duration PATIENCE = Duration.ofMinutes(10);

    private final HttpClient http;
    private final URI profile;
    private final Map<String, String> tokensByUser;
    private final InputLedger ledger;
    private final DoubleSupplier clock;
    private final AtomicLong inFlight = new AtomicLong();
    private long acknowledged;
    private long sentAgain;

    /**
     * @param tokensByUser a bearer token (scope profile:write) for each user
     * @param clock        seconds since the run started
     */
    FollowBurst(HttpClient http, URI profile, Map<String, String> tokensByUser, InputLedger ledger,
            DoubleSupplier clock) {
        this.http = http;
        this.profile = profile;
        this.tokensByUser = tokensByUser;
        this.ledger = ledger;
        this.clock = clock;
    }

    /** Plays the burst on {@code targets}, {@code perSecond} requests a second; returns when all are acknowledged. */
    void run(List<Target> targets, int followsPerUser, double perSecond) throws IOException, InterruptedException {
        List<Change> changes = plan(targets, followsPerUser);
        long started = System.nanoTime();
        for (int i = 0; i < changes.size(); i++) {
            long due = started + (long) (i / perSecond * 1e9);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            apply(changes.get(i));
        }
    }

    /** Rounds over all users: follows, then unfollows of two in five of those, then follows again of one in five. */
    private List<Change> plan(List<Target> targets, int followsPerUser) {
        Random random = new Random(7);
        List<Change> follows = new ArrayList<>();
        List<Change> unfollows = new ArrayList<>();
        List<Change> followsAgain = new ArrayList<>();
        for (String user : tokensByUser.keySet().stream().sorted().toList()) {
            List<Target> chosen = new ArrayList<>(targets);
            Collections.shuffle(chosen, random);
            chosen = chosen.subList(0, Math.min(followsPerUser, chosen.size()));
            for (int i = 0; i < chosen.size(); i++) {
                follows.add(new Change(user, chosen.get(i), true));
                if (i % 5 < 2) {
                    unfollows.add(new Change(user, chosen.get(i), false));
                }
                if (i % 5 == 0) {
                    followsAgain.add(new Change(user, chosen.get(i), true));
                }
            }
        }
        List<Change> all = new ArrayList<>(follows);
        all.addAll(unfollows);
        all.addAll(followsAgain);
        return all;
    }

    private void apply(Change change) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        profile.resolve("/api/v1/authors/" + change.target().authorId() + "/followers/me"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokensByUser.get(change.user()))
                .method(change.follow() ? "PUT" : "DELETE", HttpRequest.BodyPublishers.noBody())
                .build();
        long patientUntil = System.nanoTime() + PATIENCE.toNanos();
        inFlight.incrementAndGet();
        try {
            while (true) {
                String failure;
                try {
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() / 100 == 2) {
                        ledger.followChanged(change.target().author(), change.user(), change.follow(),
                                clock.getAsDouble());
                        acknowledged++;
                        return;
                    }
                    failure = request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                            + response.body();
                    if (response.statusCode() < 500) {
                        throw new RefusedException(failure);
                    }
                } catch (RefusedException e) {
                    throw e;
                } catch (IOException e) {
                    failure = e.toString();
                }
                if (System.nanoTime() > patientUntil) {
                    throw new IOException("not acknowledged within " + PATIENCE + ": " + failure);
                }
                sentAgain++;
                Thread.sleep(1_000);
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** A change profile refused (4xx): sending it again would not help. */
    private static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }
    }

    /** Follow changes sent and not yet acknowledged. */
    long inFlight() {
        return inFlight.get();
    }

    long acknowledged() {
        return acknowledged;
    }

    long sentAgain() {
        return sentAgain;
    }
}
