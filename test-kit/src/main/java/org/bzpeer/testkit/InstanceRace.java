package org.bzpeer.testkit;

import static org.bzpeer.testkit.SampleEvents.uniqueId;
import static org.bzpeer.testkit.SampleEvents.work;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import org.bzpeer.schemas.events.WorkImported;

import reactor.core.publisher.Mono;

/**
 * The deadlock-prone case of several instances of a consumer service: two instances apply, at the same time, works
 * by the same authors listed in opposite orders, while a third thread derives. Each round is real transactions on
 * the real database, exactly as two processes would run them; a deadlock surfaces as an exception.
 */
public final class InstanceRace {

    private InstanceRace() {
    }

    /**
     * Runs {@code rounds} rounds of: one work by {@code authors} in order and one in reverse order, applied by
     * {@code applyWorks} on two threads, and {@code derive} on a third; fails if any of them fails or hangs. Returns
     * the authors, every one of whom now has {@code 2 * rounds} works with the same {@code authors.size() - 1}
     * co-authors.
     */
    public static List<String> applyInReversedOrders(int authorCount, int rounds,
            Function<List<WorkImported>, Mono<?>> applyWorks, Runnable derive) throws Exception {
        List<String> authors = Stream.generate(() -> uniqueId("a_")).limit(authorCount).toList();
        List<String> reversed = new ArrayList<>(authors);
        Collections.reverse(reversed);
        ExecutorService instances = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                String forward = uniqueId("w_");
                String backward = uniqueId("w_");
                running.add(instances.submit(() -> applyWorks.apply(
                        List.of(work(forward, 1, 2024, "Forward", authors))).block()));
                running.add(instances.submit(() -> applyWorks.apply(
                        List.of(work(backward, 1, 2024, "Backward", reversed))).block()));
                running.add(instances.submit(derive));
            }
            for (Future<?> instance : running) {
                instance.get(60, TimeUnit.SECONDS);
            }
        } finally {
            instances.shutdownNow();
        }
        return authors;
    }
}
