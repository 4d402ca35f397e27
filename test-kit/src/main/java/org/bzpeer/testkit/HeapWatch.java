package org.bzpeer.testkit;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Watches this JVM's heap while a test runs, for tests that must show memory stays bounded. Three figures, each
 * compared with the heap in use after a full collection when the watch starts: the peak of heap used, garbage included
 * (the heap pools' peak usage, reset when the watch starts; the sum of per-pool peaks, so an upper bound); the peak of
 * heap in use right after any collection (an upper bound of what was alive: a young collection leaves old garbage in
 * place, so in a small heap it tracks the old generation filling up); and the peak right after a full collection,
 * which is what was really kept alive, the figure to assert on. Full collections may not come on their own;
 * {@link #collectNow} forces one at a chosen moment (e.g. while a large request is in flight), so the last figure
 * cannot miss it. Close it to stop listening.
 */
public final class HeapWatch implements AutoCloseable {

    /** The action HotSpot's collectors (Serial, Parallel, G1) report for a collection of the whole heap. */
    private static final String FULL_COLLECTION = "end of major GC";

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong peakAfterCollection = new AtomicLong();
    private final AtomicLong peakAfterFullCollection = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
    private final AtomicLong fullCollections = new AtomicLong();
    private final NotificationListener listener = this::collected;
    private final long baseline;

    private HeapWatch() {
        System.gc();
        baseline = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) collector).addNotificationListener(listener, null, null);
        }
    }

    /** Collects garbage, notes the heap in use as the baseline and starts watching. */
    public static HeapWatch start() {
        return new HeapWatch();
    }

    /** Collects garbage now; what is alive at this moment is then part of {@link #peakAfterFullCollectionBytes}. */
    public void collectNow() {
        System.gc();
        peakAfterFullCollection.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                Math::max);
    }

    /** Heap in use after the full collection that started the watch. */
    public long baselineBytes() {
        return baseline;
    }

    /** Peak heap used since the start, garbage included. */
    public long peakUsedBytes() {
        return heapPools.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
    }

    /** Peak heap in use right after a collection of any kind since the start; the baseline when none ran. */
    public long peakAfterCollectionBytes() {
        return Math.max(baseline, peakAfterCollection.get());
    }

    /** Peak heap in use right after a full collection since the start (what was kept alive); at least the baseline. */
    public long peakAfterFullCollectionBytes() {
        return Math.max(baseline, peakAfterFullCollection.get());
    }

    /** Heap kept alive above the baseline: {@link #peakAfterFullCollectionBytes} less {@link #baselineBytes}. */
    public long keptAliveBytes() {
        return peakAfterFullCollectionBytes() - baseline;
    }

    /** Collections seen since the start. */
    public long collections() {
        return collections.get();
    }

    /** Full collections seen since the start, forced ones included. */
    public long fullCollections() {
        return fullCollections.get();
    }

    /** The figures in MiB, for a report line. */
    public String summary() {
        return String.format("heap baseline %.0f MiB; peak used %.0f MiB (garbage included); peak in use after a "
                        + "collection %.0f MiB, after a full one %.0f MiB (%d collections, %d full)", mib(baseline),
                mib(peakUsedBytes()), mib(peakAfterCollectionBytes()), mib(peakAfterFullCollectionBytes()),
                collections(), fullCollections());
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                .from((CompositeData) notification.getUserData());
        Map<String, MemoryUsage> after = info.getGcInfo().getMemoryUsageAfterGc();
        long used = after.entrySet().stream().filter(pool -> heapPoolNames.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed()).sum();
        peakAfterCollection.accumulateAndGet(used, Math::max);
        collections.incrementAndGet();
        if (FULL_COLLECTION.equals(info.getGcAction())) {
            peakAfterFullCollection.accumulateAndGet(used, Math::max);
            fullCollections.incrementAndGet();
        }
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    @Override
    public void close() {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) collector).removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
