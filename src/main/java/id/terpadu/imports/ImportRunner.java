package id.terpadu.imports;

import id.terpadu.access.Caller;
import id.terpadu.audit.AuditContext;
import id.terpadu.db.codes.ImportStatus;
import id.terpadu.db.tables.records.ImportJobRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs import jobs on their own threads, batch by batch: each batch of rows is checked (and, when
 * the job applies, written) in one transaction together with the job's counters and refused rows,
 * audited under the job's id. A failure rolls back the batch it happened in and leaves the job
 * FAILED after its last committed batch; a stop of the hub leaves it unfinished, and the next start
 * carries it on from there.
 */
@Component
class ImportRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ImportRunner.class);

    private final ImportJobRepository jobs;
    private final ImportKinds kinds;
    private final ImportFiles files;
    private final TransactionTemplate transactions;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    ImportRunner(ImportJobRepository jobs, ImportKinds kinds, ImportFiles files, PlatformTransactionManager transactionManager) {
        this.jobs = jobs;
        this.kinds = kinds;
        this.files = files;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Runs a job in the background, scanning its file first. */
    Future<?> submit(long id) {
        return submit(id, null);
    }

    /** Runs a job in the background with the scan its upload just made of its file (null: scan it again). */
    Future<?> submit(long id, FileScan scanned) {
        return threads.submit(() -> run(id, scanned));
    }

    /** Carries on with the jobs that a stop of the hub interrupted. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeInterrupted() {
        for (long id : jobs.unfinished()) {
            LOG.info("Resuming import job {} after its last committed batch", id);
            jobs.find(id).ifPresent(job -> jobs.resume(id, job.getStatus()));
            submit(id);
        }
    }

    /** Runs a job to its end, after the rows its committed batches already did. */
    void run(long id, FileScan scanned) {
        ImportJobRecord job = jobs.find(id).orElseThrow();
        boolean write = job.getStatus() == ImportStatus.APPLYING;
        try {
            ImportKind kind = kinds.get(job.getKind());
            Caller caller = new Caller(job.getSubject(), job.getUsername(), job.getClient(), Set.copyOf(Arrays.asList(job.getRoles())),
                    job.getRegion());
            Path file = files.of(id);
            FileFormat format = FileFormat.valueOf(job.getFileFormat().name());
            FileScan scan = scanned != null ? scanned : FileScan.of(file, format, kind, Integer.MAX_VALUE);
            AuditContext.Operation operation = new AuditContext.Operation(caller, "import" + kind.name(), jobReference(id));
            Batches batches = new Batches(kind, caller, scan, job.getRowsRead(), write, id, operation);
            format.read(file, batches);
            batches.flush();
            jobs.finish(id, write ? ImportStatus.APPLIED : ImportStatus.VALIDATED, null);
        } catch (RuntimeException e) {
            LOG.error("Import job {} failed", id, e);
            String reason = e instanceof FileRefusal refusal ? refusal.getMessage()
                    : "The import stopped after the rows counted as read; nothing of the batch that failed was written. Retry the job.";
            jobs.finish(id, ImportStatus.FAILED, reason);
        }
    }

    /** The reference an import job's audit entries and identity reads carry. */
    static String jobReference(long id) {
        return "import-job-" + id;
    }

    /** Gathers rows into batches and commits each. */
    private final class Batches implements FileFormat.RowSink {

        private final ImportKind kind;
        private final Caller caller;
        private final FileScan scan;
        private final boolean write;
        private final long id;
        private final AuditContext.Operation operation;
        private final List<ImportRow> batch = new ArrayList<>(ImportRow.BATCH_SIZE);
        private int toSkip;
        private boolean header = true;

        Batches(ImportKind kind, Caller caller, FileScan scan, int done, boolean write, long id, AuditContext.Operation operation) {
            this.kind = kind;
            this.caller = caller;
            this.scan = scan;
            this.toSkip = done;
            this.write = write;
            this.id = id;
            this.operation = operation;
        }

        @Override
        public void row(int line, List<String> cells) {
            if (header) {
                header = false;
                return;
            }
            if (toSkip > 0) {
                toSkip--;
                return;
            }
            ImportRow row = scan.layout().row(line, cells);
            // a batch ends between two groups (a household's rows stay together); a group longer than a batch
            // is refused by the scan, and the cap keeps memory flat even for such a file
            if (batch.size() >= ImportRow.BATCH_SIZE && (!sameGroup(batch.getLast(), row) || batch.size() >= 2 * ImportRow.BATCH_SIZE)) {
                flush();
            }
            batch.add(row);
        }

        private boolean sameGroup(ImportRow last, ImportRow row) {
            String column = kind.groupColumn();
            return column != null && last.value(column) != null && last.value(column).equals(row.value(column));
        }

        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            List<ImportRow> rows = List.copyOf(batch);
            batch.clear();
            AuditContext.during(operation, () -> transactions.execute(status -> {
                commit(rows);
                return null;
            }));
        }

        private void commit(List<ImportRow> rows) {
            Map<Integer, RowOutcome> outcomes = new LinkedHashMap<>();
            Map<String, Integer> refusedGroups = new HashMap<>();
            for (ImportRow row : rows) {
                int times = scan.timesGiven(kind, row);
                String groupProblem = scan.groupProblem(kind, row);
                if (times > 1) {
                    outcomes.put(row.line(), RowOutcome.invalid(kind.keyColumn(), "This " + kind.keyColumn()
                            + " appears " + times + " times in the file: give one row per " + kind.keyColumn() + "."));
                } else if (groupProblem != null) {
                    outcomes.put(row.line(), RowOutcome.invalid(kind.groupColumn(), groupProblem));
                }
                if (outcomes.containsKey(row.line()) && kind.groupColumn() != null && row.value(kind.groupColumn()) != null) {
                    refusedGroups.putIfAbsent(row.value(kind.groupColumn()), row.line());
                }
            }
            List<ImportRow> unique = new ArrayList<>(rows.size());
            for (ImportRow row : rows) {
                if (outcomes.containsKey(row.line())) {
                    continue;
                }
                Integer refusedLine = kind.groupColumn() == null ? null : refusedGroups.get(row.value(kind.groupColumn()));
                if (refusedLine != null) {
                    outcomes.put(row.line(), RowOutcome.invalid(kind.groupColumn(), "The rows of this " + kind.groupColumn()
                            + " are imported together or not at all, and its row on line " + refusedLine + " is refused."));
                } else {
                    unique.add(row);
                }
            }
            if (!unique.isEmpty()) {
                List<RowOutcome> checked = kind.apply(caller, jobReference(id), unique, write);
                for (int i = 0; i < unique.size(); i++) {
                    outcomes.put(unique.get(i).line(), checked.get(i));
                }
            }
            int created = 0;
            int changed = 0;
            int unchanged = 0;
            List<ImportJobRepository.Problem> problems = new ArrayList<>();
            for (ImportRow row : rows) {
                RowOutcome outcome = outcomes.get(row.line());
                switch (outcome.outcome()) {
                    case NEW -> created++;
                    case CHANGED -> changed++;
                    case UNCHANGED -> unchanged++;
                    case INVALID -> problems.add(new ImportJobRepository.Problem(row.line(), outcome.field(), outcome.reason(),
                            row.values()));
                }
            }
            jobs.batchDone(id, new ImportJobRepository.Counts(created, changed, unchanged, problems.size()), problems);
        }
    }
}
