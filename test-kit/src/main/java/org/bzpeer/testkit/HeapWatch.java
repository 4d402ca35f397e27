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
 * Watches this JVM's heap while a test runs, for tests that must show memory stays bounded. Two figures: the peak of
 * heap used, garbage included (the heap pools' peak usage, reset when the watch starts; the sum of per-pool peaks, so
 * an upper bound), and the peak of heap still in use right after each garbage collection during the watch, which is
 * what was really kept alive (an upper bound too: a young collection leaves old garbage in place). Both are compared
 * with the heap in use after a full collection when the watch starts. Young collections may not come when something
 * big is held; {@link #collectNow} forces a full one at a chosen moment (e.g. while a large request is in flight),
 * so the second figure cannot miss it. Close it to stop listening.
 */
public final class HeapWatch implements AutoCloseable {

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    private final AtomicLong peakAfterCollection = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();
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

    /** Collects garbage now; what is alive at this moment is then part of {@link #peakAfterCollectionBytes}. */
    public void collectNow() {
        System.gc();
    }

    /** Heap in use after the full collection that started the watch. */
    public long baselineBytes() {
        return baseline;
    }

    /** Peak heap used since the start, garbage included. */
    public long peakUsedBytes() {
        return heapPools.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
    }

    /** Peak heap in use right after a collection since the start; the baseline when none ran. */
    public long peakAfterCollectionBytes() {
        return Math.max(baseline, peakAfterCollection.get());
    }

    /** Collections seen since the start. */
    public long collections() {
        return collections.get();
    }

    /** The figures in MiB, for a report line. */
    public String summary() {
        return String.format("heap baseline %.0f MiB; peak used %.0f MiB (garbage included); peak in use after a "
                        + "collection %.0f MiB (%d collections)", mib(baseline), mib(peakUsedBytes()),
                mib(peakAfterCollectionBytes()), collections());
    }

    private void collected(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        Map<String, MemoryUsage> after = GarbageCollectionNotificationInfo
                .from((CompositeData) notification.getUserData()).getGcInfo().getMemoryUsageAfterGc();
        long used = after.entrySet().stream().filter(pool -> heapPoolNames.contains(pool.getKey()))
                .mapToLong(pool -> pool.getValue().getUsed()).sum();
        peakAfterCollection.accumulateAndGet(used, Math::max);
        collections.incrementAndGet();
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
