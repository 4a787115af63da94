package id.terpadu.imports;

import id.terpadu.db.codes.ImportFormat;
import id.terpadu.db.codes.ImportStatus;
import id.terpadu.db.tables.records.ImportJobRecord;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * An import job as its uploader sees it, over GraphQL and as the JSON answer of {@code POST /imports}:
 * its state, counts, and the progress of the current run (percent, rows a second, seconds left).
 */
record ImportJobView(String id, String kind, ImportStatus status, boolean dryRun, String fileName, ImportFormat fileFormat,
                     long fileSize,
                     int rowsTotal, int rowsRead, int rowsApplied, int rowsFailed, int rowsNew, int rowsChanged,
                     int rowsUnchanged, int rowsInvalid, double percent, Double rowsPerSecond, Integer secondsLeft,
                     String duplicateOf, String failure, OffsetDateTime createdAt, OffsetDateTime startedAt,
                     OffsetDateTime finishedAt) {

    static ImportJobView of(ImportJobRecord job) {
        int total = job.getRowsTotal();
        int read = job.getRowsRead();
        boolean running = job.getStatus() == ImportStatus.VALIDATING || job.getStatus() == ImportStatus.APPLYING;
        Double rate = null;
        Integer left = null;
        if (job.getStartedAt() != null) {
            OffsetDateTime until = job.getFinishedAt() != null ? job.getFinishedAt() : OffsetDateTime.now();
            double seconds = Math.max(Duration.between(job.getStartedAt(), until).toMillis(), 1) / 1000.0;
            int thisRun = read - job.getRowsAtStart();
            if (thisRun > 0) {
                rate = Math.round(thisRun / seconds * 10) / 10.0;
                left = running ? (int) Math.ceil((total - read) / (thisRun / seconds)) : 0;
            }
        }
        boolean applying = !job.getDryRun();
        return new ImportJobView(String.valueOf(job.getId()), job.getKind(), job.getStatus(), job.getDryRun(), job.getFileName(),
                job.getFileFormat(), job.getFileSize(), total, read, applying ? job.getRowsNew() + job.getRowsChanged() : 0, job.getRowsInvalid(),
                job.getRowsNew(), job.getRowsChanged(), job.getRowsUnchanged(), job.getRowsInvalid(),
                job.getStatus() == ImportStatus.DUPLICATE ? 100.0 : total == 0 ? 0 : Math.floor(read * 1000.0 / total) / 10.0,
                rate, left, job.getDuplicateOf() == null ? null : String.valueOf(job.getDuplicateOf()), job.getFailure(),
                job.getCreatedAt(), job.getStartedAt(), job.getFinishedAt());
    }

    boolean finished() {
        return status != ImportStatus.VALIDATING && status != ImportStatus.APPLYING;
    }
}
