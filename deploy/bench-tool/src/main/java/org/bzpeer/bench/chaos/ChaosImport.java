package org.bzpeer.bench.chaos;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Consumer;

import org.bzpeer.bench.chaos.InputLedger.ExternalId;
import org.bzpeer.bench.corpus.BzpeerJson;
import org.bzpeer.bench.corpus.CorpusWork;
import org.bzpeer.bench.corpus.OpenAlexSample;
import org.bzpeer.bench.corpus.SyntheticCorpus;
import org.bzpeer.bench.measure.ImportCounts;
import org.bzpeer.bench.measure.WorkPoster;

/**
 * The import of a chaos run: works posted through a patient {@link WorkPoster} at a steady pace, each recorded in the
 * {@link InputLedger} as sent, and as acknowledged once ingest answered for it. A gate ({@link #holdAt}) holds the
 * import back at a given number of works until the next fault has been injected, so every fault meets an import in
 * progress however slow the machine.
 */
public final class ChaosImport {

    /** Works per request. */
    public static final int CHUNK = 250;
    private static final int CONNECTIONS = 2;

    private final InputLedger ledger;
    private final WorkPoster poster;
    private final double worksPerSecond;
    private final Map<byte[], ExternalId> unacknowledged = Collections.synchronizedMap(new IdentityHashMap<>());
    private long started;
    private long sent;
    private long allowed = Long.MAX_VALUE;

    /** @param clock seconds since the run started, for the moments works are acknowledged */
    public ChaosImport(InputLedger ledger, WorkPoster poster, double worksPerSecond, DoubleSupplier clock) {
        this.ledger = ledger;
        this.poster = poster;
        this.worksPerSecond = worksPerSecond;
        poster.onAcknowledged(records -> {
            double at = clock.getAsDouble();
            records.forEach(record -> ledger.acknowledged(unacknowledged.remove(record), at));
        });
    }

    /** Posts every work of the OpenAlex sample as it is ({@code format=openalex}). */
    public ImportCounts post(OpenAlexSample sample) throws InterruptedException {
        return poster.post(WorkPoster.OPENALEX, records -> sample.forEachRecord(
                record -> send(OpenAlexSample.work(record), record, records)), CHUNK, CONNECTIONS);
    }

    /** Posts every work of {@code corpus} in our own format. */
    public ImportCounts post(SyntheticCorpus corpus) throws InterruptedException {
        return poster.post(WorkPoster.BZPEER, records -> corpus.forEach(
                work -> send(work, BzpeerJson.record(work), records)), CHUNK, CONNECTIONS);
    }

    /** Lets the import send {@code works} works in all, then holds it until the next call. */
    public synchronized void holdAt(long works) {
        allowed = works;
        notifyAll();
    }

    /** Records the pipeline has taken (sent, or gathered into a chunk to send) and not yet seen acknowledged. */
    public long inFlight() {
        return unacknowledged.size();
    }

    private synchronized void send(CorpusWork work, byte[] record, Consumer<byte[]> sink) {
        if (sent == 0) {
            started = System.nanoTime();
        }
        try {
            if (sent >= allowed) {
                while (sent >= allowed) {
                    wait();
                }
                started = System.nanoTime() - (long) (sent / worksPerSecond * 1e9);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held at the gate", e);
        }
        ledger.sent(work);
        unacknowledged.put(record, InputLedger.workId(work));
        long wait = started + (long) (sent++ / worksPerSecond * 1e9) - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while pacing the import", e);
            }
        }
        sink.accept(record);
    }
}
