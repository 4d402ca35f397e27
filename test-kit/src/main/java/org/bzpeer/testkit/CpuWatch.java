package org.bzpeer.testkit;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;

/**
 * CPU time spent while a benchmark runs, by this JVM (service, broker, benchmark client) and by the test PostgreSQL
 * server (postmaster and backends): a figure that, unlike wall time, hardly moves when other work shares the machine.
 * The database's share misses backends that exit during the watch; services keep pooled connections, so that is
 * little.
 */
public final class CpuWatch {

    private final long jvmStart = jvmCpuNanos();
    private final Map<Long, Duration> postgresStart = postgresCpu();

    private CpuWatch() {
    }

    /** Notes the CPU time used so far. */
    public static CpuWatch start() {
        return new CpuWatch();
    }

    /** CPU time this JVM used since the start. */
    public Duration jvm() {
        return Duration.ofNanos(jvmCpuNanos() - jvmStart);
    }

    /** CPU time the PostgreSQL server's processes used since the start. */
    public Duration postgres() {
        Duration used = Duration.ZERO;
        for (Map.Entry<Long, Duration> now : postgresCpu().entrySet()) {
            Duration before = postgresStart.getOrDefault(now.getKey(), Duration.ZERO);
            used = used.plus(now.getValue().minus(before));
        }
        return used;
    }

    private static long jvmCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<Long, Duration> postgresCpu() {
        Map<Long, Duration> byProcess = new HashMap<>();
        List<ProcessHandle> processes = TestInfrastructure.postgresProcesses();
        processes.forEach(process -> process.info().totalCpuDuration()
                .ifPresent(cpu -> byProcess.put(process.pid(), cpu)));
        return byProcess;
    }
}
