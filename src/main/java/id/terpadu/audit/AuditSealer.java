package id.terpadu.audit;

import id.terpadu.audit.AuditSealRepository.Seal;
import id.terpadu.audit.AuditSealRepository.SealedEntry;
import id.terpadu.audit.SealedHead.Head;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows the committed trail and seals each entry (see {@link AuditEntrySeal}), in batches of
 * bounded size with a rest between them as long as the batch took, on a thread and one connection
 * of its own, so a long catch-up (the demo load's 210,000 entries, an import's) keeps to about half
 * of one CPU while the hub keeps answering and writing. Several hub instances may seal one
 * database: a seal another instance wrote is checked instead of written again, so every instance
 * walks the whole trail and knows its head.
 *
 * <p>It seals only what continues the chain from its head: an entry whose hash does not follow,
 * a gap, a head that the trail no longer holds, or a seal that does not match stop it there, and
 * it says so in the log once. Verification then names the position.
 */
@Component
class AuditSealer implements SmartLifecycle {

    static final int BATCH = 2000;
    /**
     * The shortest rest between full batches. The rest lasts at least as long as the batch took, so that a
     * long catch-up (after a bulk load or an import) takes at most half of a CPU and leaves the database
     * and the other CPUs to requests and to the writes it follows.
     */
    private static final Duration PAUSE = Duration.ofMillis(50);
    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    private final AuditSealRepository repository;
    private final ChainEnd chainEnd;
    private final AuditKeys keys;
    private final SealedHead head;
    private final Duration interval;
    private ScheduledExecutorService executor;
    private volatile boolean stopping;
    private String reportedProblem;
    private boolean caughtUpOnce;

    AuditSealer(AuditSealRepository repository, ChainEnd chainEnd, AuditKeys keys, SealedHead head,
                AuditSealProperties properties) {
        this.repository = repository;
        this.chainEnd = chainEnd;
        this.keys = keys;
        this.head = head;
        this.interval = properties.sealInterval();
    }

    @Override
    public synchronized void start() {
        stopping = false;
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("audit-sealer").daemon().factory());
        executor.scheduleWithFixedDelay(this::catchUpLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        // no interrupt: it would close the head file's channel in the middle of a write
        stopping = true;
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void catchUpLogged() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            // the database may be away for a while; the next round tries again. No message: a
            // driver's message can quote the values of a row.
            log.warn("The audit sealer could not run: {}", failure(e));
        }
    }

    /** Where a batch left the sealer. */
    private enum Outcome { MORE, CAUGHT_UP, STOPPED }

    /**
     * Seals batch after batch until the trail's end or a problem. Reaching the end the first time,
     * and after a long catch-up, is logged, so an operator (or a benchmark) knows when it is done.
     */
    void catchUp() {
        long started = System.nanoTime();
        long from = head.current().position();
        Outcome outcome;
        long batchStarted = System.nanoTime();
        while ((outcome = sealNextBatch()) == Outcome.MORE && !stopping) {
            try {
                Thread.sleep(Math.max(PAUSE.toMillis(), Duration.ofNanos(System.nanoTime() - batchStarted).toMillis()));
                batchStarted = System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        long sealed = head.current().position() - from;
        if (outcome == Outcome.CAUGHT_UP && (!caughtUpOnce || sealed >= BATCH)) {
            caughtUpOnce = true;
            log.info("The audit trail is sealed up to position {} ({} entries sealed in {} ms)", head.current().position(),
                    sealed, Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    /** Seals the next batch after the head. */
    private Outcome sealNextBatch() {
        Head from = head.current();
        // the head's own entry comes first, to check that the trail still holds it
        List<SealedEntry> entries = repository.between(Math.max(from.position(), 1), chainEnd.position(), BATCH + 1);
        boolean full = entries.size() == BATCH + 1;
        int next = 0;
        if (from.position() > 0) {
            if (entries.isEmpty() || entries.getFirst().position() != from.position()
                    || !Arrays.equals(entries.getFirst().entry().getHash(), from.hash())) {
                return problem("the trail no longer holds the sealed head at position " + from.position());
            }
            next = 1;
        }
        List<SealedEntry> batch = entries.subList(next, entries.size());
        if (batch.isEmpty()) {
            return Outcome.CAUGHT_UP;
        }
        int usable = usableLength(from, batch);
        Mac mac = keys.sealMac();
        List<Seal> seals = new ArrayList<>();
        String mismatch = null;
        for (int i = 0; i < usable; i++) {
            SealedEntry sealed = batch.get(i);
            byte[] computed = AuditEntrySeal.of(mac, sealed.entry());
            if (sealed.mac() == null) {
                seals.add(new Seal(sealed.position(), computed));
            } else if (!MessageDigest.isEqual(computed, sealed.mac())) {
                mismatch = "the seal at position " + sealed.position() + " does not match its entry (changed after "
                        + "sealing, or sealed by a hub with another seal key)";
                usable = i;
                break;
            }
        }
        repository.insert(seals);
        if (usable > 0) {
            SealedEntry last = batch.get(usable - 1);
            head.advance(new Head(last.position(), last.entry().getHash()));
        }
        if (mismatch != null) {
            return problem(mismatch);
        }
        if (usable < batch.size()) {
            return problem("the entry at position " + batch.get(usable).position() + " does not continue the hash chain");
        }
        reportedProblem = null;
        return full ? Outcome.MORE : Outcome.CAUGHT_UP;
    }

    /** How many entries of the batch continue the chain from the head: no gap, each hash follows. */
    private int usableLength(Head from, List<SealedEntry> batch) {
        int contiguous = 0;
        while (contiguous < batch.size() && batch.get(contiguous).position() == from.position() + 1 + contiguous) {
            contiguous++;
        }
        if (contiguous == 0) {
            return 0;
        }
        Optional<Long> broken = repository.firstChainBreak(from.position() + 1, batch.get(contiguous - 1).position());
        return broken.map(position -> (int) (position - from.position() - 1)).orElse(contiguous);
    }

    private Outcome problem(String problem) {
        if (!problem.equals(reportedProblem)) {
            log.error("The audit sealer stopped: {}; verifyAudit names what changed", problem);
            reportedProblem = problem;
        }
        return Outcome.STOPPED;
    }

    private static String failure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getClass().getName() + " (SQL state " + sql.getSQLState() + ")";
            }
        }
        return failure.getClass().getName();
    }
}
